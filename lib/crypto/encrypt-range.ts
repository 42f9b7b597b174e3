// Encrypting one byte range of a file's ciphertext on its own (docs/format.md
// §1.4 and §1.6). Upload parts sit at fixed ciphertext offsets that do not
// line up with chunks, so a range is produced from the whole chunks that
// overlap it and the bytes outside the range are dropped. Every chunk gets
// the nonce of its index (§1.3) whichever range it is encrypted for, so the
// ranges of one encryption fit together into exactly the streaming output.
import { assertBytes } from './bytes';
import { HEADER_LENGTH, TAG_LENGTH } from './constants';
import { encryptChunk } from './chunk';
import type { FileContext } from './file-context';
import { chunkCiphertextOffset, chunkCountFromPlaintextSize, ciphertextSizeFromPlaintextSize } from './file-format';

/** The plaintext a ciphertext range is made from: whole chunks firstChunk..lastChunk. */
export interface PlaintextSpan {
  firstChunk: number;
  /** firstChunk - 1 when the range holds header bytes only (then the span is empty). */
  lastChunk: number;
  plaintextStart: number;
  plaintextEnd: number;
}

/** Chunks in flight at once while encrypting a range: enough to keep WebCrypto's threads busy. */
const IN_FLIGHT = 8;

export function plaintextSpanForCiphertextRange(byteStart: number, byteEnd: number, chunkSize: number, plaintextSize: number): PlaintextSpan {
  const total = ciphertextSizeFromPlaintextSize(plaintextSize, chunkSize);
  if (!Number.isSafeInteger(byteStart) || !Number.isSafeInteger(byteEnd) || byteStart < 0 || byteEnd <= byteStart || byteEnd > total) {
    throw new RangeError('ciphertext range must satisfy 0 <= start < end <= ciphertextSize');
  }
  const count = chunkCountFromPlaintextSize(plaintextSize, chunkSize);
  const stride = chunkSize + TAG_LENGTH;
  const chunkAt = (offset: number) => Math.min(count - 1, Math.floor((offset - HEADER_LENGTH) / stride));
  const firstChunk = Math.max(0, chunkAt(byteStart));
  const lastChunk = byteEnd <= HEADER_LENGTH ? firstChunk - 1 : chunkAt(byteEnd - 1);
  const plaintextStart = Math.min(firstChunk * chunkSize, plaintextSize);
  const plaintextEnd = lastChunk < firstChunk ? plaintextStart : Math.min((lastChunk + 1) * chunkSize, plaintextSize);
  return { firstChunk, lastChunk, plaintextStart, plaintextEnd };
}

/**
 * Ciphertext bytes [byteStart, byteEnd) of the file that `context` encrypts,
 * given the plaintext of plaintextSpanForCiphertextRange(...), as the pieces
 * it is made of in order (the header's bytes in the range, then each chunk's
 * ciphertext trimmed to the range). Their concatenation is the range. With
 * the same context and plaintext the output is identical every time: that is
 * what lets a resumed upload re-send a part, and it is safe only under the
 * rule of format.md §1.6 (never different plaintext under one header).
 *
 * Pieces, not one buffer: an upload part becomes a Blob or an OPFS file,
 * and either takes a list of pieces, so copying them into one 16 MiB buffer
 * first would be a copy of every byte for nothing (docs/benchmarks.md).
 */
export async function encryptCiphertextPieces(
  context: FileContext, plaintextSize: number, byteStart: number, byteEnd: number, plaintext: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>[]> {
  assertBytes(plaintext, 'plaintext');
  const { chunkSize } = context.header;
  const span = plaintextSpanForCiphertextRange(byteStart, byteEnd, chunkSize, plaintextSize);
  if (plaintext.length !== span.plaintextEnd - span.plaintextStart) throw new RangeError('plaintext does not match the span of this range');
  const count = chunkCountFromPlaintextSize(plaintextSize, chunkSize);
  // The part of `bytes` (which sits at ciphertext offset `at`) that falls inside the range, if any.
  const trim = (bytes: Uint8Array<ArrayBuffer>, at: number): Uint8Array<ArrayBuffer> | undefined => {
    const from = Math.max(byteStart, at);
    const to = Math.min(byteEnd, at + bytes.length);
    return to > from ? bytes.subarray(from - at, to - at) : undefined;
  };
  // A copy of the header's bytes (they are few), so every piece owns an ArrayBuffer.
  const header = trim(new Uint8Array(context.headerBytes), 0);
  const chunks: Array<Uint8Array<ArrayBuffer> | undefined> = [];
  const inFlight: Promise<void>[] = [];
  for (let index = span.firstChunk; index <= span.lastChunk; index++) {
    const offset = (index - span.firstChunk) * chunkSize;
    const piece = plaintext.subarray(offset, Math.min(offset + chunkSize, plaintext.length));
    const slot = index - span.firstChunk;
    inFlight.push(encryptChunk(context, index, index === count - 1, piece).then((ct) => void (chunks[slot] = trim(ct, chunkCiphertextOffset(index, chunkSize)))));
    if (inFlight.length >= IN_FLIGHT) await inFlight.shift();
  }
  await Promise.all(inFlight);
  return [header, ...chunks].filter((p): p is Uint8Array<ArrayBuffer> => p !== undefined && p.length > 0);
}

/** encryptCiphertextPieces joined into one buffer. */
export async function encryptCiphertextRange(
  context: FileContext, plaintextSize: number, byteStart: number, byteEnd: number, plaintext: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>> {
  const pieces = await encryptCiphertextPieces(context, plaintextSize, byteStart, byteEnd, plaintext);
  const out = new Uint8Array(byteEnd - byteStart);
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}
