// A failed transfer is blamed on the storage service only when the app
// itself still answers (lib/client/files/net/blame.ts).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { blameStorageOrConnection, StorageUnavailableError } from '@/lib/client/files/net/blame';
import { fileErrorMessage } from '@/lib/client/files/messages';

afterEach(() => vi.unstubAllGlobals());

describe('blameStorageOrConnection', () => {
  it('a network failure while the app answers is the storage service being unavailable, said plainly', async () => {
    const failed = new TypeError('Failed to fetch');
    const probe = vi.fn(async () => new Response('{"ok":true}'));
    const blamed = await blameStorageOrConnection(failed, probe as unknown as typeof fetch);
    expect(blamed).toBeInstanceOf(StorageUnavailableError);
    expect((blamed as Error).cause).toBe(failed);
    expect(probe).toHaveBeenCalledWith('/api/health/live', expect.objectContaining({ cache: 'no-store' }));
    expect(fileErrorMessage(blamed, 'download x')).toBe((blamed as Error).message);
    expect(fileErrorMessage(blamed, 'download x')).not.toMatch(/connection failed/);
  });

  it('when the app does not answer either, it stays the user’s connection', async () => {
    const failed = new TypeError('Failed to fetch');
    const blamed = await blameStorageOrConnection(failed, (async () => { throw new TypeError('Failed to fetch'); }) as typeof fetch);
    expect(blamed).toBe(failed);
    expect(fileErrorMessage(blamed, 'download x')).toMatch(/network connection failed/);
  });

  it('offline, HTTP refusals and damage are left as they are, without a probe', async () => {
    const probe = vi.fn(async () => new Response('{}'));
    vi.stubGlobal('navigator', { onLine: false });
    const offline = new TypeError('Failed to fetch');
    expect(await blameStorageOrConnection(offline, probe as unknown as typeof fetch)).toBe(offline);
    vi.unstubAllGlobals();
    const refused = new Error('The download failed (HTTP 403); nothing was saved.');
    expect(await blameStorageOrConnection(refused, probe as unknown as typeof fetch)).toBe(refused);
    expect(probe).not.toHaveBeenCalled();
  });
});
