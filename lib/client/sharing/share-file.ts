// The sender's side (docs/format.md §5, §7): look the recipient up, show the
// pair's safety number, check the pinned key, seal and sign the envelope.
import type { KeyParent } from '@/lib/crypto/key-parent';
import { fromBase64Url, toBase64Url } from '@/lib/crypto/bytes';
import { openShareEnvelope, sealShareEnvelope } from '@/lib/crypto/envelope';
import { unwrapFileKeyBytes } from '@/lib/crypto/file-key';
import type { UnlockedVault } from '@/lib/client/account/vault-keys';
import type { FileJson } from '@/lib/shared/files';
import type { PublicKeysJson, SharedFileJson, ShareJson } from '@/lib/shared/shares';
import { sharingApi } from './api';
import { safetyNumberWith } from './safety-number';
import { SharingError } from './messages';
import { loadContactBook, saveContactBook } from './contacts-store';
import { checkPin, IdentityKeyChangedError, pinContact, type PinCheck } from './pins';

export interface PreparedShare {
  email: string;
  recipient: PublicKeysJson;
  /** The pair's safety number (format.md §7.1), to compare out of band: the recipient sees the same one. */
  safetyNumber: string;
  pin: PinCheck;
}

export async function prepareShare(vault: UnlockedVault, email: string): Promise<PreparedShare> {
  const recipient = await sharingApi.lookup(email);
  if (recipient.userId === vault.userId) throw new SharingError('You cannot share with yourself.');
  const book = await loadContactBook(vault);
  return {
    email: email.trim().toLowerCase(),
    recipient,
    safetyNumber: await safetyNumberWith(vault, recipient.userId, recipient.identityPublicKey),
    pin: checkPin(book, recipient.userId, recipient.identityPublicKey),
  };
}

export interface ShareOptions {
  /** The user compared the new safety number after a key change. */
  reverified?: boolean;
  canReshare?: boolean;
  canDelete?: boolean;
}

/** The recipient's public keys as the envelope sealers take them. */
export type RecipientBundle = Parameters<typeof sealShareEnvelope>[0]['recipient'];

/**
 * Seals a key to the recipient, signed by this user, through `seal`. A
 * changed pinned key blocks the share unless the user re-verified (compared
 * the new safety number); the sealers check the HPKE key's binding
 * signature. The new pin is saved before the envelope leaves the browser.
 * File and folder shares both come through here, so the pinning rule is one.
 */
export async function sealPinned(
  vault: UnlockedVault, prepared: PreparedShare, options: ShareOptions, seal: (recipient: RecipientBundle) => Promise<Uint8Array>,
): Promise<string> {
  const { recipient } = prepared;
  // Re-read the pins now: the prepared check may be stale.
  const book = await loadContactBook(vault);
  const check = checkPin(book, recipient.userId, recipient.identityPublicKey);
  if (check.status === 'changed' && !options.reverified) throw new IdentityKeyChangedError(recipient.userId, check.contact.email);
  const envelope = await seal({
    identityPublicKeyRaw: fromBase64Url(recipient.identityPublicKey),
    hpkePublicKeyRaw: fromBase64Url(recipient.hpkePublicKey),
    hpkeKeyBindingSignature: fromBase64Url(recipient.hpkeKeyBindingSignature),
  }).catch((cause: unknown) => {
    throw new SharingError(`The keys the server returned for ${prepared.email} are not signed by their identity key. Nothing was shared.`, { cause });
  });
  if (check.status !== 'match' || options.reverified) {
    await saveContactBook(vault, pinContact(book, recipient.userId, { email: prepared.email, identityPublicKey: recipient.identityPublicKey }, { reverified: options.reverified }));
  }
  return toBase64Url(envelope);
}

function sealFor(vault: UnlockedVault, fileId: string, fileKeyBytes: Uint8Array, prepared: PreparedShare, options: ShareOptions): Promise<string> {
  return sealPinned(vault, prepared, options, (recipient) => sealShareEnvelope({
    fileKeyBytes,
    ids: { fileId, senderId: vault.userId, recipientId: prepared.recipient.userId },
    recipient,
    senderIdentityPrivateKey: vault.keys.identity.privateKey,
  }));
}

/** The owner shares a file: the key comes from the owner's root-key wrapping. */
/** `parent`: the key the owner's file key is wrapped under (its folder's, or the root key). */
export async function shareFile(vault: UnlockedVault, parent: KeyParent, file: FileJson, prepared: PreparedShare, options: ShareOptions = {}): Promise<ShareJson> {
  if (!file.wrappedFileKey) throw new SharingError('The upload is not complete yet.');
  const fileKeyBytes = await unwrapFileKeyBytes(parent, fromBase64Url(file.wrappedFileKey), file.id);
  try {
    const envelope = await sealFor(vault, file.id, fileKeyBytes, prepared, options);
    return await sharingApi.create(file.id, prepared.recipient.userId, envelope, options);
  } finally {
    fileKeyBytes.fill(0);
  }
}

/**
 * A recipient the owner allowed to re-share passes the file on: the key comes
 * from the envelope they received, opened (and so verified) again here.
 */
export async function reshareFile(vault: UnlockedVault, shared: SharedFileJson, prepared: PreparedShare, options: ShareOptions = {}): Promise<ShareJson> {
  if (prepared.recipient.userId === vault.userId) throw new SharingError('You already have this file.');
  const fileKeyBytes = await openShareEnvelope({
    envelope: fromBase64Url(shared.envelope),
    ids: { fileId: shared.file.id, senderId: shared.senderId, recipientId: vault.userId },
    recipientHpkeKeyPair: vault.keys.hpke,
    senderIdentityPublicKeyRaw: fromBase64Url(shared.senderIdentityPublicKey),
  }).catch((cause: unknown) => {
    throw new SharingError('The key you received for this file no longer verifies, so it was not passed on.', { cause });
  });
  try {
    const envelope = await sealFor(vault, shared.file.id, fileKeyBytes, prepared, options);
    return await sharingApi.reshare(shared.shareId, prepared.recipient.userId, envelope);
  } finally {
    fileKeyBytes.fill(0);
  }
}
