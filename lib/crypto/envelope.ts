// Sharing envelopes (docs/format.md §5): the file key sealed with HPKE to the
// recipient's P-256 key and signed by the sender's Ed25519 identity key. A
// folder share (§2.1, folder-share-envelope.ts) is the same construction
// under its own labels.
import { assertBytes, concatBytes, encodeFields } from './bytes';
import { KEY_LENGTH, TAG_LENGTH } from './constants';
import { FormatError, IntegrityError } from './errors';
import { hpkeKeyFingerprintBytes } from './fingerprint';
import { HPKE_ENC_LENGTH, hpkeOpenBase, hpkeSealBase } from './hpke';
import { exportPublicKeyRaw, importEd25519PublicKeyRaw, signEd25519, verifyEd25519 } from './subtle';
import { verifyHpkeKeyBinding } from './user-keys';

const ENVELOPE_VERSION = 1;
const CT_LENGTH = KEY_LENGTH + TAG_LENGTH;
const SIGNATURE_LENGTH = 64;
export const ENVELOPE_LENGTH = 1 + HPKE_ENC_LENGTH + CT_LENGTH + SIGNATURE_LENGTH; // 178

export interface ShareIds {
  fileId: string;
  senderId: string;
  recipientId: string;
}

/** What the server publishes about a recipient; verified before use. */
export interface RecipientKeyBundle {
  identityPublicKeyRaw: Uint8Array;
  hpkePublicKeyRaw: Uint8Array;
  hpkeKeyBindingSignature: Uint8Array;
}

/**
 * The two labels that make an envelope a file share (§5) or a folder share
 * (§2.1). Every envelope is bound to one subject id (a file's or a folder's)
 * through both the HPKE `info` and the signature, under labels of its kind,
 * so one kind never opens as the other whatever ids the server claims.
 */
export interface EnvelopeLabels {
  readonly info: string;
  readonly signature: string;
}

export const FILE_SHARE_LABELS: EnvelopeLabels = { info: 'twofold/v1/share', signature: 'twofold/v1/share/signature' };

/** The subject (file or folder id), the sender and the recipient, in that order of the format's fields. */
export interface EnvelopeIds {
  subjectId: string;
  senderId: string;
  recipientId: string;
}

function assertIds(ids: EnvelopeIds): void {
  for (const id of [ids.subjectId, ids.senderId, ids.recipientId]) {
    if (typeof id !== 'string' || id.length === 0) throw new TypeError('share ids must be non-empty strings');
  }
}

function envelopeInfo(labels: EnvelopeLabels, ids: EnvelopeIds): Uint8Array {
  return encodeFields(labels.info, ids.subjectId, ids.senderId, ids.recipientId);
}

function signedMessage(labels: EnvelopeLabels, enc: Uint8Array, ciphertext: Uint8Array, ids: EnvelopeIds, recipientKeyFingerprint: Uint8Array): Uint8Array {
  return encodeFields(labels.signature, enc, ciphertext, ids.subjectId, ids.senderId, ids.recipientId, recipientKeyFingerprint);
}

// The caller must already trust recipient.identityPublicKeyRaw (fingerprint
// compared, §7); the HPKE key's binding to it is checked here, so nobody can
// forget to.
export async function sealEnvelope(labels: EnvelopeLabels, args: {
  keyBytes: Uint8Array;
  ids: EnvelopeIds;
  recipient: RecipientKeyBundle;
  senderIdentityPrivateKey: CryptoKey;
  unsafeDeterministic?: { ephemeralIkm: Uint8Array };
}): Promise<Uint8Array> {
  const { keyBytes, ids, recipient } = args;
  assertBytes(keyBytes, 'keyBytes', KEY_LENGTH);
  assertIds(ids);
  const recipientKey = await verifyHpkeKeyBinding(
    recipient.identityPublicKeyRaw, ids.recipientId, recipient.hpkePublicKeyRaw, recipient.hpkeKeyBindingSignature,
  );
  const { enc, ciphertext } = await hpkeSealBase(recipientKey, envelopeInfo(labels, ids), keyBytes, args.unsafeDeterministic?.ephemeralIkm);
  const fingerprint = await hpkeKeyFingerprintBytes(recipient.hpkePublicKeyRaw);
  const signature = await signEd25519(args.senderIdentityPrivateKey, signedMessage(labels, enc, ciphertext, ids, fingerprint));
  return concatBytes(new Uint8Array([ENVELOPE_VERSION]), enc, ciphertext, signature);
}

// Signature first (cheap, and rejects forgeries before any decryption), then
// HPKE open with the same ids in `info`. Returns the sealed key's bytes.
export async function openEnvelope(labels: EnvelopeLabels, args: {
  envelope: Uint8Array;
  ids: EnvelopeIds;
  recipientHpkeKeyPair: CryptoKeyPair;
  senderIdentityPublicKeyRaw: Uint8Array;
}): Promise<Uint8Array> {
  const { envelope, ids } = args;
  assertBytes(envelope, 'envelope');
  assertIds(ids);
  if (envelope.length > 0 && envelope[0] !== ENVELOPE_VERSION) throw new FormatError(`unsupported envelope version ${envelope[0]}`);
  if (envelope.length !== ENVELOPE_LENGTH) throw new IntegrityError();
  const enc = envelope.subarray(1, 1 + HPKE_ENC_LENGTH);
  const ciphertext = envelope.subarray(1 + HPKE_ENC_LENGTH, 1 + HPKE_ENC_LENGTH + CT_LENGTH);
  const signature = envelope.subarray(1 + HPKE_ENC_LENGTH + CT_LENGTH);
  const ownKeyRaw = await exportPublicKeyRaw(args.recipientHpkeKeyPair.publicKey);
  let sender: CryptoKey;
  try {
    sender = await importEd25519PublicKeyRaw(args.senderIdentityPublicKeyRaw);
  } catch (cause) {
    throw new IntegrityError({ cause });
  }
  const message = signedMessage(labels, enc, ciphertext, ids, await hpkeKeyFingerprintBytes(ownKeyRaw));
  if (!(await verifyEd25519(sender, signature, message))) throw new IntegrityError();
  const keyBytes = await hpkeOpenBase(args.recipientHpkeKeyPair, enc, envelopeInfo(labels, ids), ciphertext);
  if (keyBytes.length !== KEY_LENGTH) throw new IntegrityError();
  return keyBytes;
}

const fileIds = (ids: ShareIds): EnvelopeIds => {
  if (typeof ids !== 'object' || ids === null) throw new TypeError('share ids must be an object');
  return { subjectId: ids.fileId, senderId: ids.senderId, recipientId: ids.recipientId };
};

/** format.md §5: the file key sealed to one recipient. */
export async function sealShareEnvelope(args: {
  fileKeyBytes: Uint8Array;
  ids: ShareIds;
  recipient: RecipientKeyBundle;
  senderIdentityPrivateKey: CryptoKey;
  /** Test-only, format.md §9: pins the HPKE ephemeral key. */
  unsafeDeterministic?: { ephemeralIkm: Uint8Array };
}): Promise<Uint8Array> {
  return sealEnvelope(FILE_SHARE_LABELS, { ...args, keyBytes: args.fileKeyBytes, ids: fileIds(args.ids) });
}

/** format.md §5: returns the file key bytes. */
export async function openShareEnvelope(args: {
  envelope: Uint8Array;
  ids: ShareIds;
  recipientHpkeKeyPair: CryptoKeyPair;
  senderIdentityPublicKeyRaw: Uint8Array;
}): Promise<Uint8Array> {
  return openEnvelope(FILE_SHARE_LABELS, { ...args, ids: fileIds(args.ids) });
}
