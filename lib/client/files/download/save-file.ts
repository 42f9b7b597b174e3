// Download a vault file to disk: pick the target, stream-decrypt into it.
import { filesApi } from '../api';
import { DamagedFileError, downloadFile, type DownloadOptions } from './download-engine';
import { openSaveTarget, type SaveTargetKind } from './download-sinks';
import type { OpenedFile } from '../file-list';
import { throttleProgress, type TransferProgress } from '../net/progress';

export interface SaveFileOptions {
  onProgress?: (progress: TransferProgress) => void;
  onTarget?: (kind: SaveTargetKind) => void;
  signal?: AbortSignal;
  /** Where the presigned GET comes from; a shared file's comes from its share (lib/client/sharing). */
  api?: DownloadOptions['api'];
  /** "Download to…": ask where to save (download-sinks.ts). */
  ask?: boolean;
}

export async function saveFile(file: OpenedFile, options: SaveFileOptions = {}): Promise<SaveTargetKind> {
  // Opened before anything else is awaited: the save dialog needs the click's activation.
  const target = await openSaveTarget({ name: file.metadata.name, size: file.plaintextSize, ask: options.ask });
  options.onTarget?.(target.kind);
  // format.md §4: the size in the metadata must match the ciphertext's. A
  // mismatch means the server swapped rows or objects: damage, not a bug.
  if (file.metadata.size !== file.plaintextSize) {
    const error = new DamagedFileError();
    await target.writable.abort(error).catch(() => {});
    throw error;
  }
  await downloadFile({
    fileId: file.id,
    fileKey: file.fileKey,
    api: options.api ?? filesApi,
    sink: target.writable,
    signal: options.signal,
    // [Note: progress at screen pace] in progress.ts
    onProgress: throttleProgress(options.onProgress),
  });
  return target.kind;
}
