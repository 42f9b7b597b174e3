// The re-encryption fields of the files API (lib/shared/files.ts): the
// carried envelopes must have the sharing API's envelope size exactly.
import { describe, expect, it } from 'vitest';
import { completeUploadRequest, createUploadRequest, MAX_REPLACEMENT_SHARES } from '@/lib/shared/files';
import { ENVELOPE_BYTES } from '@/lib/shared/shares';

const b64 = (bytes: number) => 'A'.repeat(Math.ceil((bytes * 4) / 3));
const sealed = { wrappedFileKey: b64(61), encryptedMetadata: b64(100) };

describe('replaces and shares', () => {
  it('createUploadRequest takes an optional file id to replace, nothing else', () => {
    const base = { ciphertextSize: 90, chunkSize: 1024 };
    expect(createUploadRequest.safeParse(base).success).toBe(true);
    expect(createUploadRequest.safeParse({ ...base, replaces: '5b0c8a4e-2f4e-4c1a-9a53-3f1a1b6c7d8e' }).success).toBe(true);
    expect(createUploadRequest.safeParse({ ...base, replaces: 'not-a-uuid' }).success).toBe(false);
  });

  it('completeUploadRequest takes envelopes of exactly the sharing envelope size, up to the limit', () => {
    const share = (bytes: number) => ({ recipientId: '0b9c6a52-7d1e-4f3a-8b2c-5e6f7a8b9c0d', envelope: b64(bytes) });
    expect(completeUploadRequest.safeParse({ ...sealed, shares: [share(ENVELOPE_BYTES)] }).success).toBe(true);
    expect(completeUploadRequest.safeParse({ ...sealed, shares: [] }).success).toBe(true);
    for (const bytes of [ENVELOPE_BYTES - 1, ENVELOPE_BYTES + 1]) {
      expect(completeUploadRequest.safeParse({ ...sealed, shares: [share(bytes)] }).success, `${bytes} bytes`).toBe(false);
    }
    expect(completeUploadRequest.safeParse({ ...sealed, shares: [{ ...share(ENVELOPE_BYTES), extra: 1 }] }).success).toBe(false);
    const many = Array.from({ length: MAX_REPLACEMENT_SHARES + 1 }, () => share(ENVELOPE_BYTES));
    expect(completeUploadRequest.safeParse({ ...sealed, shares: many }).success).toBe(false);
  });
});
