// Waiting out a lost connection. A browser that knows it is offline says so
// (navigator.onLine, the 'online' event); then the engine waits instead of
// burning its retries, up to OFFLINE_WAIT_MS, after which the upload stops
// and can be resumed (docs/uploads.md). While "online" but failing (a
// captive portal, a store that is down), the ordinary backoff applies.
import { ApiError } from '../api';
import { backoffDelayMs, isRetryableStatus, sleep, type RetryPolicy } from './backoff';
import { UploadInterruptedError } from '../upload/upload-errors';

/** A laptop closed for a lunch break still resumes on its own. */
export const OFFLINE_WAIT_MS = 60 * 60 * 1000;

export function isOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

/** Resolves when the browser is back online; rejects on abort, or with UploadInterruptedError after `limitMs`. */
export function waitUntilOnline(signal: AbortSignal, limitMs = OFFLINE_WAIT_MS): Promise<void> {
  if (!isOffline()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      globalThis.removeEventListener('online', onOnline);
      signal.removeEventListener('abort', onAbort);
    };
    const onOnline = () => (done(), resolve());
    const onAbort = () => (done(), reject(signal.reason));
    const timer = setTimeout(() => (done(), reject(new UploadInterruptedError('the device stayed offline'))), limitMs);
    globalThis.addEventListener('online', onOnline);
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) onAbort();
  });
}

/** A failure worth another try: no answer at all (fetch's TypeError), or a server-side status. */
export function isTransient(error: unknown): boolean {
  if (error instanceof ApiError) return error.status === 0 || isRetryableStatus(error.status);
  return error instanceof TypeError;
}

/** Calls `fn` until it succeeds, retrying transient failures with backoff and waiting while offline. */
export async function withRetry<T>(what: string, fn: () => Promise<T>, policy: RetryPolicy, signal: AbortSignal, random?: () => number): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    signal.throwIfAborted();
    try {
      return await fn();
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      if (!isTransient(error)) throw error;
      if (isOffline()) {
        await waitUntilOnline(signal);
        attempt = 0; // time offline does not use up attempts
        continue;
      }
      if (attempt >= policy.attempts) throw new UploadInterruptedError(`${what} failed after ${attempt} attempts`, { cause: error });
      await sleep(backoffDelayMs(attempt, policy, random), signal);
    }
  }
}
