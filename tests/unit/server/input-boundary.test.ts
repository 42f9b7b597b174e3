// Bad input is refused at the boundary (issue 12 item 6): ids that could
// reach PostgreSQL with a NUL byte, and URL paths Next cannot decode.
import { describe, expect, it } from 'vitest';
import { isDecodablePath, rejectUndecodablePath } from '@/lib/server/security/path-guard';
import { completeUploadRequest } from '@/lib/shared/files';
import { createShareRequest, reshareRequest, userIdSchema } from '@/lib/shared/shares';

const envelope = 'A'.repeat(238);
const userId = '0b9c6a52-7d1e-4f3a-8b2c-5e6f7a8b9c0d';

describe('user ids', () => {
  it('accept a server-issued id and refuse control characters and other forms', () => {
    expect(userIdSchema.safeParse(userId).success).toBe(true);
    for (const bad of ['\0', `${userId}\0`, 'a\u0001b', 'x', '', `${userId} `]) {
      expect(userIdSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
      expect(createShareRequest.safeParse({ recipientId: bad, envelope }).success).toBe(false);
      expect(reshareRequest.safeParse({ recipientId: bad, envelope }).success).toBe(false);
    }
  });

  it('ETags sent back to S3 refuse control characters', () => {
    const sealed = { wrappedFileKey: 'A'.repeat(82), encryptedMetadata: 'A'.repeat(134) };
    expect(completeUploadRequest.safeParse({ ...sealed, parts: [{ partNumber: 1, etag: '"abc"' }] }).success).toBe(true);
    expect(completeUploadRequest.safeParse({ ...sealed, parts: [{ partNumber: 1, etag: '"a\0c"' }] }).success).toBe(false);
  });
});

describe('path guard', () => {
  it('lets decodable paths through and answers others with 400 JSON', async () => {
    for (const ok of ['/api/files/abc', '/api/files/a%20b', '/s/%E2%82%AC']) expect(isDecodablePath(ok)).toBe(true);
    for (const bad of ['/api/files/%ff', '/api/files/%zz', '/s/%E2%82', '/api/links/%']) {
      expect(isDecodablePath(bad), bad).toBe(false);
      const response = rejectUndecodablePath(new Request(`http://localhost${bad}`));
      expect(response?.status).toBe(400);
      expect(await response?.json()).toEqual({ error: { code: 'bad_request', message: expect.any(String) } });
    }
    expect(rejectUndecodablePath(new Request('http://localhost/api/files/abc'))).toBeUndefined();
  });
});
