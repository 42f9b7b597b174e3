// Save a zip of vault files through the same sinks as a single download
// (download-sinks.ts). The zip's exact length is known before a byte is
// decrypted (client-zip's predictLength), so the service-worker sink can
// announce it as Content-Length and the Blob fallback can refuse early.
// Any failure aborts the sink: a half-written zip is never committed.
import { openSaveTarget, type SaveTargetKind } from '../download/download-sinks';
import { filesApi } from '../api';
import { isAbort } from '../messages';
import { ProgressMeter, throttleProgress, type TransferProgress } from '../net/progress';
import type { ZipPlanEntry } from './zip-paths';
import { zipLength, zipStream, type ZipSource } from './zip-stream';

export interface SaveZipOptions {
  onProgress?: (progress: TransferProgress) => void;
  onTarget?: (kind: SaveTargetKind) => void;
  signal?: AbortSignal;
  api?: ZipSource['api'];
}

/** Progress counts zip bytes written against the predicted length. */
export async function saveZip(name: string, entries: readonly ZipPlanEntry[], options: SaveZipOptions = {}): Promise<SaveTargetKind> {
  const size = zipLength(entries);
  // Opened before anything else is awaited: the save dialog needs the click's activation.
  const target = await openSaveTarget({ name, size });
  options.onTarget?.(target.kind);
  const run = zipStream(entries, { api: options.api ?? filesApi, signal: options.signal });
  const meter = new ProgressMeter(size);
  const report = throttleProgress(options.onProgress);
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(piece, controller) {
      controller.enqueue(piece);
      report?.(meter.add(piece.length));
    },
  });
  try {
    // pipeTo aborts the sink when the zip stream errors (a file failed to decrypt).
    await run.stream.pipeThrough(counter).pipeTo(target.writable, { signal: options.signal });
  } catch (error) {
    if (isAbort(error)) throw error;
    await run.settled();
    throw run.failure() ?? error;
  }
  return target.kind;
}
