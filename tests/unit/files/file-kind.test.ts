import { describe, expect, it } from 'vitest';
import { fileKind } from '@/lib/client/files/file-kind';

describe('fileKind', () => {
  it('reads the type first, then the extension', () => {
    expect(fileKind({ name: 'a', type: 'image/png' })).toBe('image');
    expect(fileKind({ name: 'holiday.JPG', type: '' })).toBe('image');
    expect(fileKind({ name: 'clip', type: 'video/mp4; codecs=avc1' })).toBe('video');
    expect(fileKind({ name: 'song.flac', type: 'application/octet-stream' })).toBe('audio');
    expect(fileKind({ name: 'report', type: 'application/pdf' })).toBe('pdf');
    expect(fileKind({ name: 'notes.md', type: '' })).toBe('text');
    expect(fileKind({ name: 'data', type: 'application/json' })).toBe('text');
    expect(fileKind({ name: 'backup.tar.gz', type: 'application/octet-stream' })).toBe('archive');
    expect(fileKind({ name: 'photos', type: 'application/zip' })).toBe('archive');
  });

  it('calls anything else other', () => {
    expect(fileKind({ name: 'blob.bin', type: 'application/octet-stream' })).toBe('other');
    expect(fileKind({ name: '', type: '' })).toBe('other');
  });
});
