// The recipient's side of a folder share (docs/format.md §2.1). The owner's
// identity key is checked against the pin, the envelope's signature verified,
// and the folder key opened; then every folder below opens only under its
// parent's key and every file only under its folder's key, as in the owner's
// own tree. Whatever the server lists that does not open that way (a row it
// injected, a key it moved in from elsewhere) is refused: never shown, only
// counted, because nothing about it can be trusted, its name included.
import { fromBase64Url } from '@/lib/crypto/bytes';
import { decryptFolderMetadata } from '@/lib/crypto/folder-key';
import { openFolderShareEnvelope } from '@/lib/crypto/folder-share-envelope';
import { folderParent, type FolderKeys } from '@/lib/crypto/key-parent';
import type { UnlockedVault } from '@/lib/client/account/vault-keys';
import { openFile, type VaultFile } from '@/lib/client/files/file-list';
import { loadContactBook, saveContactBook } from '@/lib/client/sharing/contacts-store';
import { SharingError } from '@/lib/client/sharing/messages';
import { safetyNumberWith } from '@/lib/client/sharing/safety-number';
import { checkPin, pinContact, type ContactBook } from '@/lib/client/sharing/pins';
import type { SharedFolderJson } from '@/lib/shared/folder-shares';
import { folderSharingApi } from './sharing-api';
import { openFoldersBelow, VaultTree } from './tree';

export type OpenedSharedFolder =
  /** `safetyNumber`: the recipient's and the owner's (format.md §7.1), as the owner saw it when sharing. */
  | { ok: true; share: SharedFolderJson; name: string; keys: FolderKeys; safetyNumber: string }
  | { ok: false; share: SharedFolderJson; reason: string };

async function openRoot(vault: UnlockedVault, book: ContactBook, share: SharedFolderJson): Promise<{ opened: OpenedSharedFolder; book: ContactBook }> {
  const refuse = (reason: string) => ({ opened: { ok: false as const, share, reason }, book });
  const pin = checkPin(book, share.ownerId, share.ownerIdentityPublicKey);
  if (pin.status === 'changed') return refuse(`the identity key of ${pin.contact.email} changed since you pinned it; not opened`);
  let keys: FolderKeys;
  try {
    keys = await openFolderShareEnvelope({
      envelope: fromBase64Url(share.envelope),
      ids: { folderId: share.folderId, senderId: share.ownerId, recipientId: vault.userId },
      recipientHpkeKeyPair: vault.keys.hpke,
      senderIdentityPublicKeyRaw: fromBase64Url(share.ownerIdentityPublicKey),
    });
  } catch {
    return refuse(`not signed by ${share.ownerEmail}: refused`);
  }
  try {
    const { name } = await decryptFolderMetadata(keys, fromBase64Url(share.encryptedMetadata));
    const next = pin.status === 'new' ? pinContact(book, share.ownerId, { email: share.ownerEmail, identityPublicKey: share.ownerIdentityPublicKey }) : book;
    const safetyNumber = await safetyNumberWith(vault, share.ownerId, share.ownerIdentityPublicKey);
    return { opened: { ok: true, share, name, keys, safetyNumber }, book: next };
  } catch {
    return refuse('the folder\'s name could not be decrypted with the shared key: refused');
  }
}

/** Opens each shared folder's envelope, pinning new owners once; refused ones carry a reason. */
export async function openSharedFolders(vault: UnlockedVault, shares: readonly SharedFolderJson[]): Promise<OpenedSharedFolder[]> {
  if (shares.length === 0) return [];
  let book = await loadContactBook(vault);
  const before = book;
  const out: OpenedSharedFolder[] = [];
  for (const share of shares) {
    const result = await openRoot(vault, book, share);
    out.push(result.opened);
    book = result.book;
  }
  if (book !== before) await saveContactBook(vault, book);
  return out;
}

export interface SharedFolderView {
  share: SharedFolderJson;
  /** Rooted at the shared folder: `tree.folders` holds it (parentId null) and what opened below it. */
  tree: VaultTree;
  files: VaultFile[];
  /** Folders and files the server listed that did not open under this tree's keys. */
  hidden: number;
}

/**
 * The live subtree as the server lists it now (a file the owner added after
 * sharing included), opened under the keys this share's envelope yields.
 */
export async function openSharedFolder(vault: UnlockedVault, shareId: string): Promise<SharedFolderView> {
  const subtree = await folderSharingApi.subtree(shareId);
  const [root] = await openSharedFolders(vault, [subtree.share]);
  if (!root || !root.ok) throw new SharingError(`This shared folder was refused: ${root?.ok === false ? root.reason : 'it could not be opened'}.`);
  const tree = new VaultTree(folderParent(root.keys));
  // The shared folder is the recipient's top: its own parent is the owner's business, so it has none here.
  tree.folders.set(root.share.folderId, {
    id: root.share.folderId, parentId: null, name: root.name, keys: root.keys, parent: tree.root,
    wrappedFolderKey: new Uint8Array(0), trashedAt: null, createdAt: root.share.createdAt,
  });
  await openFoldersBelow(tree, root.share.folderId, tree.root, subtree.folders);
  const opened = await Promise.allSettled(subtree.files.map((row) => openFile(tree.parentFor(row.folderId), row)));
  const files = opened.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  return { share: root.share, tree, files, hidden: tree.refused.length + (opened.length - files.length) };
}
