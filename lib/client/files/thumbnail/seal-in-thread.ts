// Render and seal in one step: what the thumbnail worker runs, and what the
// page runs itself where the worker cannot start. Only lib/crypto makes the
// subkey (format.md §13); this module hands it the file key.
import { sealThumbnail } from '@/lib/crypto/thumbnail';
import { renderThumbnail } from './render';

export interface SealThumbnailRequest {
  source: Blob | ImageBitmap;
  /** The file's non-extractable HKDF key: structured-cloned to the worker, never its bytes. */
  fileKey: CryptoKey;
  fileId: string;
}

export async function renderAndSeal(request: SealThumbnailRequest): Promise<Uint8Array> {
  return sealThumbnail(request.fileKey, request.fileId, await renderThumbnail(request.source));
}
