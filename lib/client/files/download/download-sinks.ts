// Where a decrypted download goes, best first (issue 5):
//   1. the File System Access API, when the user wants to choose where
//      (save-preference.ts): the browser writes to a temporary file and
//      only renames it into place on close(), so abort() leaves nothing;
//   2. a service worker that serves the stream as a normal download with
//      Content-Disposition and Content-Length (public/sw-download.js);
//   3. a Blob in memory, for small files only.
// Every target is a WritableStream whose abort() discards what was written:
// the download engine aborts it when a chunk fails to authenticate
// (format.md §1.5: output is provisional until the stream ends cleanly).
import { randomBytes } from '@/lib/crypto/subtle';
import { toBase64Url } from '@/lib/crypto/bytes';
import { wantsSavePicker } from './save-preference';
import { UserFacingError } from '@/lib/shared/user-facing-error';
import { isAbortError } from '../../browser-errors';

/** A Blob holds the whole file in memory; past this the tab risks running out. */
export const BLOB_DOWNLOAD_LIMIT = 512 * 1024 * 1024;

export type SaveTargetKind = 'file-system' | 'service-worker' | 'blob';

export interface SaveTarget {
  kind: SaveTargetKind;
  writable: WritableStream<Uint8Array>;
}

export interface SaveRequest {
  name: string;
  /** Plaintext bytes: the service worker announces it as Content-Length. */
  size: number;
  /** "Download to…": open the Save-As picker whatever the size. */
  ask?: boolean;
}

/** The user closed the save dialog: not an error worth a message. */
export class SaveCancelledError extends Error {
  override name = 'SaveCancelledError';
}

export class TooLargeForBrowserError extends UserFacingError {
  override name = 'TooLargeForBrowserError';
}

interface SaveFilePickerWindow {
  showSaveFilePicker?: (options: { suggestedName?: string }) => Promise<{ createWritable(): Promise<WritableStream<Uint8Array>> }>;
}

export function availableSaveTarget(request: SaveRequest): SaveTargetKind {
  const picker = typeof (window as SaveFilePickerWindow).showSaveFilePicker === 'function';
  if (picker && wantsSavePicker(request.size, request.ask === true)) return 'file-system';
  if (serviceWorkerStreamsSupported()) return 'service-worker';
  return 'blob';
}

/**
 * Opens the best target for `request`. Call it first thing in the click
 * handler: showSaveFilePicker needs the click's user activation.
 */
export async function openSaveTarget(request: SaveRequest): Promise<SaveTarget> {
  const kind = availableSaveTarget(request);
  if (kind === 'file-system') return { kind, writable: await fileSystemSink(request) };
  if (kind === 'service-worker') {
    try {
      return { kind, writable: await serviceWorkerSink(request) };
    } catch {
      // Registration can fail (private windows, disabled workers): fall through.
    }
  }
  return { kind: 'blob', writable: blobSink(request) };
}

// ── 1. File System Access

async function fileSystemSink(request: SaveRequest): Promise<WritableStream<Uint8Array>> {
  const picker = (window as SaveFilePickerWindow).showSaveFilePicker!;
  let handle;
  try {
    handle = await picker({ suggestedName: request.name });
  } catch (error) {
    if (isAbortError(error)) throw new SaveCancelledError('save cancelled');
    throw error;
  }
  // FileSystemWritableFileStream writes to a swap file; close() commits it,
  // abort() deletes it.
  return handle.createWritable();
}

// ── 2. Service worker

const SW_SCRIPT = '/sw-download.js';
// The worker controls only this path, so it can never touch the app's own requests.
const SW_SCOPE = '/sw-download/';

function serviceWorkerStreamsSupported(): boolean {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator) || !navigator.serviceWorker) return false;
  try {
    // The page hands the worker a ReadableStream: that needs transferable streams.
    const probe = new ReadableStream();
    structuredClone(probe, { transfer: [probe as unknown as Transferable] });
    return true;
  } catch {
    return false;
  }
}

async function activeWorker(): Promise<ServiceWorker> {
  const registration = await navigator.serviceWorker.register(SW_SCRIPT, { scope: SW_SCOPE });
  // navigator.serviceWorker.ready would wait forever: this page is outside the scope.
  const worker = registration.active ?? registration.waiting ?? registration.installing;
  if (!worker) throw new Error('no service worker');
  if (worker.state === 'activated') return worker;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the download helper did not start')), 10_000);
    worker.addEventListener('statechange', () => {
      if (worker.state === 'activated' || worker.state === 'redundant') clearTimeout(timer);
      if (worker.state === 'activated') resolve();
      if (worker.state === 'redundant') reject(new Error('the download helper stopped'));
    });
  });
  return worker;
}

/** Hands the worker a stream and starts the browser's download of it. */
async function startServiceWorkerDownload(worker: ServiceWorker, request: SaveRequest, readable: ReadableStream<Uint8Array>): Promise<void> {
  const id = toBase64Url(randomBytes(16));
  const channel = new MessageChannel();
  const acknowledged = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the download helper did not answer')), 10_000);
    channel.port1.onmessage = () => (clearTimeout(timer), resolve());
  });
  worker.postMessage({ type: 'download', id, name: request.name, size: request.size, readable },
    [channel.port2, readable as unknown as Transferable]);
  await acknowledged;
  // A hidden frame navigates to the worker's URL; Content-Disposition makes it a download.
  const frame = document.createElement('iframe');
  frame.hidden = true;
  frame.title = 'download';
  frame.src = `${SW_SCOPE}${id}`;
  document.body.append(frame);
  setTimeout(() => frame.remove(), 60_000);
}

async function serviceWorkerSink(request: SaveRequest): Promise<WritableStream<Uint8Array>> {
  const worker = await activeWorker();
  let writer: WritableStreamDefaultWriter<Uint8Array> | undefined;
  let keepAlive: ReturnType<typeof setInterval> | undefined;
  // The browser's download only starts with the first authenticated bytes
  // (or at the end, for an empty file). A file that fails its first chunk, or
  // its header's key commitment, therefore never shows up as a download at all.
  const open = async () => {
    if (writer) return writer;
    const pipe = new TransformStream<Uint8Array, Uint8Array>();
    await startServiceWorkerDownload(worker, request, pipe.readable);
    writer = pipe.writable.getWriter();
    // An idle worker may be stopped; messages keep it alive during long downloads.
    keepAlive = setInterval(() => worker.postMessage({ type: 'ping' }), 10_000);
    return writer;
  };
  const stop = () => clearInterval(keepAlive);
  return new WritableStream<Uint8Array>({
    async write(piece) {
      const w = await open();
      await w.ready;
      await w.write(piece);
    },
    async close() {
      const w = await open();
      stop();
      await w.close();
    },
    async abort(reason) {
      stop();
      // Erroring the stream fails the browser's download, which deletes its partial file.
      await writer?.abort(reason);
    },
  });
}

// ── 3. Blob

function blobSink(request: SaveRequest): WritableStream<Uint8Array> {
  if (request.size > BLOB_DOWNLOAD_LIMIT) {
    throw new TooLargeForBrowserError(
      `This browser can only save files up to ${BLOB_DOWNLOAD_LIMIT / 1024 ** 2} MiB from Twofold. Try a recent Chrome, Edge or Firefox for bigger files.`,
    );
  }
  let pieces: Uint8Array[] = [];
  return new WritableStream<Uint8Array>({
    write(piece) {
      pieces.push(piece);
    },
    close() {
      const url = URL.createObjectURL(new Blob(pieces as BlobPart[], { type: 'application/octet-stream' }));
      pieces = [];
      const link = document.createElement('a');
      link.href = url;
      link.download = request.name;
      link.hidden = true;
      document.body.append(link);
      link.click();
      link.remove();
      // The download has its own copy once it started; the URL is only needed until then.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
    abort() {
      pieces = [];
    },
  });
}
