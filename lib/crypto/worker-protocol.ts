// The messages between the page and worker.ts. The worker only forwards to
// the functions below; each result's buffers are transferred, not copied.
import { decryptChunkRange } from './range';
import { createDecryptStream } from './decrypt-stream';
import { createEncryptStream, type EncryptStreamOptions } from './encrypt-stream';
import { openShareEnvelope, sealShareEnvelope } from './envelope';
import { openFileContext } from './file-context';
import { encryptFilePart, hashFilePart } from './file-part';
import { importFileKey, unwrapFileKey, wrapFileKey } from './file-key';
import { deriveLinkKey, unwrapFileKeyFromLink } from './link';
import { decryptMetadata, encryptMetadata } from './metadata';
import { decryptFileBytes, encryptFileBytes } from './whole-file';

export const workerOps = {
  encryptFileBytes,
  decryptFileBytes,
  decryptChunkRange: async (fileKey: CryptoKey, headerBytes: Uint8Array, ciphertextSize: number, firstChunk: number, ciphertext: Uint8Array) =>
    decryptChunkRange(await openFileContext(fileKey, headerBytes), ciphertextSize, firstChunk, ciphertext),
  // Streams are transferable in Chromium and Firefox; elsewhere callers use
  // the byte-array ops above.
  encryptStream: async (fileKey: CryptoKey, input: ReadableStream<Uint8Array>, options?: EncryptStreamOptions) =>
    input.pipeThrough(createEncryptStream(fileKey, options)),
  decryptStream: async (fileKey: CryptoKey, input: ReadableStream<Uint8Array>) => input.pipeThrough(createDecryptStream(fileKey)),
  // The upload engine's parts: the source Blob crosses without a copy, the
  // ciphertext comes back transferred, so plaintext never touches the page's thread.
  encryptFilePart,
  hashFilePart,
  importFileKey,
  wrapFileKey,
  unwrapFileKey,
  encryptMetadata,
  decryptMetadata,
  // Argon2id blocks for ~0.25 s: exactly what a worker is for.
  deriveLinkKey,
  unwrapFileKeyFromLink,
  sealShareEnvelope,
  openShareEnvelope,
} as const;

export type WorkerOp = keyof typeof workerOps;

export interface WorkerRequest {
  id: number;
  op: WorkerOp;
  args: unknown[];
}

export type WorkerResponse =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: { name: string; message: string } };

function transferablesOf(value: unknown, depth = 0): Transferable[] {
  if (value instanceof Uint8Array && value.buffer instanceof ArrayBuffer) return [value.buffer];
  if (value instanceof ReadableStream) return [value];
  // One level into plain result objects (encryptFilePart's { ciphertext, plaintextSha256 }).
  if (depth === 0 && value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.values(value).flatMap((v) => transferablesOf(v, 1));
  }
  return [];
}

export async function handleWorkerRequest(request: WorkerRequest): Promise<{ response: WorkerResponse; transfer: Transferable[] }> {
  const { id, op, args } = request;
  if (!Object.hasOwn(workerOps, op)) {
    return { response: { id, ok: false, error: { name: 'TypeError', message: `unknown op ${String(op)}` } }, transfer: [] };
  }
  try {
    const fn = workerOps[op] as (...a: unknown[]) => Promise<unknown>;
    const result = await fn(...args);
    return { response: { id, ok: true, result }, transfer: transferablesOf(result) };
  } catch (error) {
    // Only name and message cross: IntegrityError's message is generic by design.
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    return { response: { id, ok: false, error: { name, message } }, transfer: [] };
  }
}
