// The server's part plan: S3's limits (5 MiB minimum part, 10,000 parts,
// 5 TiB objects) hold for every size.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_CIPHERTEXT_SIZE, MAX_PART_COUNT } from '@/lib/shared/files';
import { DEFAULT_PART_SIZE, MIN_PART_SIZE, planParts, SINGLE_PUT_MAX_BYTES } from '@/lib/server/files/upload-plan';

const MiB = 1024 * 1024;

describe('planParts', () => {
  it('uses one PUT up to the threshold, 16 MiB parts above it', () => {
    expect(planParts(1)).toEqual({ kind: 'single', partSize: 1, partCount: 1 });
    expect(planParts(SINGLE_PUT_MAX_BYTES)).toEqual({ kind: 'single', partSize: SINGLE_PUT_MAX_BYTES, partCount: 1 });
    expect(planParts(SINGLE_PUT_MAX_BYTES + 1)).toEqual({ kind: 'multipart', partSize: DEFAULT_PART_SIZE, partCount: 2 });
    expect(planParts(1024 * MiB)).toMatchObject({ partSize: 16 * MiB, partCount: 64 });
  });

  it('grows parts so 5 TiB fits in 10,000 of them', () => {
    expect(planParts(MAX_CIPHERTEXT_SIZE)).toEqual({ kind: 'multipart', partSize: 525 * MiB, partCount: 9987 });
  });

  it('never exceeds 10,000 parts nor goes below 5 MiB parts, for any size', () => {
    fc.assert(fc.property(fc.integer({ min: SINGLE_PUT_MAX_BYTES + 1, max: MAX_CIPHERTEXT_SIZE }), (size) => {
      const plan = planParts(size);
      expect(plan.partCount).toBeLessThanOrEqual(MAX_PART_COUNT);
      expect(plan.partSize).toBeGreaterThanOrEqual(MIN_PART_SIZE);
      expect(plan.partSize % MiB).toBe(0);
      expect((plan.partCount - 1) * plan.partSize).toBeLessThan(size);
      expect(plan.partCount * plan.partSize).toBeGreaterThanOrEqual(size);
    }));
  });
});
