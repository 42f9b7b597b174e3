// Options shared by the streaming encryptor and decryptor.
export const DEFAULT_CONCURRENCY = 4;

export interface StreamOptions {
  /** Chunks encrypted or decrypted at once; memory is about chunkSize × this. */
  concurrency?: number;
}
