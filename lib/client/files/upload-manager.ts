// The one entry point the vault UI uses to upload (issue 5). It owns the file
// key's life: generated here, wrapped under the root key, never sent. The
// resume machinery (IndexedDB state, re-selecting a file after a reload) and
// the worker-backed encryptor plug in behind this API without the UI changing.
import { generateFileKeyBytes, importFileKey, wrapFileKey } from '@/lib/crypto/file-key';
import { encryptMetadata } from '@/lib/crypto/metadata';
import type { FileJson } from '@/lib/shared/files';
import type { UnlockedVault } from '@/lib/client/account/vault-keys';
import { filesApi } from './api';
import type { TransferProgress } from './progress';
import { uploadFile, DEFAULT_PARALLELISM } from './upload-engine';

export interface StartUploadOptions {
  onProgress?: (progress: TransferProgress) => void;
  signal?: AbortSignal;
  parallelism?: number;
}

/** Encrypts `file` (content and metadata) in the browser and uploads the ciphertext. */
export async function startUpload(vault: UnlockedVault, file: File, options: StartUploadOptions = {}): Promise<FileJson> {
  const fileKeyBytes = generateFileKeyBytes();
  const fileKey = await importFileKey(fileKeyBytes);
  try {
    return await uploadFile({
      source: file,
      fileKey,
      api: filesApi,
      parallelism: options.parallelism ?? DEFAULT_PARALLELISM,
      onProgress: options.onProgress,
      signal: options.signal,
      seal: async (fileId) => ({
        wrappedFileKey: await wrapFileKey(vault.keys.rootKey, fileKeyBytes, vault.userId, fileId),
        encryptedMetadata: await encryptMetadata(fileKey, fileId, {
          name: file.name,
          type: file.type || 'application/octet-stream',
          size: file.size,
          mtime: file.lastModified,
        }),
      }),
    });
  } finally {
    // The raw key bytes are only needed until they are wrapped.
    fileKeyBytes.fill(0);
  }
}
