// Random access (docs/format.md §1.4): which bytes to request for a plaintext
// range, and decryption of a run of whole chunks fetched with HTTP Range.
import { assertBytes, concatBytes } from './bytes';
import { HEADER_LENGTH, TAG_LENGTH } from './constants';
import { decryptChunk } from './chunk';
import { IntegrityError } from './errors';
import type { FileContext } from './file-context';
import {
  chunkCiphertextLength, chunkCiphertextOffset, chunkCountFromCiphertextSize, chunkCountFromPlaintextSize,
} from './file-format';

export interface CiphertextRange {
  firstChunk: number;
  lastChunk: number;
  /** First ciphertext byte to request (HTTP Range start). */
  byteStart: number;
  /** Last ciphertext byte to request, inclusive (HTTP Range end). */
  byteEndInclusive: number;
  /** Where the requested plaintext starts inside the decrypted chunks. */
  plaintextOffset: number;
}

/** The header's HTTP byte range: bytes=0-73. */
export const HEADER_BYTE_RANGE = { byteStart: 0, byteEndInclusive: HEADER_LENGTH - 1 } as const;

// Plaintext [start, end) of a file of plaintextSize bytes → the chunks and
// ciphertext bytes that cover it.
export function ciphertextRangeForPlaintextRange(
  plaintextStart: number, plaintextEnd: number, chunkSize: number, plaintextSize: number,
): CiphertextRange {
  const count = chunkCountFromPlaintextSize(plaintextSize, chunkSize);
  if (!Number.isSafeInteger(plaintextStart) || !Number.isSafeInteger(plaintextEnd)
    || plaintextStart < 0 || plaintextEnd <= plaintextStart || plaintextEnd > plaintextSize) {
    throw new RangeError('plaintext range must satisfy 0 <= start < end <= plaintextSize');
  }
  const firstChunk = Math.floor(plaintextStart / chunkSize);
  const lastChunk = Math.min(count - 1, Math.floor((plaintextEnd - 1) / chunkSize));
  return {
    firstChunk,
    lastChunk,
    byteStart: chunkCiphertextOffset(firstChunk, chunkSize),
    byteEndInclusive: chunkCiphertextOffset(lastChunk, chunkSize) + chunkCiphertextLength(lastChunk, chunkSize, plaintextSize) - 1,
    plaintextOffset: plaintextStart - firstChunk * chunkSize,
  };
}

// Decrypts the ciphertext of chunks firstChunk.. (as many whole chunks as
// `ciphertext` holds). ciphertextSize is the total object size, which decides
// which chunk carries the final flag; a server lying about it makes that chunk
// fail, so it needs no trust. Output is all-or-nothing.
export async function decryptChunkRange(
  context: FileContext, ciphertextSize: number, firstChunk: number, ciphertext: Uint8Array,
): Promise<Uint8Array> {
  assertBytes(ciphertext, 'ciphertext');
  if (!Number.isSafeInteger(firstChunk) || firstChunk < 0) throw new RangeError('firstChunk must be a non-negative integer');
  if (ciphertext.length === 0) throw new RangeError('ciphertext must hold at least one chunk');
  const { chunkSize } = context.header;
  let count: number;
  try {
    count = chunkCountFromCiphertextSize(ciphertextSize, chunkSize);
  } catch (cause) {
    throw new IntegrityError({ cause });
  }
  const stride = chunkSize + TAG_LENGTH;
  const jobs: Promise<Uint8Array>[] = [];
  for (let offset = 0, index = firstChunk; offset < ciphertext.length; offset += stride, index++) {
    if (index >= count) throw new IntegrityError();
    const isFinal = index === count - 1;
    const piece = ciphertext.subarray(offset, isFinal ? ciphertext.length : offset + stride);
    jobs.push(decryptChunk(context, index, isFinal, piece));
    if (isFinal) break;
  }
  for (const job of jobs) job.catch(() => undefined);
  return concatBytes(...(await Promise.all(jobs)));
}
