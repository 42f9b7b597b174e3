// The page's side of thumbnail-worker.ts: one worker, started on first use.
// Where it cannot start (no Worker, no OffscreenCanvas in workers, blocked),
// the same code runs in the page.
import { renderAndSeal, type SealThumbnailRequest } from './seal-in-thread';
import type { ThumbnailWorkerResponse } from './thumbnail-worker';

let worker: Worker | null | undefined;
let nextId = 1;
const pending = new Map<number, { resolve: (sealed: Uint8Array) => void; reject: (error: Error) => void }>();

function startWorker(): Worker | null {
  if (worker !== undefined) return worker;
  if (typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined') return (worker = null);
  try {
    worker = new Worker(new URL('./thumbnail-worker.ts', import.meta.url), { type: 'module', name: 'twofold-thumbnails' });
  } catch {
    return (worker = null);
  }
  worker.addEventListener('message', (event: MessageEvent<ThumbnailWorkerResponse>) => {
    const entry = pending.get(event.data.id);
    if (!entry) return;
    pending.delete(event.data.id);
    if (event.data.ok) entry.resolve(event.data.sealed);
    else entry.reject(new Error('no thumbnail could be made'));
  });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    worker?.terminate();
    worker = null;
    for (const entry of pending.values()) entry.reject(new Error('the thumbnail worker stopped'));
    pending.clear();
  });
  return worker;
}

/** The sealed thumbnail blob (format.md §13) of an image Blob or a grabbed video frame. */
export function sealThumbnailOffThread(request: SealThumbnailRequest): Promise<Uint8Array> {
  const w = startWorker();
  if (!w) return renderAndSeal(request);
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    const transfer = request.source instanceof Blob ? [] : [request.source];
    w.postMessage({ id, ...request }, transfer);
  });
}
