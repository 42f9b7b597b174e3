// One upload part, from plaintext to ciphertext, in the form the upload
// engine needs it (docs/format.md §1.6): the part's bytes and the SHA-256 of
// the plaintext it was made from, which a resumed upload compares before it
// may encrypt that plaintext again under the same header. Runs in the
// encryption worker (worker-protocol.ts) or, without workers, in the page.
import { equalBytesConstantTime } from './bytes';
import { encryptCiphertextPieces, plaintextSpanForCiphertextRange } from './encrypt-range';
import { openFileContext } from './file-context';
import { sha256Bytes } from './subtle';
import { UserFacingError } from '@/lib/shared/user-facing-error';

/**
 * What a part's plaintext is read from: a File or Blob, or anything that
 * slices like one (the old copy of a file being re-encrypted, read with HTTP
 * Range requests). Only a real Blob can be posted to a worker.
 */
export interface PlaintextSource {
  readonly size: number;
  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

export interface FilePartRequest {
  fileKey: CryptoKey;
  /** The 74-byte header of this encryption: it fixes the salt, hence the payload key (§1.2). */
  headerBytes: Uint8Array;
  /** The whole source; only the part's span is read. Blobs cross to a worker without copying. */
  source: PlaintextSource;
  byteStart: number;
  byteEnd: number;
  /** When given, the part is encrypted only if its plaintext still hashes to this. */
  expectedSha256?: Uint8Array;
  /**
   * Nobody will resume this upload (a re-encryption keeps no journal): skip
   * the plaintext's SHA-256, which costs about as much as the encryption, and
   * return an empty plaintextSha256. Ignored when expectedSha256 is given.
   */
  skipHash?: boolean;
}

export type FilePartResult =
  /**
   * The ciphertext is returned as a Blob made where the encryption ran: the
   * copy into the browser's blob storage then happens on the worker's thread,
   * and a Blob is also the body Chromium uploads fastest (s3-put.ts).
   */
  | {
      ok: true;
      ciphertext: Blob;
      plaintextSha256: Uint8Array;
      /** Set when the ciphertext is a File staged in OPFS (opfs-stage.ts): its name, to release after the PUT. */
      staged?: string;
    }
  | { ok: false; plaintextSha256: Uint8Array };

/** The source no longer holds the bytes it had when the upload began. */
export class SourceChangedError extends UserFacingError {
  constructor(options?: { cause?: unknown }) {
    super('The file changed while it was being uploaded; nothing was saved. Try again.', options);
    this.name = 'SourceChangedError';
  }
}

type SpanRequest = Pick<FilePartRequest, 'source' | 'byteStart' | 'byteEnd'>;

async function readSpan(request: SpanRequest, chunkSize: number): Promise<Uint8Array> {
  const span = plaintextSpanForCiphertextRange(request.byteStart, request.byteEnd, chunkSize, request.source.size);
  let bytes: Uint8Array;
  try {
    // Chromium refuses to read a File that was modified after it was picked (NotReadableError).
    bytes = new Uint8Array(await request.source.slice(span.plaintextStart, span.plaintextEnd).arrayBuffer());
  } catch (cause) {
    throw new SourceChangedError({ cause });
  }
  if (bytes.length !== span.plaintextEnd - span.plaintextStart) throw new SourceChangedError();
  return bytes;
}

/** SHA-256 of the plaintext a part is made from (its whole chunks), without encrypting it. */
export async function hashFilePart(request: SpanRequest & { chunkSize: number }): Promise<Uint8Array> {
  return sha256Bytes(await readSpan(request, request.chunkSize));
}

/**
 * The part's ciphertext as the pieces it is made of (header, then each
 * chunk's sealed bytes), or `ok: false` when the plaintext no longer matches
 * (see encryptFilePart). Pieces, not one buffer: the Blob or the OPFS file
 * takes them as they are, and joining them first was a whole extra copy of
 * every part (15% of the worker's time in a profile, docs/benchmarks.md).
 */
export async function encryptFilePartPieces(
  request: FilePartRequest,
): Promise<{ ok: true; ciphertext: Uint8Array<ArrayBuffer>[]; plaintextSha256: Uint8Array } | { ok: false; plaintextSha256: Uint8Array }> {
  // Opening (not creating) the context re-checks the commitment: a header
  // that does not belong to this key fails here, before any chunk.
  const context = await openFileContext(request.fileKey, request.headerBytes);
  const plaintext = await readSpan(request, context.header.chunkSize);
  if (request.expectedSha256) {
    // Hash first, encrypt only on a match: different plaintext must never meet this header's nonces (§1.6).
    const plaintextSha256 = await sha256Bytes(plaintext);
    if (!equalBytesConstantTime(plaintextSha256, request.expectedSha256)) return { ok: false, plaintextSha256 };
    const ciphertext = await encryptCiphertextPieces(context, request.source.size, request.byteStart, request.byteEnd, plaintext);
    return { ok: true, plaintextSha256, ciphertext };
  }
  const [plaintextSha256, ciphertext] = await Promise.all([
    request.skipHash ? new Uint8Array(0) : sha256Bytes(plaintext),
    encryptCiphertextPieces(context, request.source.size, request.byteStart, request.byteEnd, plaintext),
  ]);
  return { ok: true, plaintextSha256, ciphertext };
}

export async function encryptFilePart(request: FilePartRequest): Promise<FilePartResult> {
  const result = await encryptFilePartPieces(request);
  return result.ok ? { ok: true, plaintextSha256: result.plaintextSha256, ciphertext: new Blob(result.ciphertext) } : result;
}
