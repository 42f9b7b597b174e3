// The key check (docs/format.md §2): a file key wrapped under the root key
// (§3, purpose file-key, ids userId and a random check id) plus metadata it
// encrypts (§4), made at sign-up and stored with the account. Decrypting it
// at each unlock shows the root key is the one that was there from the
// start, which is what a password change or recovery must preserve. The file
// key's bytes exist only inside createKeyCheckBytes.
import { rootParent } from './key-parent';
import { toBase64Url } from './bytes';
import { generateFileKeyBytes, importFileKey, unwrapFileKey, wrapFileKey } from './file-key';
import { decryptMetadata, encryptMetadata } from './metadata';
import { randomBytes } from './subtle';

export interface KeyCheckBytes {
  /** 16 random bytes as base64url (22 characters): an id, bound as text. */
  id: string;
  wrappedFileKey: Uint8Array;
  metadata: Uint8Array;
}

export async function createKeyCheckBytes(rootKey: CryptoKey, userId: string): Promise<KeyCheckBytes> {
  const id = toBase64Url(randomBytes(16));
  const fileKeyBytes = generateFileKeyBytes();
  try {
    const wrappedFileKey = await wrapFileKey(rootParent(rootKey, userId), fileKeyBytes, id);
    const name = `key-check-${toBase64Url(randomBytes(6))}.txt`;
    const metadata = await encryptMetadata(await importFileKey(fileKeyBytes), id, { name, type: 'text/plain', size: 0, mtime: Date.now() });
    return { id, wrappedFileKey, metadata };
  } finally {
    fileKeyBytes.fill(0);
  }
}

/** The decrypted name; throws IntegrityError if the root key is not the original one. */
export async function verifyKeyCheckBytes(rootKey: CryptoKey, userId: string, check: KeyCheckBytes): Promise<string> {
  const fileKey = await unwrapFileKey(rootParent(rootKey, userId), check.wrappedFileKey, check.id);
  return (await decryptMetadata(fileKey, check.id, check.metadata)).name;
}
