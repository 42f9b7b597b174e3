// Where a wrapped key lives (docs/format.md §2.1): at the top level, under the
// owner's root key, or inside a folder, under that folder's wrap key. The
// parent decides the purpose and the ids of the wrap's AAD, so a server that
// moves a wrapped key to another place makes it fail to unwrap.
import type { WrapContext } from './wrap';

/** A folder's keys as the client holds them: derived, non-extractable (format.md §2.1). */
export interface FolderKeys {
  readonly folderId: string;
  /** AES-256-GCM: wraps the keys of the folder's files and subfolders. */
  readonly wrapKey: CryptoKey;
  /** AES-256-GCM: encrypts the folder's own metadata (name). */
  readonly metadataKey: CryptoKey;
}

export type KeyParent =
  | { readonly kind: 'root'; readonly rootKey: CryptoKey; readonly ownerId: string }
  | { readonly kind: 'folder'; readonly folder: FolderKeys };

export function rootParent(rootKey: CryptoKey, ownerId: string): KeyParent {
  if (typeof ownerId !== 'string' || ownerId.length === 0) throw new TypeError('ownerId must be a non-empty string');
  return { kind: 'root', rootKey, ownerId };
}

export function folderParent(folder: FolderKeys): KeyParent {
  return { kind: 'folder', folder };
}

/** The folder id a parent stands for, or null for the top level. */
export function parentFolderId(parent: KeyParent): string | null {
  return parent.kind === 'root' ? null : parent.folder.folderId;
}

export function parentWrappingKey(parent: KeyParent): CryptoKey {
  return parent.kind === 'root' ? parent.rootKey : parent.folder.wrapKey;
}

// format.md §3 table: (ownerId, fileId) at the top level, (folderId, fileId) in a folder.
export function fileKeyContext(parent: KeyParent, fileId: string): WrapContext {
  return parent.kind === 'root'
    ? { purpose: 'file-key', ids: [parent.ownerId, fileId] }
    : { purpose: 'file-key-in-folder', ids: [parent.folder.folderId, fileId] };
}

export function folderKeyContext(parent: KeyParent, folderId: string): WrapContext {
  return parent.kind === 'root'
    ? { purpose: 'folder-key', ids: [parent.ownerId, folderId] }
    : { purpose: 'folder-key-in-folder', ids: [parent.folder.folderId, folderId] };
}
