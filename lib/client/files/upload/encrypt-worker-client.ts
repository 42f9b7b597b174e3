// The page's side of the encryption worker (lib/crypto/worker.ts). Parts are
// encrypted there so a 4 GiB upload never runs AES-GCM, SHA-256 or the part
// copies on the thread that paints the UI. The source Blob is posted (a
// handle, not a copy) and the ciphertext comes back transferred, so the page
// holds only the finished parts it is sending.
//
// Fallback: where Worker is missing, cannot be constructed, or the worker
// script fails to load, the same functions run in this thread; requests
// already posted to a broken worker are re-run here. The download engine
// decrypts in the same worker (download/decrypt-worker-client.ts).
import { encryptRemotePart, WORKER_READY, workerErrorFromWire, type RemotePartRequest, type WorkerOp, type WorkerRequest, type WorkerResponse } from '@/lib/crypto/worker-protocol';
import { RemoteUrlRefusedError } from '@/lib/crypto/remote-source';
import type { RemotePlaintext } from '../download/remote-plaintext';
import { nextStageTarget, opfsStagingAvailable, releaseStaged } from './opfs-staging';
import { inThreadPartEncryptor, type FilePartRequest, type FilePartResult, type PartEncryptor } from './part-encryptor';

interface Pending {
  op: WorkerOp;
  args: unknown[];
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export const WORKER_STOPPED_MESSAGE = 'The browser stopped the encryption worker; nothing was saved. Try again.';

export class WorkerClient {
  worker: Worker | undefined;
  /** True once the worker's script has loaded; false if it never will (or there is no worker). */
  readonly ready: Promise<boolean>;
  /** Rejects when the worker is given up on: what was handed to it (a stream) is lost. */
  readonly stopped: Promise<never>;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private markReady: (ready: boolean) => void = () => {};
  private markStopped: (error: Error) => void = () => {};

  constructor(private readonly fallback: (op: WorkerOp, args: unknown[]) => Promise<unknown>) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    this.stopped = new Promise<never>((_, reject) => (this.markStopped = reject));
    this.stopped.catch(() => undefined); // observed by whoever races it
    try {
      this.worker = new Worker(new URL('../../../crypto/worker.ts', import.meta.url), { type: 'module', name: 'twofold-crypto' });
    } catch {
      this.markReady(false);
      return; // blocked by policy or unsupported: stay in-thread
    }
    this.worker.addEventListener('message', (event: MessageEvent<WorkerResponse | typeof WORKER_READY>) => {
      if ('twofoldWorkerReady' in event.data) this.markReady(true);
      else this.settle(event.data);
    });
    // A script that fails to load or a message that cannot be decoded: give up on the worker for good.
    this.worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.abandon();
    });
    this.worker.addEventListener('messageerror', () => this.abandon());
  }

  /** Requests posted and not yet answered: the pool sends a part to the least busy worker. */
  get load(): number {
    return this.pending.size;
  }

  /** `transfer` moves what must not be copied (a stream); a DataCloneError means this browser cannot. */
  call(op: WorkerOp, args: unknown[], transfer: Transferable[] = []): Promise<unknown> {
    const worker = this.worker;
    if (!worker) return this.fallback(op, args);
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { op, args, resolve, reject });
      try {
        worker.postMessage({ id, op, args } satisfies WorkerRequest, transfer);
      } catch (error) {
        this.pending.delete(id);
        reject(error);
      }
    });
  }

  private settle(response: WorkerResponse): void {
    const entry = this.pending.get(response.id);
    if (!entry) return;
    this.pending.delete(response.id);
    if (response.ok) entry.resolve(response.result);
    else entry.reject(workerErrorFromWire(response.error));
  }

  private abandon(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.markReady(false);
    this.markStopped(new Error(WORKER_STOPPED_MESSAGE));
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const entry of waiting) this.fallback(entry.op, entry.args).then(entry.resolve, entry.reject);
  }
}

let shared: PartEncryptor | undefined;
let sharedClient: WorkerClient | undefined;

/** Where parts are encrypted right now: for diagnostics and the benchmark's report. */
export function encryptionThread(): 'worker' | 'page' | 'not started' {
  if (!shared) return 'not started';
  return sharedClient?.worker ? 'worker' : 'page';
}

/** The page's one crypto worker, started on first use; undefined where Worker does not exist. */
export function cryptoWorkerClient(): WorkerClient | undefined {
  if (sharedClient || typeof Worker === 'undefined') return sharedClient;
  return (sharedClient = new WorkerClient(inThread));
}

/** What a broken worker's requests re-run as, in this thread. */
function inThread(op: WorkerOp, args: unknown[]): Promise<unknown> {
  const [request] = args as [never];
  if (op === 'hashFilePart') return inThreadPartEncryptor.hash(request);
  // createSyncAccessHandle exists only in workers: in this thread a staged part is an in-memory Blob.
  if (op === 'encryptFilePart' || op === 'encryptFilePartStaged') return inThreadPartEncryptor.encrypt(request);
  // The stored copy is read again from here, with the same URL.
  if (op === 'encryptRemotePart') return encryptRemotePart(request as RemotePartRequest);
  // A stream that was transferred to the worker went with it: nothing to re-run.
  return Promise.reject(new Error(WORKER_STOPPED_MESSAGE));
}

// [Note: encryption workers] Parts are independent (upload-engine.ts), so
// several workers can encrypt them at once. WebCrypto runs one operation
// at a time per worker, so one worker uses at most about one core. The
// page's main thread and the browser process (which sends every part) need
// a core too, so the default leaves one core to them: on a 2-core machine,
// one worker. More than the upload's parallelism would sit idle.
const MAX_ENCRYPTION_WORKERS = 4;
function defaultEncryptionWorkers(): number {
  const cores = typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency || 1;
  return Math.max(1, Math.min(MAX_ENCRYPTION_WORKERS, cores - 1));
}
let encryptionWorkers: number | undefined;
const extraClients: WorkerClient[] = [];

/** How many workers encrypt upload parts (the benchmark compares counts); the first is the shared crypto worker. */
export function setEncryptionWorkers(count: number): void {
  if (!Number.isInteger(count) || count < 1 || count > MAX_ENCRYPTION_WORKERS) throw new RangeError(`1 to ${MAX_ENCRYPTION_WORKERS} workers`);
  encryptionWorkers = count;
}

export function encryptionWorkerCount(): number {
  return encryptionWorkers ?? defaultEncryptionWorkers();
}

/** The least busy of the first N workers, starting the extra ones on first use. */
function pickClient(first: WorkerClient): WorkerClient {
  const count = encryptionWorkerCount();
  while (extraClients.length < count - 1) extraClients.push(new WorkerClient(inThread));
  const pool = [first, ...extraClients.slice(0, count - 1)];
  return pool.reduce((a, b) => (b.load < a.load ? b : a));
}

export type UploadStaging = 'opfs' | 'memory';

// Where a worker-encrypted part waits for its PUT ([Note: OPFS staging]).
// 'opfs' because Chromium sends a disk-backed File faster than a Blob of
// the worker's bytes; one constant so a measurement can flip it.
const DEFAULT_UPLOAD_STAGING: UploadStaging = 'opfs';
let staging: UploadStaging = DEFAULT_UPLOAD_STAGING;

/** Chooses where the next parts are staged (the benchmark compares both); parts already encrypted keep theirs. */
export function setUploadStaging(mode: UploadStaging): void {
  staging = mode;
}

export function uploadStaging(): UploadStaging {
  return staging;
}

/** Read at each part, so setUploadStaging applies to the page's one encryptor. */
async function encryptInWorker(client: WorkerClient, request: FilePartRequest): Promise<FilePartResult> {
  if (staging === 'opfs' && opfsStagingAvailable()) {
    return client.call('encryptFilePartStaged', [request, await nextStageTarget()]) as Promise<FilePartResult>;
  }
  return client.call('encryptFilePart', [request]) as Promise<FilePartResult>;
}

/** One worker per page, started on first use; in-thread where workers are unavailable. */
export function workerPartEncryptor(): PartEncryptor {
  if (shared) return shared;
  const client = cryptoWorkerClient();
  if (!client) return (shared = inThreadPartEncryptor);
  // Only a Blob survives postMessage; any other source is read in this thread.
  shared = {
    encrypt: (request) => request.source instanceof Blob ? encryptInWorker(pickClient(client), request) : inThreadPartEncryptor.encrypt(request),
    hash: (request) => request.source instanceof Blob
      ? client.call('hashFilePart', [request]) as ReturnType<PartEncryptor['hash']>
      : inThreadPartEncryptor.hash(request),
    release: releaseResult,
  };
  return shared;
}

/** Whether a result holds a staged OPFS file to remove once its PUT settled. */
function releaseResult(result: FilePartResult): Promise<void> | undefined {
  return result.ok && result.staged !== undefined ? releaseStaged(result.staged) : undefined;
}

/**
 * The encryptor of a re-encryption ([Note: re-encryption in the worker]): each
 * part goes to a worker with `source.spec()`, and the worker reads and decrypts
 * the old copy itself. A URL the store refused is renewed once. In this thread
 * where there is no worker.
 */
export function remotePartEncryptor(source: RemotePlaintext): PartEncryptor {
  const first = cryptoWorkerClient();
  if (!first) return inThreadPartEncryptor;
  const inWorker = async (request: FilePartRequest, fresh: boolean): Promise<FilePartResult> => {
    const remote: RemotePartRequest = { ...request, source: await source.spec(fresh) };
    const client = pickClient(first);
    if (staging === 'opfs' && opfsStagingAvailable()) return client.call('encryptRemotePart', [remote, await nextStageTarget()]) as Promise<FilePartResult>;
    return client.call('encryptRemotePart', [remote]) as Promise<FilePartResult>;
  };
  return {
    encrypt: async (request) => {
      if (!(await first.ready)) return inThreadPartEncryptor.encrypt(request);
      try {
        return await inWorker(request, false);
      } catch (error) {
        if (!(error instanceof RemoteUrlRefusedError)) throw error;
        return inWorker(request, true);
      }
    },
    hash: inThreadPartEncryptor.hash,
    release: releaseResult,
  };
}
