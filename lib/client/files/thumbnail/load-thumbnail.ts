// Fetches and opens a file's sealed thumbnail (format.md §13). Anything but
// an authentic thumbnail (none stored, a network error, a blob the server
// altered or took from another file) is `undefined`: the caller shows the
// icon, and not one byte of what came back.
import { openThumbnail } from '@/lib/crypto/thumbnail';
import { MAX_THUMBNAIL_BYTES, type ThumbnailJson } from '@/lib/shared/thumbnails';
import { thumbnailsApi } from './api';

export interface ThumbnailTarget {
  id: string;
  fileKey: CryptoKey;
  /** Set for a file shared with me: its thumbnail is signed through the share. */
  shareId?: string;
}

export async function loadThumbnail(file: ThumbnailTarget, signal: AbortSignal): Promise<Blob | undefined> {
  try {
    const signed: ThumbnailJson = file.shareId === undefined ? await thumbnailsApi.url(file.id, signal) : await thumbnailsApi.sharedUrl(file.shareId, signal);
    if (!signed.thumbnail) return undefined;
    const response = await fetch(signed.thumbnail.url, { signal, cache: 'no-store', credentials: 'omit' });
    if (!response.ok) return undefined;
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.length > MAX_THUMBNAIL_BYTES) return undefined;
    const image = await openThumbnail(file.fileKey, file.id, bytes);
    return new Blob([image.bytes as Uint8Array<ArrayBuffer>], { type: image.type });
  } catch {
    return undefined;
  }
}
