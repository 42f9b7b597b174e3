// Size and offset arithmetic of the file format (docs/format.md §1.4). Pure
// numbers, no crypto: the server reserves quota with these and the download
// engine plans Range requests with them.
import { HEADER_LENGTH, MAX_CHUNK_COUNT, MAX_CHUNK_SIZE, MIN_CHUNK_SIZE, TAG_LENGTH } from './constants';

export function isAllowedChunkSize(chunkSize: number): boolean {
  return Number.isInteger(chunkSize) && chunkSize >= MIN_CHUNK_SIZE && chunkSize <= MAX_CHUNK_SIZE
    && (chunkSize & (chunkSize - 1)) === 0;
}

export function assertChunkSize(chunkSize: number): void {
  if (typeof chunkSize !== 'number') throw new TypeError('chunkSize must be a number');
  if (!isAllowedChunkSize(chunkSize)) {
    throw new RangeError(`chunkSize must be a power of two in [${MIN_CHUNK_SIZE}, ${MAX_CHUNK_SIZE}]`);
  }
}

function assertSize(size: number, name: string): void {
  if (typeof size !== 'number') throw new TypeError(`${name} must be a number`);
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`${name} must be a non-negative safe integer`);
}

// An empty file still has one (empty, final) chunk: format.md §1.3.
export function chunkCountFromPlaintextSize(plaintextSize: number, chunkSize: number): number {
  assertSize(plaintextSize, 'plaintextSize');
  assertChunkSize(chunkSize);
  const count = Math.max(1, Math.ceil(plaintextSize / chunkSize));
  if (count > MAX_CHUNK_COUNT) throw new RangeError('file has too many chunks for this chunk size');
  return count;
}

export function ciphertextSizeFromPlaintextSize(plaintextSize: number, chunkSize: number): number {
  return HEADER_LENGTH + plaintextSize + TAG_LENGTH * chunkCountFromPlaintextSize(plaintextSize, chunkSize);
}

// Throws RangeError for sizes no encoder can produce (a 0-byte final chunk
// or a partial tag); decoders turn that into an IntegrityError.
export function plaintextSizeFromCiphertextSize(ciphertextSize: number, chunkSize: number): number {
  assertSize(ciphertextSize, 'ciphertextSize');
  assertChunkSize(chunkSize);
  const body = ciphertextSize - HEADER_LENGTH;
  if (body < TAG_LENGTH) throw new RangeError('ciphertext too short');
  const stride = chunkSize + TAG_LENGTH;
  const full = Math.floor(body / stride);
  const rem = body % stride;
  if (rem === 0) return full * chunkSize;
  if (rem > TAG_LENGTH) return full * chunkSize + (rem - TAG_LENGTH);
  if (rem === TAG_LENGTH && full === 0) return 0;
  throw new RangeError('impossible ciphertext size');
}

export function chunkCountFromCiphertextSize(ciphertextSize: number, chunkSize: number): number {
  return chunkCountFromPlaintextSize(plaintextSizeFromCiphertextSize(ciphertextSize, chunkSize), chunkSize);
}

export function chunkCiphertextOffset(chunkIndex: number, chunkSize: number): number {
  assertSize(chunkIndex, 'chunkIndex');
  assertChunkSize(chunkSize);
  return HEADER_LENGTH + chunkIndex * (chunkSize + TAG_LENGTH);
}

// Ciphertext length of chunk `chunkIndex` in a file of `plaintextSize` bytes.
export function chunkCiphertextLength(chunkIndex: number, chunkSize: number, plaintextSize: number): number {
  const count = chunkCountFromPlaintextSize(plaintextSize, chunkSize);
  assertSize(chunkIndex, 'chunkIndex');
  if (chunkIndex >= count) throw new RangeError('chunkIndex beyond the last chunk');
  if (chunkIndex < count - 1) return chunkSize + TAG_LENGTH;
  return plaintextSize - (count - 1) * chunkSize + TAG_LENGTH;
}
