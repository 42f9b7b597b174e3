// How the upload engine gets a part encrypted: in a worker
// (encrypt-worker-client.ts) or, where workers are unavailable and in tests,
// in this thread. Both run the same lib/crypto/file-part.ts.
import { encryptFilePart, hashFilePart, type FilePartRequest, type FilePartResult, type PlaintextSource } from '@/lib/crypto/file-part';

export type { FilePartRequest, FilePartResult, PlaintextSource };

export interface PartHashRequest {
  source: PlaintextSource;
  byteStart: number;
  byteEnd: number;
  chunkSize: number;
}

export interface PartEncryptor {
  encrypt(request: FilePartRequest): Promise<FilePartResult>;
  /** SHA-256 of the plaintext a part is made from; used to verify a re-selected file before resuming. */
  hash(request: PartHashRequest): Promise<Uint8Array>;
  /**
   * Frees what a part's result holds outside memory (a part staged in OPFS,
   * opfs-staging.ts), once the engine is done with it. Must not throw.
   */
  release?(result: FilePartResult): Promise<void> | void;
}

export const inThreadPartEncryptor: PartEncryptor = { encrypt: encryptFilePart, hash: hashFilePart };
