// Which files get a thumbnail, and the source each is drawn from: images
// straight from the File (decoded in the worker), videos from their first
// frame, which only a <video> element in the page can decode. PDFs get none
// (docs/architecture.md "Thumbnails": pdf.js does not fit the CSP).
import { sealThumbnailOffThread } from './worker-client';

// Decoding needs width × height × 4 bytes; past this a phone may run out of
// memory for a picture the size of a thumbnail. Such files keep their icon.
const MAX_IMAGE_BYTES = 64 * 1024 * 1024;
/** Where the frame is taken: ~0.1 s in, past a black first frame, as file managers do. */
const VIDEO_FRAME_SECONDS = 0.1;
// SVG is excluded: createImageBitmap of an SVG Blob fails in workers, and a
// vector image is drawn by its own markup anyway.
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif', 'image/bmp']);

export type ThumbnailSource = 'image' | 'video';

export function thumbnailSourceOf(file: { type: string; size: number }): ThumbnailSource | undefined {
  if (IMAGE_TYPES.has(file.type)) return file.size <= MAX_IMAGE_BYTES ? 'image' : undefined;
  if (file.type.startsWith('video/')) return 'video';
  return undefined;
}

function once(target: HTMLVideoElement, event: 'loadeddata' | 'seeked', signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      target.removeEventListener(event, ok);
      target.removeEventListener('error', fail);
      signal.removeEventListener('abort', fail);
    };
    const ok = () => { done(); resolve(); };
    const fail = () => { done(); reject(new Error('the video frame could not be read')); };
    target.addEventListener(event, ok);
    target.addEventListener('error', fail);
    signal.addEventListener('abort', fail);
  });
}

/** The frame at ~0.1 s as a bitmap, from a detached, muted <video> of the user's own File. */
async function videoFrame(file: Blob, signal: AbortSignal): Promise<ImageBitmap> {
  const url = URL.createObjectURL(file);
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.preload = 'auto';
  try {
    const loaded = once(video, 'loadeddata', signal);
    video.src = url;
    await loaded;
    const seeked = once(video, 'seeked', signal);
    video.currentTime = Math.min(VIDEO_FRAME_SECONDS, Number.isFinite(video.duration) ? video.duration / 2 : 0);
    await seeked;
    return await createImageBitmap(video);
  } finally {
    video.removeAttribute('src');
    video.load();
    URL.revokeObjectURL(url);
  }
}

/** The sealed thumbnail of `file`, or undefined for a type that gets none. Throws if one cannot be made. */
export async function makeSealedThumbnail(file: File, fileKey: CryptoKey, fileId: string, signal: AbortSignal): Promise<Uint8Array | undefined> {
  const kind = thumbnailSourceOf(file);
  if (!kind) return undefined;
  const source = kind === 'image' ? file : await videoFrame(file, signal);
  return sealThumbnailOffThread({ source, fileKey, fileId });
}
