// The vault's file list as the browser sees it: each server row opened with
// the root key (unwrap the file key, then decrypt the metadata). Names exist
// only here, in memory; sorting and filtering therefore happen client-side,
// since the server has nothing to sort by.
import { rootParent } from '@/lib/crypto/key-parent';
import { fromBase64Url, toBase64Url } from '@/lib/crypto/bytes';
import { unwrapFileKey } from '@/lib/crypto/file-key';
import { plaintextSizeFromCiphertextSize } from '@/lib/crypto/file-format';
import { decryptMetadata, encryptMetadata, type FileMetadata } from '@/lib/crypto/metadata';
import type { FileJson } from '@/lib/shared/files';
import type { UnlockedVault } from '@/lib/client/account/vault-keys';
import { filesApi } from './api';

export interface VaultFile {
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

/** A row whose keys or metadata would not open: shown, so it can still be deleted. */
export interface UnreadableFile {
  id: string;
  ciphertextSize: number;
  createdAt: string;
}

export async function openFile(vault: UnlockedVault, row: FileJson): Promise<VaultFile> {
  if (row.status !== 'ready' || !row.wrappedFileKey || !row.encryptedMetadata) throw new Error(`file ${row.id} is not ready`);
  const fileKey = await unwrapFileKey(rootParent(vault.keys.rootKey, vault.userId), fromBase64Url(row.wrappedFileKey), row.id);
  const metadata = await decryptMetadata(fileKey, row.id, fromBase64Url(row.encryptedMetadata));
  return {
    id: row.id,
    fileKey,
    metadata,
    ciphertextSize: row.ciphertextSize,
    chunkSize: row.chunkSize,
    plaintextSize: plaintextSizeFromCiphertextSize(row.ciphertextSize, row.chunkSize),
    createdAt: row.completedAt ?? row.createdAt,
  };
}

/** Every ready file, decrypted. Pending uploads are the upload queue's business. */
export async function loadFiles(vault: UnlockedVault): Promise<{ files: VaultFile[]; unreadable: UnreadableFile[] }> {
  const rows = (await filesApi.list()).filter((row) => row.status === 'ready');
  const opened = await Promise.allSettled(rows.map((row) => openFile(vault, row)));
  const files: VaultFile[] = [];
  const unreadable: UnreadableFile[] = [];
  opened.forEach((result, i) => {
    const row = rows[i]!;
    if (result.status === 'fulfilled') files.push(result.value);
    else unreadable.push({ id: row.id, ciphertextSize: row.ciphertextSize, createdAt: row.createdAt });
  });
  return { files, unreadable };
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
