// The key check: a file key wrapped under the root key plus metadata it
// encrypts, made at sign-up and stored with the account. Decrypting it at each
// unlock shows the root key is the one that was there from the start, which is
// what a password change or recovery must preserve.
import { rootParent } from '@/lib/crypto/key-parent';
import { fromBase64Url, toBase64Url } from '@/lib/crypto/bytes';
import { generateFileKeyBytes, importFileKey, unwrapFileKey, wrapFileKey } from '@/lib/crypto/file-key';
import { decryptMetadata, encryptMetadata } from '@/lib/crypto/metadata';
import { randomBytes } from '@/lib/crypto/subtle';
import type { KeyCheckJson } from '@/lib/shared/accounts';

export async function createKeyCheck(rootKey: CryptoKey, userId: string): Promise<KeyCheckJson> {
  const id = toBase64Url(randomBytes(16));
  const fileKeyBytes = generateFileKeyBytes();
  const wrappedFileKey = await wrapFileKey(rootParent(rootKey, userId), fileKeyBytes, id);
  const name = `key-check-${toBase64Url(randomBytes(6))}.txt`;
  const metadata = await encryptMetadata(await importFileKey(fileKeyBytes), id, { name, type: 'text/plain', size: 0, mtime: Date.now() });
  fileKeyBytes.fill(0);
  return { id, wrappedFileKey: toBase64Url(wrappedFileKey), metadata: toBase64Url(metadata) };
}

/** The decrypted name; throws IntegrityError if the root key is not the original one. */
export async function verifyKeyCheck(rootKey: CryptoKey, userId: string, check: KeyCheckJson): Promise<string> {
  const fileKey = await unwrapFileKey(rootParent(rootKey, userId), fromBase64Url(check.wrappedFileKey), check.id);
  return (await decryptMetadata(fileKey, check.id, fromBase64Url(check.metadata))).name;
}
