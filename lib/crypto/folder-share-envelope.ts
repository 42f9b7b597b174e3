// Folder-share envelopes (docs/format.md §2.1 "Sharing a folder"): the folder
// key sealed in §5's signed HPKE envelope, bound to (folderId, senderId,
// recipientId) under labels of its own, so a folder envelope never opens as
// a file share and a file envelope never opens as a folder share.
import { assertBytes } from './bytes';
import { KEY_LENGTH } from './constants';
import { openEnvelope, sealEnvelope, type EnvelopeLabels, type RecipientKeyBundle } from './envelope';
import { importFolderKeys } from './folder-key';
import type { FolderKeys } from './key-parent';

const FOLDER_SHARE_LABELS: EnvelopeLabels = { info: 'twofold/v1/folder-share', signature: 'twofold/v1/folder-share/signature' };

export interface FolderShareIds {
  folderId: string;
  senderId: string;
  recipientId: string;
}

function envelopeIds(ids: FolderShareIds) {
  if (typeof ids !== 'object' || ids === null) throw new TypeError('folder share ids must be an object');
  return { subjectId: ids.folderId, senderId: ids.senderId, recipientId: ids.recipientId };
}

/** The caller has verified the recipient's identity key (§7); the HPKE key's binding is checked inside. */
export async function sealFolderShareEnvelope(args: {
  folderKeyBytes: Uint8Array;
  ids: FolderShareIds;
  recipient: RecipientKeyBundle;
  senderIdentityPrivateKey: CryptoKey;
  /** Test-only, format.md §9: pins the HPKE ephemeral key. */
  unsafeDeterministic?: { ephemeralIkm: Uint8Array };
}): Promise<Uint8Array> {
  assertBytes(args.folderKeyBytes, 'folderKeyBytes', KEY_LENGTH);
  return sealEnvelope(FOLDER_SHARE_LABELS, { ...args, keyBytes: args.folderKeyBytes, ids: envelopeIds(args.ids) });
}

/** Verifies the sender's signature, then opens the folder key's bytes. Any failure is an IntegrityError. */
export async function openFolderShareEnvelopeBytes(args: {
  envelope: Uint8Array;
  ids: FolderShareIds;
  recipientHpkeKeyPair: CryptoKeyPair;
  senderIdentityPublicKeyRaw: Uint8Array;
}): Promise<Uint8Array> {
  return openEnvelope(FOLDER_SHARE_LABELS, { ...args, ids: envelopeIds(args.ids) });
}

/** The recipient's usual door: the folder's derived keys, the bytes zeroed (best effort). */
export async function openFolderShareEnvelope(args: Parameters<typeof openFolderShareEnvelopeBytes>[0]): Promise<FolderKeys> {
  const bytes = await openFolderShareEnvelopeBytes(args);
  try {
    return await importFolderKeys(bytes, args.ids.folderId);
  } finally {
    bytes.fill(0);
  }
}
