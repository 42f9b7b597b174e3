// Retry timing for part uploads. "Full jitter" (a random delay up to the
// exponential cap) keeps parallel parts that failed together from retrying
// in lock-step against a struggling store.

export interface RetryPolicy {
  /** Tries per part, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

// Eight tries span about a minute at worst: a store restarting or a flaky
// link recovers within it; a device that knows it is offline waits separately (network.ts).
export const DEFAULT_RETRY: RetryPolicy = { attempts: 8, baseDelayMs: 500, maxDelayMs: 15_000 };

/** Delay before try `attempt + 1`, after `attempt` failed tries (attempt >= 1). */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(cap * random());
}

/** Network hiccups and overload are worth retrying; other client errors are not. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
