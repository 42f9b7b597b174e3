// A stored file's plaintext read back with HTTP Range requests on a presigned
// GET and decrypted chunk by chunk (docs/format.md §1.4), as a PlaintextSource
// the part encryptor reads a part at a time. Re-encryption reads its old copy
// this way, in the crypto worker ([Note: re-encryption in the worker]) or,
// without one, on the page (lib/client/files/download/remote-plaintext.ts,
// which also renews the URL).
//
// Every byte handed out has authenticated under the old file key: the header
// is checked against the key's commitment when the source opens, and each
// chunk authenticates as it is decrypted. A failure is an IntegrityError
// (or FormatError), which the caller reports as damage.
import { HEADER_LENGTH } from './constants';
import { IntegrityError } from './errors';
import { openFileContext, type FileContext } from './file-context';
import { plaintextSizeFromCiphertextSize } from './file-format';
import type { PlaintextSource } from './file-part';
import { ciphertextRangeForPlaintextRange, decryptChunkRange, HEADER_BYTE_RANGE } from './range';

/** What the worker needs to read a stored file: all of it structured-clones (the key stays non-extractable). */
export interface RemoteFileSpec {
  /** The stored file's key. */
  fileKey: CryptoKey;
  ciphertextSize: number;
  chunkSize: number;
  /** A presigned GET of the ciphertext, valid for a while yet. */
  url: string;
}

/** The stored object no longer answers as it should (HTTP error): not damage, but nothing to read from. */
export class RemoteReadError extends Error {
  override name = 'RemoteReadError';
}

/** The store refused the presigned URL (HTTP 403: expired, or clock skew): a fresh one may work. */
export class RemoteUrlRefusedError extends Error {
  override name = 'RemoteUrlRefusedError';
  constructor() {
    super('the store refused the signed URL (HTTP 403)');
  }
}

export interface RangeFetch {
  url: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

/** Bytes [first, lastInclusive] of the object; a short or long answer is damage, like a bad chunk. */
export async function fetchCiphertextRange(at: RangeFetch, first: number, lastInclusive: number): Promise<Uint8Array> {
  const response = await (at.fetch ?? fetch)(at.url, {
    headers: { Range: `bytes=${first}-${lastInclusive}` },
    signal: at.signal,
    // The URL is the credential: no cookies go to the store.
    credentials: 'omit',
    cache: 'no-store',
  });
  if (response.status === 403) {
    await response.arrayBuffer().catch(() => undefined);
    throw new RemoteUrlRefusedError();
  }
  if (response.status !== 206 && response.status !== 200) {
    await response.arrayBuffer().catch(() => undefined);
    throw new RemoteReadError(`reading the stored file failed (HTTP ${response.status})`);
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length !== lastInclusive - first + 1) throw new IntegrityError();
  return bytes;
}

/** Checks the stored header (bytes 0..73) against the file key's commitment, before any chunk is read. */
export async function openRemoteContext(fileKey: CryptoKey, readRange: (first: number, lastInclusive: number) => Promise<Uint8Array>): Promise<FileContext> {
  const header = await readRange(HEADER_BYTE_RANGE.byteStart, HEADER_BYTE_RANGE.byteEndInclusive);
  if (header.length !== HEADER_LENGTH) throw new IntegrityError();
  return openFileContext(fileKey, header);
}

/** The plaintext of an opened stored file, read with `readRange`. */
export function remotePlaintextSource(
  context: FileContext, ciphertextSize: number, readRange: (first: number, lastInclusive: number) => Promise<Uint8Array>,
): PlaintextSource {
  const { chunkSize } = context.header;
  const size = plaintextSizeFromCiphertextSize(ciphertextSize, chunkSize);
  const read = async (start: number, end: number): Promise<ArrayBuffer> => {
    if (end === start) return new ArrayBuffer(0);
    const range = ciphertextRangeForPlaintextRange(start, end, chunkSize, size);
    const ciphertext = await readRange(range.byteStart, range.byteEndInclusive);
    const plaintext = await decryptChunkRange(context, ciphertextSize, range.firstChunk, ciphertext);
    // A part's span is whole chunks: the decrypted run is exactly it, and a 16 MiB copy is saved.
    const whole = range.plaintextOffset === 0 && plaintext.length === end - start
      && plaintext.byteOffset === 0 && plaintext.buffer.byteLength === plaintext.length;
    if (whole) return plaintext.buffer as ArrayBuffer;
    return plaintext.slice(range.plaintextOffset, range.plaintextOffset + (end - start)).buffer as ArrayBuffer;
  };
  return {
    size,
    slice(start: number, end: number) {
      // Blob.slice's clamping; negative offsets are not needed by the engine.
      const from = Math.min(Math.max(0, start), size);
      const to = Math.min(Math.max(from, end), size);
      return { arrayBuffer: () => read(from, to) };
    },
  };
}

/** The worker's way in: one stored file, read through the URL in `spec`. */
export async function openRemoteFile(spec: RemoteFileSpec): Promise<PlaintextSource> {
  const readRange = (first: number, lastInclusive: number) => fetchCiphertextRange({ url: spec.url }, first, lastInclusive);
  return remotePlaintextSource(await openRemoteContext(spec.fileKey, readRange), spec.ciphertextSize, readRange);
}
