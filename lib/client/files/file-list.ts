// The vault's file list as the browser sees it: each server row opened with
// the root key (unwrap the file key, then decrypt the metadata). Names exist
// only here, in memory; sorting and filtering therefore happen client-side,
// since the server has nothing to sort by.
import { fromBase64Url, toBase64Url } from '@/lib/crypto/bytes';
import { unwrapFileKey } from '@/lib/crypto/file-key';
import type { KeyParent } from '@/lib/crypto/key-parent';
import { plaintextSizeFromCiphertextSize } from '@/lib/crypto/file-format';
import { decryptMetadata, encryptMetadata, type FileMetadata } from '@/lib/crypto/metadata';
import type { FileJson } from '@/lib/shared/files';
import type { UnlockedVault } from '@/lib/client/account/vault-keys';
import { foldersApi } from '@/lib/client/folders/api';
import { openTree, type VaultTree } from '@/lib/client/folders/tree';
import { filesApi } from './api';

/** A decrypted file, whoever's it is (own, shared with me, behind a link). */
export interface OpenedFile {
  id: string;
  /** Non-extractable HKDF key: decrypts content and metadata, re-encrypts metadata on rename. */
  fileKey: CryptoKey;
  metadata: FileMetadata;
  ciphertextSize: number;
  chunkSize: number;
  /** Plaintext size implied by the ciphertext (format.md §1.4); checked against metadata.size. */
  plaintextSize: number;
  createdAt: string;
}

/** One of the owner's own files, with where its key lives. */
export interface VaultFile extends OpenedFile {
  /** Null at the top level. */
  folderId: string | null;
  /** The key the file key is wrapped under (docs/format.md §2.1): re-wrapped on a move, lent to share and link. */
  parent: KeyParent;
  wrappedFileKey: Uint8Array;
  /** Set when the file itself is in the trash (it may also be in the trash through its folder). */
  trashedAt: string | null;
}

/** A row whose keys or metadata would not open: shown, so it can still be deleted. */
export interface UnreadableFile {
  id: string;
  ciphertextSize: number;
  createdAt: string;
}

/**
 * Opens a row under the key of the folder the server says it is in. A key the
 * server moved to another folder does not unwrap there (format.md §2.1).
 */
export async function openFile(parent: KeyParent | null, row: FileJson): Promise<VaultFile> {
  if (row.status !== 'ready' || !row.wrappedFileKey || !row.encryptedMetadata) throw new Error(`file ${row.id} is not ready`);
  if (!parent) throw new Error(`file ${row.id} is in a folder that could not be opened`);
  const wrappedFileKey = fromBase64Url(row.wrappedFileKey);
  const fileKey = await unwrapFileKey(parent, wrappedFileKey, row.id);
  const metadata = await decryptMetadata(fileKey, row.id, fromBase64Url(row.encryptedMetadata));
  return {
    id: row.id,
    fileKey,
    metadata,
    ciphertextSize: row.ciphertextSize,
    chunkSize: row.chunkSize,
    plaintextSize: plaintextSizeFromCiphertextSize(row.ciphertextSize, row.chunkSize),
    createdAt: row.completedAt ?? row.createdAt,
    folderId: row.folderId,
    parent,
    wrappedFileKey,
    trashedAt: row.trashedAt,
  };
}

/** The folder tree and every ready file, decrypted. Pending uploads are the upload queue's business. */
export async function loadFiles(vault: UnlockedVault): Promise<{ tree: VaultTree; files: VaultFile[]; unreadable: UnreadableFile[] }> {
  const [folderRows, fileRows] = await Promise.all([foldersApi.list(), filesApi.list()]);
  const tree = await openTree(vault, folderRows);
  const rows = fileRows.filter((row) => row.status === 'ready');
  const opened = await Promise.allSettled(rows.map((row) => openFile(tree.parentFor(row.folderId), row)));
  const files: VaultFile[] = [];
  const unreadable: UnreadableFile[] = [];
  opened.forEach((result, i) => {
    const row = rows[i]!;
    if (result.status === 'fulfilled') files.push(result.value);
    else unreadable.push({ id: row.id, ciphertextSize: row.ciphertextSize, createdAt: row.createdAt });
  });
  return { tree, files, unreadable };
}

/** Rename = new metadata under the same file key; the content is not touched. */
export async function renameFile(file: VaultFile, name: string): Promise<VaultFile> {
  const metadata = { ...file.metadata, name };
  const blob = await encryptMetadata(file.fileKey, file.id, metadata);
  await filesApi.rename(file.id, toBase64Url(blob));
  return { ...file, metadata };
}

export type SortKey = 'name' | 'size' | 'date';
export type SortDirection = 'asc' | 'desc';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export function sortAndFilter(files: readonly VaultFile[], query: string, key: SortKey, direction: SortDirection): VaultFile[] {
  const needle = query.trim().toLocaleLowerCase();
  const shown = needle ? files.filter((f) => f.metadata.name.toLocaleLowerCase().includes(needle)) : [...files];
  const compare = (a: VaultFile, b: VaultFile): number => {
    if (key === 'size') return a.metadata.size - b.metadata.size;
    if (key === 'date') return Date.parse(a.createdAt) - Date.parse(b.createdAt);
    return collator.compare(a.metadata.name, b.metadata.name);
  };
  // Ties fall back to the id so the order never jitters between renders.
  shown.sort((a, b) => (compare(a, b) || a.id.localeCompare(b.id)) * (direction === 'asc' ? 1 : -1));
  return shown;
}
