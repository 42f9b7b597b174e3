// The signed-in area's upload queue: a few files at a time through startUpload,
// per-file progress and cancel, and one overall figure. No React: the page
// subscribes (useSyncExternalStore) and renders snapshots. It belongs to the
// session, not to the vault page (VaultProvider holds it), so locking, which
// unmounts the page, leaves running uploads running: each already holds the
// keys it needs, and only sign-out (dispose) stops them.
import type { FileJson } from '@/lib/shared/files';
import { fileErrorMessage, isAbort } from '../messages';
import type { TransferProgress } from '../net/progress';
import type { StartUploadOptions } from './upload-manager';
import { UploadInterruptedError } from './upload-errors';

export type UploadStatus = 'queued' | 'uploading' | 'done' | 'failed' | 'cancelled';

export interface UploadItem {
  key: string;
  name: string;
  size: number;
  status: UploadStatus;
  progress: TransferProgress | null;
  error?: string;
  /** Uploading while the browser is offline: the engine waits for the connection (net/network.ts). */
  waitingForConnection?: boolean;
  /** Failed, and Retry can try again (resuming what the store already has, when it kept any). */
  retryable?: boolean;
}

export interface OverallProgress {
  doneBytes: number;
  totalBytes: number;
  bytesPerSecond: number;
  etaSeconds: number | null;
  active: number;
}

export type Start = (file: File, options: StartUploadOptions) => Promise<FileJson>;

/** Two files at once: each already sends several parts in parallel, more only adds memory. */
const MAX_ACTIVE_FILES = 2;
/** Progress events arrive per network piece; the UI needs a few per second. */
const RENDER_INTERVAL_MS = 150;

export class UploadQueue {
  private items: UploadItem[] = [];
  private files = new Map<string, { file: File; start: Start }>();
  private controllers = new Map<string, AbortController>();
  private listeners = new Set<() => void>();
  private uploadedListeners = new Set<(file: FileJson) => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private counter = 0;
  /** A failed upload's file, how it started, and the pending upload a Retry continues. */
  private failed = new Map<string, { file: File; start: Start; resumeId?: string }>();
  private readonly onConnectionChange = () => this.markConnection();

  constructor() {
    globalThis.addEventListener?.('online', this.onConnectionChange);
    globalThis.addEventListener?.('offline', this.onConnectionChange);
  }

  /** Told of each finished upload while subscribed; the vault page re-reads its list on mount for the rest. */
  onUploaded = (listener: (file: FileJson) => void) => {
    this.uploadedListeners.add(listener);
    return () => void this.uploadedListeners.delete(listener);
  };

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  snapshot = (): readonly UploadItem[] => this.items;

  /** Queues files; `start` says how they upload (a new upload, or a resumed one continuing an existing id). */
  add(files: Iterable<File>, start: Start): void {
    for (const file of files) {
      const key = `u${++this.counter}`;
      this.files.set(key, { file, start });
      this.items = [...this.items, { key, name: file.name, size: file.size, status: 'queued', progress: null }];
    }
    this.emit();
    this.pump();
  }

  cancel(key: string): void {
    const item = this.items.find((i) => i.key === key);
    if (!item) return;
    if (item.status === 'queued') {
      this.files.delete(key);
      this.update(key, { status: 'cancelled' });
    } else if (item.status === 'uploading') {
      // The row stops now; the transfer winds down behind it.
      this.update(key, { status: 'cancelled' });
      this.controllers.get(key)?.abort(new DOMException('cancelled', 'AbortError'));
    }
  }

  /** Tries a failed upload again with the same file; an interrupted one continues where the store left off. */
  retry(key: string): void {
    const entry = this.failed.get(key);
    if (!entry) return;
    this.failed.delete(key);
    const { file, start, resumeId } = entry;
    this.files.set(key, { file, start: resumeId === undefined ? start : (f, options) => start(f, { ...options, resumeId }) });
    this.update(key, { status: 'queued', error: undefined, retryable: undefined, progress: null });
    this.pump();
  }

  /** Drops finished rows from the list. */
  clearFinished(): void {
    this.items = this.items.filter((i) => i.status === 'queued' || i.status === 'uploading');
    for (const key of [...this.failed.keys()]) if (!this.items.some((i) => i.key === key)) this.failed.delete(key);
    this.emit();
  }

  dispose(): void {
    for (const controller of this.controllers.values()) controller.abort(new DOMException('page closed', 'AbortError'));
    globalThis.removeEventListener?.('online', this.onConnectionChange);
    globalThis.removeEventListener?.('offline', this.onConnectionChange);
    clearTimeout(this.timer);
  }

  private markConnection(): void {
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    this.items = this.items.map((i) => (i.status === 'uploading' ? { ...i, waitingForConnection: offline } : i));
    this.emit();
  }

  overall(): OverallProgress {
    return overallProgress(this.items);
  }

  private pump(): void {
    while (this.items.filter((i) => i.status === 'uploading').length < MAX_ACTIVE_FILES) {
      const next = this.items.find((i) => i.status === 'queued');
      if (!next) return;
      this.run(next.key);
    }
  }

  private run(key: string): void {
    const entry = this.files.get(key);
    if (!entry) return;
    const { file, start } = entry;
    const controller = new AbortController();
    this.controllers.set(key, controller);
    this.update(key, { status: 'uploading', waitingForConnection: typeof navigator !== 'undefined' && navigator.onLine === false });
    void start(file, {
      signal: controller.signal,
      onProgress: (progress) => this.update(key, { progress }, false),
    }).then(
      (row) => {
        this.update(key, { status: 'done' });
        for (const listener of this.uploadedListeners) listener(row);
      },
      (error: unknown) => {
        if (isAbort(error) || controller.signal.aborted) this.update(key, { status: 'cancelled' });
        else {
          this.failed.set(key, { file, start, resumeId: error instanceof UploadInterruptedError ? error.uploadId : undefined });
          this.update(key, { status: 'failed', error: fileErrorMessage(error, `upload ${file.name}`), retryable: true, waitingForConnection: false });
        }
      },
    ).finally(() => {
      this.controllers.delete(key);
      this.files.delete(key);
      this.pump();
    });
  }

  private update(key: string, patch: Partial<UploadItem>, now = true): void {
    this.items = this.items.map((i) => (i.key === key ? { ...i, ...patch } : i));
    if (now) this.emit();
    else this.timer ??= setTimeout(() => this.emit(), RENDER_INTERVAL_MS);
  }

  private emit(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const listener of this.listeners) listener();
  }
}

/** Uploads still to finish: queued or running. Leaving the page or signing out would stop these. */
export function unfinishedCount(items: readonly UploadItem[]): number {
  return items.filter((i) => i.status === 'queued' || i.status === 'uploading').length;
}

/** Across the files still in the list: bytes, summed speed, and time left at that speed. */
export function overallProgress(items: readonly UploadItem[]): OverallProgress {
  let doneBytes = 0;
  let totalBytes = 0;
  let bytesPerSecond = 0;
  let active = 0;
  for (const item of items) {
    if (item.status === 'cancelled' || item.status === 'failed') continue;
    const total = item.progress?.totalBytes ?? item.size;
    totalBytes += total;
    doneBytes += item.status === 'done' ? total : (item.progress?.doneBytes ?? 0);
    if (item.status === 'uploading') {
      active++;
      bytesPerSecond += item.progress?.bytesPerSecond ?? 0;
    }
    if (item.status === 'queued') active++;
  }
  const remaining = Math.max(0, totalBytes - doneBytes);
  const etaSeconds = remaining === 0 ? 0 : bytesPerSecond > 0 ? remaining / bytesPerSecond : null;
  return { doneBytes, totalBytes, bytesPerSecond, etaSeconds, active };
}
