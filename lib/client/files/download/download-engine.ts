// Browser download engine (issue 5): presigned GET → decrypt stream → sink.
// The fetch and decryption run in the crypto worker (decrypt-worker-client.ts).
// Decrypted bytes are provisional until the stream ends without error
// (format.md §1.5): on any failure the sink is aborted, so a sink that writes
// to a temporary place (a file handle, a service worker) discards it.
import type { FilesApi } from '../api';
import { createDecryptStream } from '@/lib/crypto/decrypt-stream';
import { FormatError, IntegrityError } from '@/lib/crypto/errors';
import { downloadInWorker } from './decrypt-worker-client';
import { blameStorageOrConnection } from '../net/blame';
import { ProgressMeter, type TransferProgress } from '../net/progress';
import { UserFacingError } from '@/lib/shared/user-facing-error';

export const DAMAGED_FILE_MESSAGE = 'This file was altered or damaged; nothing was saved.';

/** Shown to users as is; the crypto error (which says nothing specific either) is the cause. */
export class DamagedFileError extends UserFacingError {
  override name = 'DamagedFileError';
  constructor(options?: { cause?: unknown }) {
    super(DAMAGED_FILE_MESSAGE, options);
  }
}

export interface DownloadOptions {
  fileId: string;
  /** From unwrapFileKey (lib/crypto/file-key). */
  fileKey: CryptoKey;
  api: Pick<FilesApi, 'downloadUrl'>;
  sink: WritableStream<Uint8Array>;
  signal?: AbortSignal;
  onProgress?: (progress: TransferProgress) => void;
  /**
   * Ciphertext in, plaintext out, on this thread. Given this or `fetch`, the
   * download runs on the page (the bench's comparison, tests' stand-in
   * stores); otherwise the crypto worker fetches and decrypts, where there is one.
   */
  decrypt?: (ciphertext: ReadableStream<Uint8Array>, fileKey: CryptoKey) => ReadableStream<Uint8Array>;
  fetch?: typeof fetch;
}

// An error from the worker is rebuilt as its class ([Note: errors across the
// worker]). A header that does not parse (FormatError) is as much damage as a
// chunk that does not authenticate.
function isDamage(error: unknown): boolean {
  return error instanceof IntegrityError || error instanceof FormatError;
}

export async function downloadFile(options: DownloadOptions): Promise<void> {
  const { sink, signal } = options;
  let plaintext: ReadableStream<Uint8Array>;
  try {
    const info = await options.api.downloadUrl(options.fileId, signal);
    const meter = new ProgressMeter(info.ciphertextSize);
    const progress = (bytes: number) => options.onProgress?.(meter.add(bytes));
    const inWorker = options.fetch || options.decrypt ? undefined : await downloadInWorker(info.url, options.fileKey, progress);
    plaintext = inWorker ?? await onThisThread(info.url, options, progress);
  } catch (error) {
    await sink.abort(error).catch(() => {});
    throw isDamage(error) ? new DamagedFileError({ cause: error }) : await blameStorageOrConnection(error);
  }
  try {
    // pipeTo aborts the sink itself when anything upstream fails or the signal
    // fires, and cancels the plaintext stream, which stops the worker's fetch and decryption.
    await plaintext.pipeTo(sink, { signal });
  } catch (error) {
    if (isDamage(error)) throw new DamagedFileError({ cause: error });
    throw await blameStorageOrConnection(error);
  }
}

/** The page's own fetch and decryption: where no worker runs, or a test or the bench passes its own. */
async function onThisThread(url: string, options: DownloadOptions, progress: (bytes: number) => void): Promise<ReadableStream<Uint8Array>> {
  const response = await (options.fetch ?? fetch)(url, { signal: options.signal, cache: 'no-store', credentials: 'omit' });
  if (!response.ok || !response.body) throw new Error(`The download failed (HTTP ${response.status}); nothing was saved.`);
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(piece, controller) {
      controller.enqueue(piece);
      progress(piece.length);
    },
  });
  const decrypt = options.decrypt ?? ((ciphertext: ReadableStream<Uint8Array>, key: CryptoKey) => ciphertext.pipeThrough(createDecryptStream(key)));
  return decrypt(response.body.pipeThrough(counter), options.fileKey);
}
