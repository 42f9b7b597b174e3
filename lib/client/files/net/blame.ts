// Whose fault a failed transfer is. A fetch to the store that fails without
// an HTTP answer (TypeError) looks the same whether the user's connection
// dropped or the store is down. Right after such a failure the page asks the
// app's own liveness route: if the app answers, the connection works and the
// storage service is what is unavailable, which the user cannot fix by
// checking their Wi-Fi.
import { UserFacingError } from '@/lib/shared/user-facing-error';

/** The store did not answer while the app did: written for the user. */
export class StorageUnavailableError extends UserFacingError {
  override name = 'StorageUnavailableError';
  constructor(options?: { cause?: unknown }) {
    super('The storage service is not answering right now, so nothing was saved. Your connection works; try again in a few minutes.', options);
  }
}

const LIVENESS_PATH = '/api/health/live';
const PROBE_TIMEOUT_MS = 5_000;

/** Whether the app's own server answers (any HTTP status): the user's connection works. */
export async function appAnswers(doFetch: typeof fetch = fetch): Promise<boolean> {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return false;
  try {
    await doFetch(LIVENESS_PATH, { cache: 'no-store', credentials: 'same-origin', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return true;
  } catch {
    return false; // the app is unreachable too: the connection it is
  }
}

/** `error` itself, or StorageUnavailableError when it was a network failure and the app still answers. */
export async function blameStorageOrConnection(error: unknown, doFetch: typeof fetch = fetch): Promise<unknown> {
  // fetch rejects with TypeError when no HTTP answer came (the worker's cross rebuilt as one: encrypt-worker-client.ts).
  if (!(error instanceof TypeError)) return error;
  return (await appAnswers(doFetch)) ? new StorageUnavailableError({ cause: error }) : error;
}
