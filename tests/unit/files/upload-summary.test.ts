import { describe, expect, it } from 'vitest';
import { finishedSummary } from '@/lib/client/files/upload/upload-summary';
import type { UploadStatus } from '@/lib/client/files/upload/upload-queue';

const items = (...statuses: UploadStatus[]) => statuses.map((status) => ({ status }));

describe('finishedSummary', () => {
  it('says all finished only when every upload arrived', () => {
    expect(finishedSummary(items('done', 'done'))).toBe('All uploads finished.');
  });

  it('counts the failures instead of claiming all finished', () => {
    expect(finishedSummary(items('done', 'failed', 'done'))).toBe('2 uploads finished, 1 failed.');
    expect(finishedSummary(items('done', 'failed', 'failed'))).toBe('1 upload finished, 2 failed.');
  });

  it('names cancelled uploads too', () => {
    expect(finishedSummary(items('done', 'cancelled'))).toBe('1 upload finished, 1 cancelled.');
    expect(finishedSummary(items('done', 'failed', 'cancelled'))).toBe('1 upload finished, 1 failed, 1 cancelled.');
  });

  it('leaves out the finished part when none arrived', () => {
    expect(finishedSummary(items('failed'))).toBe('1 upload failed.');
    expect(finishedSummary(items('failed', 'cancelled', 'failed'))).toBe('2 uploads failed, 1 cancelled.');
  });
});
