// Browser upload engine (issue 5; docs/uploads.md). The ciphertext is cut at
// the server's fixed part boundaries, and each part is encrypted on its own
// from the plaintext chunks that overlap it (lib/crypto/file-part.ts). So:
// parts need no ordering and can be encrypted in a worker; a part can be
// produced again, byte for byte, after a reload (resume); and a part exists
// only while it holds an upload slot, which bounds memory to about
// parallelism × partSize whatever the file size.
//
// No React; the encryptor, transport and journal are injectable, so the same
// logic runs in the page, with a worker, and in tests against a fake store.
import { toBase64Url } from '@/lib/crypto/bytes';
import { DEFAULT_CHUNK_SIZE } from '@/lib/crypto/constants';
import { createFileContext } from '@/lib/crypto/file-context';
import { ciphertextSizeFromPlaintextSize, plaintextSizeFromCiphertextSize } from '@/lib/crypto/file-format';
import { MAX_PART_BATCH, type FileJson, type PresignedPart, type UploadPlan } from '@/lib/shared/files';
import type { FilesApi } from '../api';
import { DEFAULT_RETRY, type RetryPolicy } from '../net/backoff';
import { withRetry } from '../net/network';
import { inThreadPartEncryptor, type PartEncryptor, type PlaintextSource } from './part-encryptor';
import { PartUrls } from './part-urls';
import { ProgressMeter, type TransferProgress } from '../net/progress';
import { fetchPutPart, type PutPart } from './s3-put';
import { PlaintextChangedError, SourceChangedError } from './upload-errors';
import { uploadPart } from './upload-part';

export const DEFAULT_PARALLELISM = 4;

/**
 * A File or Blob: parts are read with slice(), never the whole file at once,
 * and a Blob crosses to a worker without a copy. A re-encryption reads a
 * stored file instead (lib/client/files/download/remote-plaintext.ts), in this thread.
 */
export type UploadSource = PlaintextSource;

export type PartPlan = Omit<UploadPlan, 'parts'>;

export interface SealedFileInfo {
  wrappedFileKey: Uint8Array;
  encryptedMetadata: Uint8Array;
}

/** Everything fixed once the server accepted an upload: what a resume needs besides the key and parts. */
export interface StartedUpload {
  fileId: string;
  plan: PartPlan;
  chunkSize: number;
  ciphertextSize: number;
  /** Fixes this encryption's salt and so its payload key (format.md §1.2). */
  headerBytes: Uint8Array;
  sealed: SealedFileInfo;
}

/** What an earlier try recorded about a part (docs/uploads.md). */
export interface KnownPart {
  /** SHA-256 of the plaintext the part was made from; recorded before its first byte was sent. */
  plaintextSha256: Uint8Array;
  /** Set once the store acknowledged the part. */
  etag?: string;
}

/** Where progress that must survive a reload goes (resume-store.ts in the browser). */
export interface UploadJournal {
  /** Awaited before the part's first byte is sent: from then on, a resume must verify its plaintext. */
  partStarted(partNumber: number, plaintextSha256: Uint8Array): Promise<void>;
  partAcknowledged(partNumber: number, etag: string): Promise<void>;
}

export interface TransferOptions {
  source: UploadSource;
  /** From importFileKey (lib/crypto/file-key). */
  fileKey: CryptoKey;
  api: Pick<FilesApi, 'presignParts' | 'complete'>;
  parallelism?: number;
  retry?: RetryPolicy;
  putPart?: PutPart;
  /** Defaults to in-thread encryption; workerPartEncryptor() moves it off the page's thread. */
  encryptor?: PartEncryptor;
  journal?: UploadJournal;
  onProgress?: (progress: TransferProgress) => void;
  /** Cancels the transfer. */
  signal?: AbortSignal;
  /** Test seams. */
  random?: () => number;
  now?: () => number;
}

export interface UploadOptions extends TransferOptions {
  api: Pick<FilesApi, 'createUpload' | 'presignParts' | 'complete' | 'remove'>;
  /**
   * Wraps the file key and encrypts the metadata. Both are bound to the file
   * id (format.md §3, §4), which the server assigns at create.
   */
  seal(fileId: string): Promise<SealedFileInfo>;
  chunkSize?: number;
  /**
   * Awaited after create and before any part is sent: where the resume
   * record is written. The journal it returns (if any) records the parts.
   */
  onStarted?: (started: StartedUpload) => Promise<UploadJournal | void>;
  /** True to leave a failed upload pending for a later resume; otherwise it is aborted on the server. */
  keepForResume?: (error: unknown) => boolean;
}

export interface ResumeOptions extends TransferOptions {
  started: StartedUpload;
  known: ReadonlyMap<number, KnownPart>;
}

function parallelismOf(options: TransferOptions): number {
  const parallelism = options.parallelism ?? DEFAULT_PARALLELISM;
  if (!Number.isInteger(parallelism) || parallelism < 1) throw new RangeError('parallelism must be a positive integer');
  return parallelism;
}

/** Encrypts and uploads one file under a fresh salt; resolves with the ready file. */
export async function uploadFile(options: UploadOptions): Promise<FileJson> {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  parallelismOf(options);
  const ciphertextSize = ciphertextSizeFromPlaintextSize(options.source.size, chunkSize);
  options.signal?.throwIfAborted();

  const created = await options.api.createUpload({ ciphertextSize, chunkSize }, options.signal);
  try {
    // A new salt, hence a payload key never used before (format.md §1.2).
    const { headerBytes } = await createFileContext(options.fileKey, chunkSize);
    const { parts, ...plan } = created.upload;
    const started: StartedUpload = { fileId: created.id, plan, chunkSize, ciphertextSize, headerBytes, sealed: await options.seal(created.id) };
    const journal = (await options.onStarted?.(started)) ?? options.journal;
    return await transfer({ ...options, journal }, started, new Map(), parts);
  } catch (error) {
    // Cancelling, and any failure a resume cannot cure, releases the
    // reservation at once rather than leaving it to the sweeper.
    const cancelled = options.signal?.aborted === true;
    if (cancelled || !options.keepForResume?.(error)) await options.api.remove(created.id).catch(() => {});
    throw cancelled ? options.signal?.reason : error;
  }
}

/**
 * Continues an upload from what an earlier try recorded. Before anything is
 * sent, every part that was ever started is hashed again and must match
 * (format.md §1.6); a mismatch throws PlaintextChangedError and nothing of
 * the upload is touched. Acknowledged parts are then skipped, and the others
 * re-encrypted under the same header, which reproduces their bytes exactly.
 */
export async function resumeFile(options: ResumeOptions): Promise<FileJson> {
  const { started } = options;
  if (plaintextSizeFromCiphertextSize(started.ciphertextSize, started.chunkSize) !== options.source.size) throw new SourceChangedError();
  await verifyKnownParts(options);
  return transfer(options, started, options.known, []);
}

async function verifyKnownParts(options: ResumeOptions): Promise<void> {
  const { started } = options;
  const encryptor = options.encryptor ?? inThreadPartEncryptor;
  const numbers = [...options.known.keys()].sort((a, b) => a - b);
  await runPool(numbers, parallelismOf(options), async (partNumber) => {
    options.signal?.throwIfAborted();
    const { byteStart, byteEnd } = partRange(started, partNumber);
    const sha256 = await encryptor.hash({ source: options.source, byteStart, byteEnd, chunkSize: started.chunkSize });
    const expected = options.known.get(partNumber)!.plaintextSha256;
    if (!sameBytes(sha256, expected)) throw new PlaintextChangedError(partNumber);
  });
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function partRange(started: StartedUpload, partNumber: number): { byteStart: number; byteEnd: number } {
  const byteStart = (partNumber - 1) * started.plan.partSize;
  return { byteStart, byteEnd: Math.min(byteStart + started.plan.partSize, started.ciphertextSize) };
}

/** Runs `task` for each item, at most `limit` at once; the first failure stops new tasks and is thrown. */
async function runPool<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  const failed: { error?: unknown; set?: true } = {};
  for (const item of items) {
    while (inFlight.size >= limit) await Promise.race(inFlight);
    if (failed.set) break;
    const run: Promise<void> = task(item)
      .catch((error: unknown) => {
        if (!failed.set) Object.assign(failed, { error, set: true });
      })
      .finally(() => inFlight.delete(run));
    inFlight.add(run);
  }
  await Promise.all(inFlight);
  if (failed.set) throw failed.error;
}

async function transfer(
  options: TransferOptions, started: StartedUpload, known: ReadonlyMap<number, KnownPart>, initialUrls: PresignedPart[],
): Promise<FileJson> {
  // Any failure stops the other parts at once.
  const controller = new AbortController();
  const onAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();
  try {
    const etags = await sendParts(options, started, known, initialUrls, controller);
    const { fileId, plan, sealed } = started;
    return await withRetry('completing the upload', () => options.api.complete(fileId, {
      parts: plan.kind === 'multipart' ? etags.map((etag, i) => ({ partNumber: i + 1, etag })) : undefined,
      wrappedFileKey: toBase64Url(sealed.wrappedFileKey),
      encryptedMetadata: toBase64Url(sealed.encryptedMetadata),
    }, controller.signal), options.retry ?? DEFAULT_RETRY, controller.signal, options.random);
  } catch (error) {
    controller.abort(error);
    throw options.signal?.aborted ? options.signal.reason : error;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

async function sendParts(
  options: TransferOptions, started: StartedUpload, known: ReadonlyMap<number, KnownPart>, initialUrls: PresignedPart[],
  controller: AbortController,
): Promise<string[]> {
  const { fileId, plan, ciphertextSize } = started;
  const signal = controller.signal;
  const parallelism = parallelismOf(options);
  const encryptor = options.encryptor ?? inThreadPartEncryptor;
  const acknowledged = (n: number) => known.get(n)?.etag !== undefined;
  const urls = new PartUrls(
    (numbers) => options.api.presignParts(fileId, numbers, signal),
    plan.partCount,
    Math.min(MAX_PART_BATCH, Math.max(8, parallelism * 2)),
    initialUrls,
    options.now,
    (n) => !acknowledged(n),
  );
  const meter = new ProgressMeter(ciphertextSize, options.now);
  const report = (bytes: number) => options.onProgress?.(meter.add(bytes));

  const etags: string[] = [];
  const todo: number[] = [];
  let doneBytes = 0;
  for (let n = 1; n <= plan.partCount; n++) {
    const etag = known.get(n)?.etag;
    if (etag === undefined) todo.push(n);
    else {
      etags[n - 1] = etag;
      const { byteStart, byteEnd } = partRange(started, n);
      doneBytes += byteEnd - byteStart;
    }
  }
  report(doneBytes);

  try {
    // A slot is taken before the part is encrypted: this is what bounds memory.
    await runPool(todo, parallelism, async (partNumber) => {
      signal.throwIfAborted();
      const { byteStart, byteEnd } = partRange(started, partNumber);
      const result = await encryptor.encrypt({
        fileKey: options.fileKey, headerBytes: started.headerBytes, source: options.source, byteStart, byteEnd,
        expectedSha256: known.get(partNumber)?.plaintextSha256,
        // Only a journal (a resumable upload) needs the plaintext's hash; a re-encryption has none.
        skipHash: options.journal === undefined,
      });
      let etag: string;
      try {
        if (!result.ok) throw new PlaintextChangedError(partNumber);
        signal.throwIfAborted();
        await options.journal?.partStarted(partNumber, result.plaintextSha256);
        etag = await uploadPart({
          putPart: options.putPart ?? fetchPutPart, policy: options.retry ?? DEFAULT_RETRY, random: options.random,
          urls, partNumber, body: result.ciphertext, needsEtag: plan.kind === 'multipart', signal, report,
        });
      } finally {
        // Whether the PUT succeeded, failed or was cancelled, its staged
        // ciphertext goes before the slot does: disk, like memory, holds
        // at most `parallelism` parts ([Note: OPFS staging]).
        await encryptor.release?.(result);
      }
      etags[partNumber - 1] = etag;
      await options.journal?.partAcknowledged(partNumber, etag);
    });
  } catch (error) {
    controller.abort(error);
    throw error;
  }
  return etags;
}
