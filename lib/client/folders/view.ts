// What the vault page shows, from the decrypted tree and files: a folder's
// contents, the trash, and search across every folder. Names exist only in
// this browser, so all of it is computed here (the server cannot sort or
// search what it cannot read).
import type { VaultFile } from '@/lib/client/files/file-list';
import type { VaultFolder, VaultTree } from './tree';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export function foldersIn(tree: VaultTree, folderId: string | null): VaultFolder[] {
  return tree.childrenOf(folderId).filter((f) => f.trashedAt === null).sort((a, b) => collator.compare(a.name, b.name) || a.id.localeCompare(b.id));
}

export function filesIn(files: readonly VaultFile[], folderId: string | null): VaultFile[] {
  return files.filter((f) => f.folderId === folderId && f.trashedAt === null);
}

/** A live file is not in the trash, itself or through its folder. */
export function isLiveFile(tree: VaultTree, file: VaultFile): boolean {
  return file.trashedAt === null && tree.isLive(file.folderId);
}

export interface SearchHit {
  file: VaultFile;
  /** "Taxes/2026", empty at the top level. */
  path: string;
}

/** Every live file whose decrypted name contains the query, in any folder. */
export function searchFiles(tree: VaultTree, files: readonly VaultFile[], query: string): SearchHit[] {
  const needle = query.trim().toLocaleLowerCase();
  if (!needle) return [];
  return files
    .filter((f) => isLiveFile(tree, f) && f.metadata.name.toLocaleLowerCase().includes(needle))
    .map((file) => ({ file, path: tree.pathName(file.folderId) }))
    .sort((a, b) => collator.compare(a.file.metadata.name, b.file.metadata.name) || a.file.id.localeCompare(b.file.id));
}

export type TrashEntry =
  | { kind: 'folder'; folder: VaultFolder; trashedAt: string; itemCount: number }
  | { kind: 'file'; file: VaultFile; trashedAt: string };

/** What was put in the trash, newest first: items marked themselves (their contents go with them). */
export function trashEntries(tree: VaultTree, files: readonly VaultFile[]): TrashEntry[] {
  const entries: TrashEntry[] = [];
  for (const folder of tree.folders.values()) {
    if (folder.trashedAt === null) continue;
    const below = new Set([...tree.folders.values()].filter((f) => tree.isWithin(f.id, folder.id)).map((f) => f.id));
    const itemCount = files.filter((f) => f.folderId !== null && below.has(f.folderId)).length;
    entries.push({ kind: 'folder', folder, trashedAt: folder.trashedAt, itemCount });
  }
  for (const file of files) if (file.trashedAt !== null) entries.push({ kind: 'file', file, trashedAt: file.trashedAt });
  return entries.sort((a, b) => Date.parse(b.trashedAt) - Date.parse(a.trashedAt));
}
