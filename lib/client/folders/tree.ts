// The vault's folder tree as the browser sees it: each folder's key unwrapped
// from its parent's, top down, and its name decrypted (docs/format.md §2.1).
// A folder whose key does not unwrap for the place the server put it in (a
// row moved or injected by the server) is refused, with everything below it:
// its children's keys are wrapped under a key the client never obtained.
import { fromBase64Url } from '@/lib/crypto/bytes';
import { decryptFolderMetadata, unwrapFolderKeys } from '@/lib/crypto/folder-key';
import { folderParent, rootParent, type FolderKeys, type KeyParent } from '@/lib/crypto/key-parent';
import type { FolderJson } from '@/lib/shared/folders';
import type { UnlockedVault } from '@/lib/client/account/vault-keys';

export interface VaultFolder {
  id: string;
  parentId: string | null;
  name: string;
  keys: FolderKeys;
  /** The key its own key is wrapped under: needed to re-wrap it on a move. */
  parent: KeyParent;
  wrappedFolderKey: Uint8Array;
  trashedAt: string | null;
  createdAt: string;
}

export interface RefusedFolder {
  id: string;
  parentId: string | null;
  reason: 'key' | 'metadata' | 'parent';
}

export class VaultTree {
  readonly folders = new Map<string, VaultFolder>();
  readonly refused: RefusedFolder[] = [];

  constructor(readonly root: KeyParent) {}

  /** The key parent of a folder id (null: the top level), or null if that folder was refused or is unknown. */
  parentFor(folderId: string | null): KeyParent | null {
    if (folderId === null) return this.root;
    const folder = this.folders.get(folderId);
    return folder ? folderParent(folder.keys) : null;
  }

  /** Top-level first: the folders from the top to `id`. */
  pathTo(id: string | null): VaultFolder[] {
    const out: VaultFolder[] = [];
    for (let current = id; current !== null; ) {
      const folder = this.folders.get(current);
      if (!folder || out.length > this.folders.size) break;
      out.unshift(folder);
      current = folder.parentId;
    }
    return out;
  }

  childrenOf(id: string | null): VaultFolder[] {
    return [...this.folders.values()].filter((f) => f.parentId === id);
  }

  /** Not in the trash, itself or through an ancestor. */
  isLive(id: string | null): boolean {
    if (id === null) return true;
    const path = this.pathTo(id);
    return path.length > 0 && path[path.length - 1]!.id === id && path.every((f) => f.trashedAt === null);
  }

  /** Whether `candidate` is `folderId` or below it: a folder may not move there (the server checks too). */
  isWithin(candidate: string | null, folderId: string): boolean {
    return this.pathTo(candidate).some((f) => f.id === folderId);
  }

  /** "Top / Taxes / 2026" style path, for search results and zip entries. */
  pathName(id: string | null): string {
    return this.pathTo(id).map((f) => f.name).join('/');
  }
}

/** What the walk needs of a folder row: the owner's list and a link's subtree both have it. */
export type FolderRow = Pick<FolderJson, 'id' | 'parentId' | 'wrappedFolderKey' | 'encryptedMetadata'> & Partial<Pick<FolderJson, 'trashedAt' | 'createdAt'>>;

/**
 * Opens `rows` below `startId` (null: the top level) under `startParent`, into
 * `tree`, and refuses the rest: rows below a refused folder, or hanging from a
 * parent that is not there.
 */
export async function openFoldersBelow(tree: VaultTree, startId: string | null, startParent: KeyParent, rows: readonly FolderRow[]): Promise<void> {
  const byParent = new Map<string | null, FolderRow[]>();
  for (const row of rows) byParent.set(row.parentId, [...(byParent.get(row.parentId) ?? []), row]);
  const known = new Set(rows.map((r) => r.id));
  if (startId !== null) known.add(startId);
  // Top down, one level at a time: a child opens only under its parent's key.
  let level: { parent: KeyParent; rows: FolderRow[] }[] = [{ parent: startParent, rows: byParent.get(startId) ?? [] }];
  // A row claiming the start folder's own id is never opened as one of its children.
  const opened = new Set<string>(startId === null ? [] : [startId]);
  while (level.length > 0) {
    const next: typeof level = [];
    await Promise.all(level.flatMap(({ parent, rows: children }) => children.map(async (row) => {
      if (opened.has(row.id)) return;
      opened.add(row.id);
      const wrapped = fromBase64Url(row.wrappedFolderKey);
      let keys: FolderKeys;
      try {
        keys = await unwrapFolderKeys(parent, wrapped, row.id);
      } catch {
        tree.refused.push({ id: row.id, parentId: row.parentId, reason: 'key' });
        return;
      }
      try {
        const metadata = await decryptFolderMetadata(keys, fromBase64Url(row.encryptedMetadata));
        tree.folders.set(row.id, {
          id: row.id, parentId: row.parentId, name: metadata.name, keys, parent, wrappedFolderKey: wrapped,
          trashedAt: row.trashedAt ?? null, createdAt: row.createdAt ?? new Date(metadata.mtime).toISOString(),
        });
        next.push({ parent: folderParent(keys), rows: byParent.get(row.id) ?? [] });
      } catch {
        tree.refused.push({ id: row.id, parentId: row.parentId, reason: 'metadata' });
      }
    })));
    level = next;
  }
  // Rows never reached: below a refused folder, or hanging from a parent that does not exist.
  for (const row of rows) if (!opened.has(row.id)) tree.refused.push({ id: row.id, parentId: row.parentId, reason: known.has(row.parentId ?? '') ? 'parent' : 'key' });
}

export async function openTree(vault: UnlockedVault, rows: readonly FolderJson[]): Promise<VaultTree> {
  const tree = new VaultTree(rootParent(vault.keys.rootKey, vault.userId));
  await openFoldersBelow(tree, null, tree.root, rows);
  return tree;
}
