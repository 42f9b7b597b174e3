// Draws a thumbnail (docs/format.md §13): longest side 256 px, WebP, or JPEG
// where the browser cannot encode WebP. Runs in the thumbnail worker and,
// where workers or OffscreenCanvas are missing, in the page: both have
// createImageBitmap and OffscreenCanvas in current browsers.
import { MAX_THUMBNAIL_IMAGE_BYTES } from '@/lib/crypto/thumbnail';

export const THUMBNAIL_SIDE = 256;
// Lower qualities are tried in turn until the image fits the §13 cap; a
// 256 px photo is usually ~10 KiB at the first, so the loop rarely runs twice.
const QUALITIES = [0.8, 0.6, 0.4];

/** The scaled size: the longest side becomes at most THUMBNAIL_SIDE, never enlarged. */
export function thumbnailSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, THUMBNAIL_SIDE / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * An image Blob is decoded with its EXIF orientation applied
 * (imageOrientation 'from-image'), so a phone's portrait photo stays upright.
 * A bitmap (a video frame the page grabbed) is drawn as it is.
 */
export async function renderThumbnail(source: Blob | ImageBitmap): Promise<Uint8Array> {
  const bitmap = source instanceof Blob ? await createImageBitmap(source, { imageOrientation: 'from-image' }) : source;
  try {
    const { width, height } = thumbnailSize(bitmap.width, bitmap.height);
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context for the thumbnail');
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, width, height);
    for (const quality of QUALITIES) {
      let blob = await canvas.convertToBlob({ type: 'image/webp', quality });
      // A browser that cannot write WebP answers with PNG: §13 allows JPEG instead.
      if (blob.type !== 'image/webp') blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
      if (blob.size <= MAX_THUMBNAIL_IMAGE_BYTES) return new Uint8Array(await blob.arrayBuffer());
    }
    throw new Error('the thumbnail does not fit its size cap');
  } finally {
    bitmap.close();
  }
}
