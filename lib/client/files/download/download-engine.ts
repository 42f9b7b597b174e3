// Browser download engine (issue 5): presigned GET → decrypt stream → sink.
// The decryption runs in the crypto worker (decrypt-worker-client.ts).
// Decrypted bytes are provisional until the stream ends without error
// (format.md §1.5): on any failure the sink is aborted, so a sink that writes
// to a temporary place (a file handle, a service worker) discards it.
import type { FilesApi } from '../api';
import { decryptOffThread } from './decrypt-worker-client';
import { ProgressMeter, type TransferProgress } from '../net/progress';

export const DAMAGED_FILE_MESSAGE = 'This file was altered or damaged; nothing was saved.';

/** Shown to users as is; the crypto error (which says nothing specific either) is the cause. */
export class DamagedFileError extends Error {
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
  /** Ciphertext in, plaintext out; defaults to decryptOffThread (in the crypto worker where there is one). */
  decrypt?: (ciphertext: ReadableStream<Uint8Array>, fileKey: CryptoKey) => ReadableStream<Uint8Array>;
  fetch?: typeof fetch;
}

// By name, not instanceof: an error that crossed from a worker is a plain
// Error with the same name. A header that does not parse (FormatError) is as
// much damage as a chunk that does not authenticate.
function isDamage(error: unknown): boolean {
  return error instanceof Error && (error.name === 'IntegrityError' || error.name === 'FormatError');
}

export async function downloadFile(options: DownloadOptions): Promise<void> {
  const { sink, signal } = options;
  let body: ReadableStream<Uint8Array>;
  let totalBytes: number;
  try {
    const info = await options.api.downloadUrl(options.fileId, signal);
    totalBytes = info.ciphertextSize;
    const response = await (options.fetch ?? fetch)(info.url, { signal, cache: 'no-store', credentials: 'omit' });
    if (!response.ok || !response.body) throw new Error(`The download failed (HTTP ${response.status}); nothing was saved.`);
    body = response.body;
  } catch (error) {
    await sink.abort(error).catch(() => {});
    throw error;
  }

  const meter = new ProgressMeter(totalBytes);
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(piece, controller) {
      controller.enqueue(piece);
      options.onProgress?.(meter.add(piece.length));
    },
  });
  const decrypt = options.decrypt ?? decryptOffThread;
  try {
    // pipeTo aborts the sink itself when anything upstream fails or the signal
    // fires, and cancels the plaintext stream, which cancels the worker's work and the fetch body.
    await decrypt(body.pipeThrough(counter), options.fileKey).pipeTo(sink, { signal });
  } catch (error) {
    if (isDamage(error)) throw new DamagedFileError({ cause: error });
    throw error;
  }
}
