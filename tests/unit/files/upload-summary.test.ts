import { describe, expect, it } from 'vitest';
import { finishedSummary, traySummary } from '@/lib/client/files/upload/upload-summary';
import type { UploadItem, UploadStatus } from '@/lib/client/files/upload/upload-queue';

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

describe('traySummary', () => {
  const item = (status: UploadStatus, size: number, doneBytes = 0): UploadItem => ({
    key: `${status}-${size}-${doneBytes}`, name: 'f', size, status,
    progress: status === 'uploading' ? { doneBytes, totalBytes: size, bytesPerSecond: 1, etaSeconds: 1 } : null,
  });

  it('counts running and waiting files and the share of bytes sent', () => {
    expect(traySummary([item('uploading', 100, 40), item('queued', 100)])).toBe('Uploading 2 files, 20%');
    expect(traySummary([item('uploading', 100, 40), item('done', 100)])).toBe('Uploading 1 file, 70%');
  });

  it('says when it waits for the connection', () => {
    expect(traySummary([{ ...item('uploading', 100, 40), waitingForConnection: true }])).toBe('Waiting for connection to upload 1 file, 40% done');
  });

  it('never says 100% while a byte is still unconfirmed', () => {
    expect(traySummary([item('uploading', 1000, 999)])).toBe('Uploading 1 file, 99%');
  });

  it('leaves failed and cancelled files out of the share, and falls back to the finished summary', () => {
    expect(traySummary([item('uploading', 100, 50), item('failed', 900)])).toBe('Uploading 1 file, 50%');
    expect(traySummary([item('done', 100), item('failed', 100)])).toBe('1 upload finished, 1 failed.');
  });
});
