// A download's decryption, run in the crypto worker (worker-protocol.ts): the
// page transfers the fetch body's stream here and gets the plaintext stream
// back, so AES-GCM and the chunk bookkeeping never run on the thread that
// paints the UI. The rules are createDecryptStream's (format.md §1.5): a
// chunk's plaintext is released only after it authenticated, and the stream
// errors at the first failure, before anything past it.
//
// Memory stays bounded whatever the file's size: transferred streams pass
// backpressure across threads, this side reads ciphertext only as the page
// pulls plaintext, and the decryptor holds at most its window of chunks
// (stream-options.ts).
import { errorForCrossing, mapStreamErrors } from './crossing-errors';
import { createDecryptStream } from './decrypt-stream';

let decryptedBytes = 0;

export function decryptFileStream(fileKey: CryptoKey, ciphertext: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const counted = ciphertext.pipeThrough(createDecryptStream(fileKey)).pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
    transform(piece, controller) {
      decryptedBytes += piece.length;
      controller.enqueue(piece);
    },
  }));
  // [Note: errors crossing a worker] in crossing-errors.ts
  return mapStreamErrors(counted, errorForCrossing);
}

/** Plaintext bytes this worker has released so far: lets a test see where downloads decrypted. */
export function decryptedByteCount(): number {
  return decryptedBytes;
}
