// A download's fetch and decryption, run in the crypto worker
// (worker-protocol.ts). The page hands over the presigned GET's URL and the
// file key; the worker fetches the ciphertext itself, decrypts it, and answers
// each request from the page with the next batch of plaintext that has
// authenticated, transferred, not copied. The rules are createDecryptStream's
// (format.md §1.5): a chunk's plaintext is released only after it
// authenticated, and the download fails at the first damaged chunk, before
// anything past it.
//
// [Note: downloads fetch in the worker] Two earlier designs kept the fetch on
// the page. Transferring the body's ReadableStream here and the plaintext
// stream back cost the page's main thread 2.1–2.7 ms of CPU per MiB: Chromium
// carries a transferred stream one cloned chunk per message, about 16 per MiB
// each way. Batching the crossing into 1 MiB transfers barely helped, because
// most of that time is reading the fetch body itself (the plain baseline GET
// spends 2.5 ms/MiB on the main thread doing only that). Reading the body
// here leaves the page two small messages per MiB (docs/benchmarks.md).
//
// Memory: the page keeps at most a few batches requested (decrypt-worker-client.ts);
// a download holds its decryptor's window of chunks and one batch of plaintext.
import { createDecryptStream } from './decrypt-stream';
import { UserFacingError } from '@/lib/shared/user-facing-error';

/** Ciphertext read per answer to the page: big enough that messages cost little, small enough to keep memory flat. */
export const DOWNLOAD_BATCH_BYTES = 1 << 20;

export interface DownloadBatch {
  /** Authenticated plaintext released since the last batch, as the decryptor's pieces (not joined: no copy); may be empty. */
  plaintext: Uint8Array[];
  /** Ciphertext bytes read for this batch: the page's progress. */
  ciphertextBytes: number;
  /** The file ended and its final chunk authenticated: nothing follows. */
  done: boolean;
}

interface Download {
  body: ReadableStreamDefaultReader<Uint8Array>;
  writer: WritableStreamDefaultWriter<Uint8Array>;
  out: Uint8Array[];
  /** Settles when the plaintext side has ended (or failed). */
  drained: Promise<void>;
  abort: AbortController;
  /** The previous batch: batches are read one after another, in the order asked. */
  queue: Promise<unknown>;
}

const downloads = new Map<number, Download>();
let nextDownload = 1;
let decryptedBytes = 0;

export class DownloadHttpError extends UserFacingError {
  override name = 'DownloadHttpError';
}

/** Fetches `url` (the file's presigned GET) and starts decrypting it under `fileKey`; returns the download's id. */
export async function downloadOpen(fileKey: CryptoKey, url: string): Promise<number> {
  const { readable, writable } = createDecryptStream(fileKey);
  const abort = new AbortController();
  // The URL is the credential: no cookies go to the store.
  const response = await fetch(url, { signal: abort.signal, cache: 'no-store', credentials: 'omit' });
  if (!response.ok || !response.body) {
    await response.body?.cancel().catch(() => undefined);
    throw new DownloadHttpError(`The download failed (HTTP ${response.status}); nothing was saved.`);
  }
  const reader = readable.getReader();
  const d: Download = { body: response.body.getReader(), writer: writable.getWriter(), out: [], drained: Promise.resolve(), abort, queue: Promise.resolve() };
  d.drained = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      decryptedBytes += value.length;
      d.out.push(value);
    }
  })();
  d.drained.catch(() => undefined); // the same failure reaches the page through the write
  const id = nextDownload++;
  downloads.set(id, d);
  return id;
}

function takeOutput(d: Download): Uint8Array[] {
  const pieces = d.out;
  d.out = [];
  return pieces;
}

async function readBatch(d: Download): Promise<DownloadBatch> {
  let length = 0;
  let ended = false;
  // Each network piece goes to the decryptor as it is: it gathers chunks itself.
  while (length < DOWNLOAD_BATCH_BYTES) {
    const { done, value } = await d.body.read();
    if (done) {
      ended = true;
      break;
    }
    length += value.length;
    await d.writer.write(value);
  }
  if (ended) {
    await d.writer.close();
    await d.drained;
  }
  return { plaintext: takeOutput(d), ciphertextBytes: length, done: ended };
}

/** The next batch of plaintext; after the one with `done`, the download is gone. */
export function downloadNext(id: number): Promise<DownloadBatch> {
  const d = downloads.get(id);
  if (!d) return Promise.reject(new Error('This download is no longer running; start it again.'));
  const batch = d.queue.then(() => readBatch(d));
  d.queue = batch.catch(() => undefined);
  void batch.then((b) => b.done && downloads.delete(id), () => downloadAbort(id));
  return batch;
}

/** Stops a download the page gave up on (cancelled, failed, or its sink refused): the fetch is aborted. */
export function downloadAbort(id: number): void {
  const d = downloads.get(id);
  downloads.delete(id);
  if (!d) return;
  d.abort.abort();
  d.body.cancel().catch(() => undefined);
  d.writer.abort().catch(() => undefined);
}

/** Plaintext bytes this worker has released so far: lets a test see where downloads decrypted. */
export function decryptedByteCount(): number {
  return decryptedBytes;
}

/** Downloads open now: a test checks that finished and cancelled downloads leave none behind. */
export function openDownloads(): number {
  return downloads.size;
}
