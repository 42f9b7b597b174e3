// Browser upload engine (issue 5): encrypt → cut into the server's parts →
// PUT up to `parallelism` parts at once to presigned URLs → complete. No
// React; the encryptor and the transport are injectable, so the same logic
// runs with a worker-backed encryptor or in tests with a fake store.
//
// Memory stays about parallelism × partSize: a part is only cut once an
// upload slot is free, so at most `parallelism` parts exist at any time
// (plus the encryptor's few chunks, format.md §8).
import { toBase64Url } from '@/lib/crypto/bytes';
import { DEFAULT_CHUNK_SIZE } from '@/lib/crypto/constants';
import { createEncryptStream } from '@/lib/crypto/encrypt-stream';
import { ciphertextSizeFromPlaintextSize } from '@/lib/crypto/file-format';
import { MAX_PART_BATCH, type FileJson, type UploadPlan } from '@/lib/shared/files';
import type { FilesApi } from './api';
import { backoffDelayMs, DEFAULT_RETRY, isRetryableStatus, sleep, type RetryPolicy } from './backoff';
import { cutParts } from './cut-parts';
import { PartUrls } from './part-urls';
import { ProgressMeter, type TransferProgress } from './progress';
import { fetchPutPart, type PutPart, type PutResult } from './s3-put';

export const DEFAULT_PARALLELISM = 4;

/** What File and Blob provide. */
export interface UploadSource {
  readonly size: number;
  stream(): ReadableStream<Uint8Array>;
}

export interface SealedFileInfo {
  wrappedFileKey: Uint8Array;
  encryptedMetadata: Uint8Array;
}

export interface UploadOptions {
  source: UploadSource;
  /** From importFileKey (lib/crypto/file-key). */
  fileKey: CryptoKey;
  api: Pick<FilesApi, 'createUpload' | 'presignParts' | 'complete' | 'remove'>;
  /**
   * Wraps the file key and encrypts the metadata. Both are bound to the file
   * id (format.md §3, §4), which the server assigns at create, so the engine
   * asks for them once it knows the id; they run while the parts upload.
   */
  seal(fileId: string): Promise<SealedFileInfo>;
  chunkSize?: number;
  parallelism?: number;
  retry?: RetryPolicy;
  putPart?: PutPart;
  /** Defaults to the in-thread createEncryptStream; a worker-backed one fits the same shape. */
  encrypt?: (fileKey: CryptoKey, chunkSize: number) => TransformStream<Uint8Array, Uint8Array>;
  onProgress?: (progress: TransferProgress) => void;
  /** Cancels the upload; the pending upload is aborted on the server too. */
  signal?: AbortSignal;
  /** Test seams. */
  random?: () => number;
  now?: () => number;
}

/** Encrypts and uploads one file; resolves with the ready file. */
export async function uploadFile(options: UploadOptions): Promise<FileJson> {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const parallelism = options.parallelism ?? DEFAULT_PARALLELISM;
  if (!Number.isInteger(parallelism) || parallelism < 1) throw new RangeError('parallelism must be a positive integer');
  const ciphertextSize = ciphertextSizeFromPlaintextSize(options.source.size, chunkSize);
  options.signal?.throwIfAborted();

  const created = await options.api.createUpload({ ciphertextSize, chunkSize }, options.signal);
  // From here on every failure, cancel included, aborts the server side so
  // the reservation is released at once rather than by the sweeper.
  const controller = new AbortController();
  const onAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    controller.signal.throwIfAborted();
    const sealing = options.seal(created.id);
    sealing.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
    const etags = await sendParts(options, created.id, created.upload, ciphertextSize, chunkSize, parallelism, controller);
    const sealed = await sealing;
    controller.signal.throwIfAborted();
    return await options.api.complete(created.id, {
      parts: created.upload.kind === 'multipart' ? etags.map((etag, i) => ({ partNumber: i + 1, etag })) : undefined,
      wrappedFileKey: toBase64Url(sealed.wrappedFileKey),
      encryptedMetadata: toBase64Url(sealed.encryptedMetadata),
    }, controller.signal);
  } catch (error) {
    controller.abort(error);
    await options.api.remove(created.id).catch(() => {});
    throw options.signal?.aborted ? options.signal.reason : error;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

async function sendParts(
  options: UploadOptions, fileId: string, plan: UploadPlan, ciphertextSize: number, chunkSize: number, parallelism: number,
  controller: AbortController,
): Promise<string[]> {
  const signal = controller.signal;
  const urls = new PartUrls(
    (numbers) => options.api.presignParts(fileId, numbers, signal),
    plan.partCount,
    Math.min(MAX_PART_BATCH, Math.max(8, parallelism * 2)),
    plan.parts,
    options.now,
  );
  const meter = new ProgressMeter(ciphertextSize, options.now);
  const report = (bytes: number) => {
    const progress = meter.add(bytes);
    options.onProgress?.(progress);
  };
  const encrypt = options.encrypt ?? ((key, size) => createEncryptStream(key, { chunkSize: size }));
  const ciphertext = options.source.stream().pipeThrough(encrypt(options.fileKey, chunkSize));
  const parts = cutParts(ciphertext, plan.partSize);

  const etags: string[] = [];
  const inFlight = new Set<Promise<void>>();
  // Set by a part's task; a holder object, since TypeScript does not see callbacks assign locals.
  const failed: { error?: unknown; set?: true } = {};
  let partNumber = 0;
  let cutBytes = 0;
  try {
    for (;;) {
      // A free slot first, then the next part: this is what bounds memory.
      while (inFlight.size >= parallelism) await Promise.race(inFlight);
      if (failed.set) throw failed.error;
      signal.throwIfAborted();
      const next = await parts.next();
      if (next.done) break;
      const number = ++partNumber;
      const body = next.value;
      cutBytes += body.length;
      if (number > plan.partCount || cutBytes > ciphertextSize) throw fileChanged();
      const task = uploadPart(options, urls, number, body, plan.kind === 'multipart', signal, report)
        .then((etag) => {
          etags[number - 1] = etag;
        }, (error: unknown) => {
          if (!failed.set) Object.assign(failed, { error, set: true });
          controller.abort(error); // stop the other parts at once
        })
        .finally(() => inFlight.delete(task));
      inFlight.add(task);
    }
    await Promise.all(inFlight);
    if (failed.set) throw failed.error;
    if (cutBytes !== ciphertextSize || partNumber !== plan.partCount) throw fileChanged();
    return etags;
  } finally {
    await parts.return(undefined);
  }
}

function fileChanged(): Error {
  return new Error('The file changed while it was being uploaded; nothing was saved. Try again.');
}

async function uploadPart(
  options: UploadOptions, urls: PartUrls, partNumber: number, body: Uint8Array<ArrayBuffer>, needsEtag: boolean,
  signal: AbortSignal, report: (bytes: number) => void,
): Promise<string> {
  const putPart = options.putPart ?? fetchPutPart;
  const policy = options.retry ?? DEFAULT_RETRY;
  let refresh = false;
  for (let attempt = 1; ; attempt++) {
    signal.throwIfAborted();
    const part = await urls.get(partNumber, refresh);
    let sent = 0;
    let result: PutResult | undefined;
    try {
      result = await putPart(part, body, {
        signal,
        onSent: (bytes) => {
          report(bytes - sent);
          sent = bytes;
        },
      });
    } catch {
      // fetch rejects (a TypeError) when the connection fails: retried below, unless cancelled.
      if (signal.aborted) throw signal.reason;
    }
    if (result && result.status >= 200 && result.status < 300) {
      // A single PUT needs no ETag; a multipart upload cannot be completed without it.
      if (needsEtag && !result.etag) throw new Error('The storage service hid the ETag of an uploaded part (its CORS rules must expose ETag).');
      report(body.length - sent);
      return result.etag ?? '';
    }
    report(-sent); // this try's bytes will be sent again
    // 403 is what an expired URL gets: retry with a fresh one.
    refresh = result?.status === 403;
    if (result && !refresh && !isRetryableStatus(result.status)) {
      throw new Error(`uploading part ${partNumber} failed (HTTP ${result.status})`);
    }
    if (attempt >= policy.attempts) {
      throw new Error(`uploading part ${partNumber} failed after ${attempt} attempts (${result ? `HTTP ${result.status}` : 'network error'})`);
    }
    await sleep(backoffDelayMs(attempt, policy, options.random), signal);
  }
}
