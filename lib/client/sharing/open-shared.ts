// The recipient's side (docs/format.md §5): check the sender's identity key
// against the pin, verify the envelope's signature, open it, decrypt the name.
import { fromBase64Url } from '@/lib/crypto/bytes';
import { openShareEnvelope } from '@/lib/crypto/envelope';
import { importFileKey } from '@/lib/crypto/file-key';
import { plaintextSizeFromCiphertextSize } from '@/lib/crypto/file-format';
import { decryptMetadata } from '@/lib/crypto/metadata';
import type { OpenedFile } from '@/lib/client/files/file-list';
import type { UnlockedVault } from '@/lib/client/account/vault-keys';
import type { SharedFileJson } from '@/lib/shared/shares';
import { loadContactBook, saveContactBook } from './contacts-store';
import { safetyNumberWith } from './safety-number';
import { checkPin, pinContact, type ContactBook } from './pins';

export type OpenedShare =
  /** `safetyNumber`: the recipient's and the sender's (format.md §7.1), as the sender saw it when sharing. */
  | { ok: true; share: SharedFileJson; file: OpenedFile; safetyNumber: string }
  | { ok: false; share: SharedFileJson; reason: string };

/** Opens every share, pinning new senders once; refused ones carry a reason instead of a key. */
export async function openSharedFiles(vault: UnlockedVault, shares: SharedFileJson[]): Promise<OpenedShare[]> {
  if (shares.length === 0) return [];
  let book = await loadContactBook(vault);
  const before = book;
  const opened: OpenedShare[] = [];
  for (const share of shares) {
    const result = await openShared(vault, book, share);
    opened.push(result.opened);
    book = result.book;
  }
  if (book !== before) await saveContactBook(vault, book);
  return opened;
}

async function openShared(vault: UnlockedVault, book: ContactBook, share: SharedFileJson): Promise<{ opened: OpenedShare; book: ContactBook }> {
  const refuse = (reason: string) => ({ opened: { ok: false as const, share, reason }, book });
  const pin = checkPin(book, share.senderId, share.senderIdentityPublicKey);
  if (pin.status === 'changed') return refuse(`the sender's identity key changed since you pinned it (${pin.contact.email}); not opened`);
  if (!share.file.encryptedMetadata) return refuse('the file is incomplete');
  let fileKeyBytes: Uint8Array;
  try {
    fileKeyBytes = await openShareEnvelope({
      envelope: fromBase64Url(share.envelope),
      ids: { fileId: share.file.id, senderId: share.senderId, recipientId: vault.userId },
      recipientHpkeKeyPair: vault.keys.hpke,
      senderIdentityPublicKeyRaw: fromBase64Url(share.senderIdentityPublicKey),
    });
  } catch {
    const role = share.senderEmail === share.ownerEmail ? 'the file\'s owner' : 'who the server says re-shared it';
    return refuse(`not signed by ${share.senderEmail}, ${role}: refused`);
  }
  let plaintextSize: number;
  try {
    plaintextSize = plaintextSizeFromCiphertextSize(share.file.ciphertextSize, share.file.chunkSize);
  } catch {
    fileKeyBytes.fill(0);
    return refuse('the stored file has an impossible size: refused');
  }
  try {
    const fileKey = await importFileKey(fileKeyBytes);
    const metadata = await decryptMetadata(fileKey, share.file.id, fromBase64Url(share.file.encryptedMetadata));
    const next = pin.status === 'new'
      ? pinContact(book, share.senderId, { email: share.senderEmail, identityPublicKey: share.senderIdentityPublicKey })
      : book;
    const file: OpenedFile = {
      id: share.file.id,
      fileKey,
      metadata,
      ciphertextSize: share.file.ciphertextSize,
      chunkSize: share.file.chunkSize,
      plaintextSize,
      createdAt: share.createdAt,
    };
    const safetyNumber = await safetyNumberWith(vault, share.senderId, share.senderIdentityPublicKey);
    return { opened: { ok: true, share, file, safetyNumber }, book: next };
  } catch {
    return refuse('the file\'s name could not be decrypted with the shared key: refused');
  } finally {
    fileKeyBytes.fill(0);
  }
}
