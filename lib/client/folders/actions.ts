// What the vault does to folders and items: every key operation happens here
// in the browser (docs/format.md §2.1), the server only records the result.
// A move re-wraps one key per item; nothing is re-encrypted.
import { toBase64Url } from '@/lib/crypto/bytes';
import { rewrapFileKey } from '@/lib/crypto/file-key';
import {
  encryptFolderMetadata, generateFolderKeyBytes, importFolderKeys, isValidFolderName, rewrapFolderKey, wrapFolderKey,
} from '@/lib/crypto/folder-key';
import { parentFolderId, type KeyParent } from '@/lib/crypto/key-parent';
import type { FolderJson, ItemKind, ItemRef, MAX_BULK_ITEMS } from '@/lib/shared/folders';
import { foldersApi, type FoldersApi } from './api';
import type { VaultTree } from './tree';
import { UserFacingError } from '@/lib/shared/user-facing-error';

/** A message meant for the person using the vault. */
export class FolderError extends UserFacingError {
  override name = 'FolderError';
}

const BATCH: typeof MAX_BULK_ITEMS = 300;

export function checkFolderName(name: string): string {
  const clean = name.trim();
  if (!isValidFolderName(clean)) {
    throw new FolderError('A folder name needs 1 to 255 bytes and cannot contain “/” or control characters.');
  }
  return clean;
}

/** Creates the folder and adds it to `tree`, so it can be used at once (folder uploads). */
export async function createFolder(tree: VaultTree, parentId: string | null, name: string, api: FoldersApi = foldersApi): Promise<FolderJson> {
  const parent = tree.parentFor(parentId);
  if (!parent) throw new FolderError('That folder could not be opened with your keys, so nothing can be added to it.');
  const clean = checkFolderName(name);
  const id = crypto.randomUUID();
  const bytes = generateFolderKeyBytes();
  try {
    const keys = await importFolderKeys(bytes, id);
    const wrappedFolderKey = await wrapFolderKey(parent, bytes, id);
    const row = await api.create({
      id,
      parentId,
      wrappedFolderKey: toBase64Url(wrappedFolderKey),
      encryptedMetadata: toBase64Url(await encryptFolderMetadata(keys, { name: clean, mtime: Date.now() })),
    });
    tree.folders.set(id, { id, parentId, name: clean, keys, parent, wrappedFolderKey, trashedAt: null, createdAt: row.createdAt });
    return row;
  } finally {
    bytes.fill(0);
  }
}

export async function renameFolder(tree: VaultTree, folderId: string, name: string, api: FoldersApi = foldersApi): Promise<FolderJson> {
  const folder = tree.folders.get(folderId);
  if (!folder) throw new FolderError('That folder is no longer there.');
  const blob = await encryptFolderMetadata(folder.keys, { name: checkFolderName(name), mtime: Date.now() });
  return api.rename(folderId, toBase64Url(blob));
}

/** An item as the vault holds it: where its key is wrapped now, and the wrapped key. */
export interface MovableItem {
  kind: ItemKind;
  id: string;
  parent: KeyParent;
  wrappedKey: Uint8Array;
}

async function rewrap(item: MovableItem, to: KeyParent): Promise<string> {
  const blob = item.kind === 'file'
    ? await rewrapFileKey(item.parent, to, item.wrappedKey, item.id)
    : await rewrapFolderKey(item.parent, to, item.wrappedKey, item.id);
  return toBase64Url(blob);
}

function batches<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += BATCH) out.push(list.slice(i, i + BATCH));
  return out;
}

/**
 * Moves items into `targetId` (null: the top level). Refused here before the
 * server refuses it too: a folder into itself or below itself. Up to 300
 * items go in one all-or-nothing request; more are sent in batches.
 */
export async function moveItems(tree: VaultTree, items: readonly MovableItem[], targetId: string | null, api: FoldersApi = foldersApi): Promise<void> {
  const target = tree.parentFor(targetId);
  if (!target) throw new FolderError('That folder could not be opened with your keys.');
  for (const item of items) {
    if (item.kind === 'folder' && tree.isWithin(targetId, item.id)) {
      throw new FolderError(`“${tree.folders.get(item.id)?.name ?? 'This folder'}” cannot move into itself or one of its own folders.`);
    }
  }
  // Already there: nothing to re-wrap.
  const moving = items.filter((item) => parentFolderId(item.parent) !== targetId);
  for (const batch of batches(moving)) {
    const withKeys = await Promise.all(batch.map(async (item) => ({ kind: item.kind, id: item.id, wrappedKey: await rewrap(item, target) })));
    await api.move({ parentId: targetId, items: withKeys });
  }
}

export async function trashItems(items: readonly ItemRef[], api: FoldersApi = foldersApi): Promise<void> {
  for (const batch of batches(items)) await api.trash(batch.map(({ kind, id }) => ({ kind, id })));
}

/**
 * Restores items where they were, or at the top level when their folder is
 * in the trash itself: then the key is re-wrapped under the root key.
 */
export async function restoreItems(tree: VaultTree, items: readonly (MovableItem & { parentId: string | null })[], api: FoldersApi = foldersApi): Promise<{ toTop: number }> {
  let toTop = 0;
  for (const batch of batches(items)) {
    const body = await Promise.all(batch.map(async (item) => {
      if (tree.isLive(item.parentId)) return { kind: item.kind, id: item.id };
      toTop++;
      return { kind: item.kind, id: item.id, wrappedKey: await rewrap(item, tree.root) };
    }));
    await api.restore(body);
  }
  return { toTop };
}

export async function deleteForever(items: readonly ItemRef[], api: FoldersApi = foldersApi): Promise<void> {
  for (const batch of batches(items)) await api.deleteForever(batch.map(({ kind, id }) => ({ kind, id })));
}

/** For folder uploads: the folder at `segments` under `parentId`, created where missing. */
export async function ensureFolderPath(
  tree: VaultTree, parentId: string | null, segments: readonly string[], api: FoldersApi = foldersApi,
): Promise<string | null> {
  let current = parentId;
  for (const segment of segments) {
    const existing = tree.childrenOf(current).find((f) => f.trashedAt === null && f.name === segment);
    if (existing) {
      current = existing.id;
      continue;
    }
    current = (await createFolder(tree, current, segment, api)).id;
  }
  return current;
}

