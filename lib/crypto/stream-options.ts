// Options shared by the streaming encryptor and decryptor.
// Measured in scripts/bench-crypto.ts (format.md §8): 4 helps Node at small
// chunks and costs Chromium nothing.
export const DEFAULT_CONCURRENCY = 4;

export interface StreamOptions {
  /** Chunks encrypted or decrypted at once; memory is about chunkSize × (this + 2) plus one input piece. */
  concurrency?: number;
}
