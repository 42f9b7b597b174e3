// One part's PUT with retries: backoff on network failures and server-side
// statuses, a fresh URL after a 403 (what an expired URL gets), and waiting
// while the browser is offline instead of spending the attempts.
import { backoffDelayMs, isRetryableStatus, sleep, type RetryPolicy } from '../net/backoff';
import { appAnswers } from '../net/blame';
import { isOffline, isTransient, waitUntilOnline } from '../net/network';
import type { PartUrls } from './part-urls';
import type { PutPart, PutResult } from './s3-put';
import { UserFacingError } from '@/lib/shared/user-facing-error';
import { UploadInterruptedError } from './upload-errors';

export interface PartUpload {
  putPart: PutPart;
  policy: RetryPolicy;
  random?: () => number;
  urls: PartUrls;
  partNumber: number;
  body: Blob;
  /** A single PUT needs no ETag; a multipart upload cannot be completed without it. */
  needsEtag: boolean;
  signal: AbortSignal;
  /** Bytes sent (negative to take back a failed try's bytes). */
  report: (bytes: number) => void;
}

/** Resolves with the part's ETag ('' for a single PUT). */
export async function uploadPart(p: PartUpload): Promise<string> {
  const { partNumber, body, signal, report } = p;
  let refresh = false;
  for (let attempt = 1; ; attempt++) {
    signal.throwIfAborted();
    let sent = 0;
    let result: PutResult | undefined;
    try {
      const part = await p.urls.get(partNumber, refresh);
      result = await p.putPart(part, body, {
        signal,
        onSent: (bytes) => {
          report(bytes - sent);
          sent = bytes;
        },
      });
    } catch (error) {
      // fetch rejects (a TypeError) when the connection fails: retried below, unless cancelled.
      if (signal.aborted) throw signal.reason;
      if (!isTransient(error)) throw error;
    }
    if (result && result.status >= 200 && result.status < 300) {
      if (p.needsEtag && !result.etag) throw new UserFacingError('The storage service hid the ETag of an uploaded part (its CORS rules must expose ETag). Tell the operator of this Twofold.');
      report(body.size - sent);
      return result.etag ?? '';
    }
    // [Note: size-bound, single-use writes] A single PUT only creates. 412
    // means an earlier try of this very URL stored the object and its answer
    // was lost: the bytes are there, and complete checks their size and
    // encryption before the file becomes ready.
    if (result?.status === 412 && !p.needsEtag) {
      report(body.size - sent);
      return '';
    }
    report(-sent); // this try's bytes will be sent again
    refresh = result?.status === 403;
    if (result && !refresh && !isRetryableStatus(result.status)) {
      throw new UserFacingError(`The storage service refused the upload (HTTP ${result.status}). Nothing was saved; try again, and if it keeps happening tell the operator of this Twofold.`);
    }
    if (isOffline()) {
      await waitUntilOnline(signal);
      attempt = 0; // time offline does not use up attempts
      continue;
    }
    if (attempt >= p.policy.attempts) {
      // Without an HTTP answer, say whose side failed (net/blame.ts).
      const why = result ? `HTTP ${result.status}` : (await appAnswers()) ? 'the storage service did not answer; your connection works' : 'network error';
      throw new UploadInterruptedError(`part ${partNumber} failed after ${attempt} attempts: ${why}`);
    }
    await sleep(backoffDelayMs(attempt, p.policy, p.random), signal);
  }
}
