// Which files get a thumbnail and at what size (docs/architecture.md "Thumbnails").
import { describe, expect, it } from 'vitest';
import { MAX_SEALED_THUMBNAIL_BYTES } from '@/lib/crypto/thumbnail';
import { thumbnailSize } from '@/lib/client/files/thumbnail/render';
import { thumbnailSourceOf } from '@/lib/client/files/thumbnail/make';
import { MAX_THUMBNAIL_BYTES } from '@/lib/shared/thumbnails';

describe('thumbnailSize', () => {
  it('scales the longest side to 256 and keeps the ratio', () => {
    expect(thumbnailSize(4000, 3000)).toEqual({ width: 256, height: 192 });
    expect(thumbnailSize(3000, 4000)).toEqual({ width: 192, height: 256 });
    expect(thumbnailSize(512, 256)).toEqual({ width: 256, height: 128 });
  });

  it('never enlarges a small image, and never rounds a side to 0', () => {
    expect(thumbnailSize(100, 50)).toEqual({ width: 100, height: 50 });
    expect(thumbnailSize(10_000, 1)).toEqual({ width: 256, height: 1 });
  });
});

describe('thumbnailSourceOf', () => {
  it('takes raster images and videos, nothing else', () => {
    expect(thumbnailSourceOf({ type: 'image/jpeg', size: 1 })).toBe('image');
    expect(thumbnailSourceOf({ type: 'image/png', size: 1 })).toBe('image');
    expect(thumbnailSourceOf({ type: 'video/mp4', size: 5e9 })).toBe('video');
    for (const type of ['image/svg+xml', 'application/pdf', 'text/plain', 'application/octet-stream', '']) {
      expect(thumbnailSourceOf({ type, size: 1 }), type).toBeUndefined();
    }
  });

  it('skips images too large to decode safely on a phone', () => {
    expect(thumbnailSourceOf({ type: 'image/png', size: 64 * 1024 * 1024 + 1 })).toBeUndefined();
  });

  it('uses the same size cap on both sides of the API', () => {
    expect(MAX_THUMBNAIL_BYTES).toBe(MAX_SEALED_THUMBNAIL_BYTES);
  });
});
