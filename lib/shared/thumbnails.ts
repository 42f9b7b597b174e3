import { z } from '@/lib/shared/zod';

// The thumbnail API (docs/format.md §13, docs/architecture.md "Thumbnails").
// The server stores one small sealed blob per file; it never sees the image.

/** The largest sealed thumbnail: the same cap as lib/crypto's MAX_SEALED_THUMBNAIL_BYTES (a unit test keeps them equal). */
export const MAX_THUMBNAIL_BYTES = 64 * 1024;
/** Version byte, nonce and tag around at least a JPEG's 3-byte magic (format.md §13). */
export const MIN_THUMBNAIL_BYTES = 1 + 12 + 16 + 3;

export const thumbnailUploadRequest = z.strictObject({
  /** The sealed blob's exact size: the PUT is signed for it and nothing else. */
  size: z.number().int().min(MIN_THUMBNAIL_BYTES).max(MAX_THUMBNAIL_BYTES),
});
export type ThumbnailUploadRequest = z.infer<typeof thumbnailUploadRequest>;

export const thumbnailUploadResponse = z.strictObject({
  upload: z.strictObject({ url: z.url(), headers: z.record(z.string(), z.string()), expiresAt: z.iso.datetime() }),
});
export type ThumbnailUploadJson = z.infer<typeof thumbnailUploadResponse>;

/** Null when the file has no thumbnail (uploaded before thumbnails, or none could be made). */
export const thumbnailResponse = z.strictObject({
  thumbnail: z.strictObject({ url: z.url(), expiresAt: z.iso.datetime() }).nullable(),
});
export type ThumbnailJson = z.infer<typeof thumbnailResponse>;
