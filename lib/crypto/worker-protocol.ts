// The messages between the page and worker.ts. The worker only forwards to
// the functions below; each result's buffers are transferred, not copied.
// It exposes exactly what production calls (encrypt-worker-client.ts): a
// worker that answers more ops is more surface for a confused page to use.
import { UserFacingError } from '@/lib/shared/user-facing-error';
import { FormatError, IntegrityError } from './errors';
import { encryptFilePart, encryptFilePartPieces, hashFilePart, SourceChangedError, type FilePartRequest, type FilePartResult } from './file-part';
import { stageBytes, type StageTarget } from './opfs-stage';
import { openRemoteFile, RemoteReadError, RemoteUrlRefusedError, type RemoteFileSpec } from './remote-source';
import { DownloadHttpError, decryptedByteCount, downloadAbort, downloadNext, downloadOpen, openDownloads } from './worker-decrypt';

/**
 * encryptFilePart with the ciphertext staged in OPFS ([Note: OPFS staging]):
 * `staged` names the file to release after the PUT. Where staging fails
 * (no OPFS, quota), the part comes back as an in-memory Blob, as without it.
 */
async function encryptFilePartStaged(request: FilePartRequest, target: StageTarget): Promise<FilePartResult> {
  const result = await encryptFilePartPieces(request);
  if (!result.ok) return result;
  const { ciphertext, plaintextSha256 } = result;
  try {
    return { ok: true, plaintextSha256, ciphertext: await stageBytes(target, ciphertext), staged: target.name };
  } catch {
    return { ok: true, plaintextSha256, ciphertext: new Blob(ciphertext) };
  }
}

/** A part of a re-encryption: its plaintext is the stored file that `source` names. */
export type RemotePartRequest = Omit<FilePartRequest, 'source'> & { source: RemoteFileSpec };

/**
 * [Note: re-encryption in the worker] A re-encryption's part: this worker
 * fetches the old copy's ranges itself, decrypts them, and encrypts the
 * plaintext under the new key, so neither the old ciphertext nor the
 * plaintext passes through the page. Each part opens the file again (one
 * 74-byte GET for the header and its commitment check, per 16 MiB part).
 */
export async function encryptRemotePart(request: RemotePartRequest, target?: StageTarget): Promise<FilePartResult> {
  const part: FilePartRequest = { ...request, source: await openRemoteFile(request.source) };
  return target ? encryptFilePartStaged(part, target) : encryptFilePart(part);
}

export const workerOps = {
  // The upload engine's parts: the source Blob crosses without a copy, the
  // ciphertext comes back transferred, so plaintext never touches the page's thread.
  encryptFilePart,
  encryptFilePartStaged,
  hashFilePart,
  // Re-encryption's parts, read from the store here (reencrypt-file.ts).
  encryptRemotePart,
  // The download engine's fetch and decryption (decrypt-worker-client.ts):
  // a URL and key in, plaintext batches out, transferred ([Note: downloads fetch in the worker]).
  downloadOpen,
  downloadNext,
  downloadAbort,
  decryptedByteCount,
  openDownloads,
} as const;

/** Posted once when the worker's script has loaded, before any request is answered. */
export const WORKER_READY = { twofoldWorkerReady: true } as const;

export type WorkerOp = keyof typeof workerOps;

export interface WorkerRequest {
  id: number;
  op: WorkerOp;
  args: unknown[];
}

/**
 * [Note: errors across the worker] postMessage clones an Error as a plain
 * Error (or a built-in type): a class of ours, and so `instanceof`, is lost.
 * Only the class's wire kind, the name (for logs), the message and whether the
 * message is written for the user cross; workerErrorFromWire builds the same
 * class again on the page, so callers test `instanceof` and never compare names.
 */
export interface WorkerErrorWire {
  /** One of REBUILT_ERRORS' keys, set from the error's class (never from its name). */
  kind?: string;
  /** For logs only. */
  name: string;
  message: string;
  /** A UserFacingError whose class the page does not rebuild: its message is still shown as written. */
  userFacing?: boolean;
}

/** The classes the page rebuilds as themselves, by wire kind. */
const REBUILT_ERRORS: Record<string, (message: string) => Error> = {
  TypeError: (message) => new TypeError(message), // a failed fetch in the worker stays a network failure
  RangeError: (message) => new RangeError(message),
  IntegrityError: () => new IntegrityError(), // its one message is generic by design
  FormatError: (message) => new FormatError(message),
  SourceChangedError: () => new SourceChangedError(),
  RemoteReadError: (message) => new RemoteReadError(message),
  RemoteUrlRefusedError: () => new RemoteUrlRefusedError(),
  DownloadHttpError: (message) => new DownloadHttpError(message),
};

const WIRE_NAMES = new Map<unknown, string>([
  [TypeError, 'TypeError'], [RangeError, 'RangeError'], [IntegrityError, 'IntegrityError'], [FormatError, 'FormatError'],
  [SourceChangedError, 'SourceChangedError'], [RemoteReadError, 'RemoteReadError'], [RemoteUrlRefusedError, 'RemoteUrlRefusedError'],
  [DownloadHttpError, 'DownloadHttpError'],
]);

/** What of `error` crosses to the page ([Note: errors across the worker]). */
export function workerErrorToWire(error: unknown): WorkerErrorWire {
  const e = error instanceof Error ? error : new Error(String(error));
  // The exact class, not a parent: a subclass of TypeError is not a network failure.
  const kind = WIRE_NAMES.get(Object.getPrototypeOf(e)?.constructor);
  return { ...(kind ? { kind } : {}), name: e.name, message: e.message, ...(e instanceof UserFacingError ? { userFacing: true } : {}) };
}

/** The page's copy of an error the worker threw: the same class where it is one of ours, else a plain Error. */
export function workerErrorFromWire(wire: WorkerErrorWire): Error {
  const rebuild = wire.kind !== undefined && Object.hasOwn(REBUILT_ERRORS, wire.kind) ? REBUILT_ERRORS[wire.kind] : undefined;
  const out = rebuild ? rebuild(wire.message) : wire.userFacing ? new UserFacingError(wire.message) : new Error(wire.message);
  out.name = wire.name; // for logs and debugging only: nothing branches on it
  return out;
}

export type WorkerResponse =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: WorkerErrorWire };

function transferablesOf(value: unknown, depth = 0): Transferable[] {
  if (value instanceof Uint8Array && value.buffer instanceof ArrayBuffer) return [value.buffer];
  // A list of buffers (a download batch's plaintext pieces).
  if (depth === 1 && Array.isArray(value)) return value.flatMap((v) => transferablesOf(v, 2));
  // One level into plain result objects (encryptFilePart's { ciphertext, plaintextSha256 }).
  if (depth === 0 && value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.values(value).flatMap((v) => transferablesOf(v, 1));
  }
  return [];
}

export async function handleWorkerRequest(request: WorkerRequest): Promise<{ response: WorkerResponse; transfer: Transferable[] }> {
  const { id, op, args } = request;
  if (!Object.hasOwn(workerOps, op)) {
    return { response: { id, ok: false, error: workerErrorToWire(new TypeError(`unknown op ${String(op)}`)) }, transfer: [] };
  }
  try {
    const fn = workerOps[op] as (...a: unknown[]) => Promise<unknown>;
    const result = await fn(...args);
    // A buffer listed twice would make postMessage throw (DataCloneError).
    return { response: { id, ok: true, result }, transfer: [...new Set(transferablesOf(result))] };
  } catch (error) {
    return { response: { id, ok: false, error: workerErrorToWire(error) }, transfer: [] };
  }
}
