// The page's side of thumbnail-worker.ts: one worker, started on first use.
// Where it cannot start or does not answer (no Worker, no OffscreenCanvas,
// blocked, a script that fails to load), the same code runs in the page.
import { renderAndSeal, type SealThumbnailRequest } from './seal-in-thread';
import type { ThumbnailWorkerResponse } from './thumbnail-worker';

/** How long a starting worker may take to say it is ready before the page does the work itself. */
const READY_TIMEOUT_MS = 5_000;

interface Pending {
  request: SealThumbnailRequest;
  resolve: (sealed: Uint8Array) => void;
  reject: (error: unknown) => void;
}

let worker: Worker | null | undefined;
let ready: Promise<boolean> = Promise.resolve(false);
let nextId = 1;
const pending = new Map<number, Pending>();

function abandon(): void {
  worker?.terminate();
  worker = null;
  ready = Promise.resolve(false);
  // Requests the worker took and will never answer: the page makes them instead.
  const waiting = [...pending.values()];
  pending.clear();
  for (const entry of waiting) renderAndSeal(entry.request).then(entry.resolve, entry.reject);
}

function startWorker(): void {
  if (worker !== undefined) return;
  if (typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined') {
    worker = null;
    return;
  }
  let started: Worker;
  try {
    started = new Worker(new URL('./thumbnail-worker.ts', import.meta.url), { type: 'module', name: 'twofold-thumbnails' });
  } catch {
    worker = null;
    return;
  }
  worker = started;
  let markReady: (ok: boolean) => void = () => {};
  ready = new Promise((resolve) => (markReady = resolve));
  const timer = setTimeout(() => {
    markReady(false);
    abandon();
  }, READY_TIMEOUT_MS);
  started.addEventListener('message', (event: MessageEvent<ThumbnailWorkerResponse>) => {
    const data = event.data;
    if ('ready' in data) {
      clearTimeout(timer);
      markReady(true);
      return;
    }
    const entry = pending.get(data.id);
    if (!entry) return;
    pending.delete(data.id);
    if (data.ok) entry.resolve(data.sealed);
    else entry.reject(new Error('no thumbnail could be made'));
  });
  started.addEventListener('error', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    markReady(false);
    abandon();
  });
}

/** The sealed thumbnail blob (format.md §13) of an image Blob or a grabbed video frame. */
export async function sealThumbnailOffThread(request: SealThumbnailRequest): Promise<Uint8Array> {
  startWorker();
  const w = worker;
  if (!w || !(await ready) || worker !== w) return renderAndSeal(request);
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { request, resolve, reject });
    // A bitmap is moved, not copied; a File crosses as a handle to the same bytes.
    const transfer = request.source instanceof Blob ? [] : [request.source];
    try {
      w.postMessage({ id, ...request }, transfer);
    } catch (error) {
      pending.delete(id);
      reject(error);
    }
  });
}
