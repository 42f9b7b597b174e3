// The page's side of download decryption in the crypto worker
// (lib/crypto/worker-decrypt.ts). The fetch body's stream is transferred to
// the worker and the plaintext stream comes back, so a download's AES-GCM and
// chunk handling leave the thread that paints the UI; what the page still
// does is pass chunks between the network, the worker and the save sink.
//
// Fallback, as for uploads: in this thread only where no worker can be used
// (Worker missing or refused, its script failing to load, or a browser that
// cannot transfer streams, which postMessage reports as DataCloneError). A
// decryption failure is never retried here: it is the answer.
import { errorFromCrossing, mapStreamErrors } from '@/lib/crypto/crossing-errors';
import { createDecryptStream } from '@/lib/crypto/decrypt-stream';
import { cryptoWorkerClient } from '../upload/encrypt-worker-client';

let lastThread: 'worker' | 'page' | 'not started' = 'not started';

/** Where the latest download decrypted: for diagnostics and the tests. */
export function decryptionThread(): typeof lastThread {
  return lastThread;
}

function cannotTransfer(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'DataCloneError';
}

async function openPlaintext(ciphertext: ReadableStream<Uint8Array>, fileKey: CryptoKey): Promise<ReadableStream<Uint8Array>> {
  const client = cryptoWorkerClient();
  // Wait for the script to load: a stream handed to a worker that never runs is lost with it.
  if (client && (await client.ready)) {
    try {
      const plaintext = await client.call('decryptFileStream', [fileKey, ciphertext], [ciphertext]) as ReadableStream<Uint8Array>;
      lastThread = 'worker';
      // [Note: errors crossing a worker] in lib/crypto/crossing-errors.ts
      return mapStreamErrors(plaintext, errorFromCrossing, client.stopped);
    } catch (error) {
      if (!cannotTransfer(error)) {
        await ciphertext.cancel(error).catch(() => {}); // rejects when it already went to the worker
        throw error;
      }
    }
  }
  lastThread = 'page';
  return ciphertext.pipeThrough(createDecryptStream(fileKey));
}

/** Plaintext of `ciphertext` (format.md §1.5), decrypted in the crypto worker where there is one. */
export function decryptOffThread(ciphertext: ReadableStream<Uint8Array>, fileKey: CryptoKey): ReadableStream<Uint8Array> {
  return mapStreamErrors(openPlaintext(ciphertext, fileKey), (reason) => reason);
}

/** Plaintext bytes the worker has decrypted since it started (0 without a worker). */
export async function workerDecryptedBytes(): Promise<number> {
  const client = cryptoWorkerClient();
  if (!client || !(await client.ready)) return 0;
  return await client.call('decryptedByteCount', []) as number;
}
