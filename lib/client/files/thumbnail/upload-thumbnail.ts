// After an upload completes: make, seal and store its thumbnail. Best effort
// by design: a file without a thumbnail shows its icon, so any failure here
// (an undecodable image, a video codec the browser lacks, the network) is
// swallowed, never reported with the file's name or bytes, and never fails
// the upload that already succeeded.
import { thumbnailsApi } from './api';
import { makeSealedThumbnail } from './make';

/** A video that never seeks, or a huge image, must not hold the upload's "done" back for long. */
const THUMBNAIL_TIMEOUT_MS = 15_000;

/** True if a thumbnail was stored. */
export async function uploadThumbnail(file: File, fileKey: CryptoKey, fileId: string): Promise<boolean> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), THUMBNAIL_TIMEOUT_MS);
  try {
    const sealed = await Promise.race([
      makeSealedThumbnail(file, fileKey, fileId, controller.signal),
      new Promise<never>((_, reject) => controller.signal.addEventListener('abort', () => reject(new Error('timed out')))),
    ]);
    if (!sealed) return false;
    const { upload } = await thumbnailsApi.presignUpload(fileId, sealed.length, controller.signal);
    const response = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: new Blob([sealed as Uint8Array<ArrayBuffer>]), signal: controller.signal });
    return response.ok;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
