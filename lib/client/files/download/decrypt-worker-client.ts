// The page's side of a download in the crypto worker
// (lib/crypto/worker-decrypt.ts): the worker fetches the presigned GET and
// decrypts it, and the page asks for the plaintext a batch at a time, with a
// couple of requests in flight so the worker reads ahead while the sink
// writes ([Note: downloads fetch in the worker]). The network body, AES-GCM
// and the chunk bookkeeping all stay off the thread that paints the UI.
//
// Fallback, as for uploads: the page's fetch and this thread's decryption only
// where no worker can be used (Worker missing or refused, or its script
// failing to load). A decryption failure is never retried here: it is the answer.
import type { DownloadBatch } from '@/lib/crypto/worker-decrypt';
import { cryptoWorkerClient, type WorkerClient } from '../upload/encrypt-worker-client';

let lastThread: 'worker' | 'page' | 'not started' = 'not started';

/** Where the latest download decrypted: for diagnostics and the tests. */
export function decryptionThread(): typeof lastThread {
  return lastThread;
}

/**
 * Batches asked for and not yet passed to the sink. Two keep the worker busy
 * while the page writes the last one; the worker reads ahead at most this many
 * batches (DOWNLOAD_BATCH_BYTES each).
 */
export const DOWNLOAD_BATCHES_IN_FLIGHT = 2;

/** The plaintext of the worker's download `id`, asked for a batch at a time. */
function workerPlaintext(client: WorkerClient, id: number, onCiphertext: (bytes: number) => void): ReadableStream<Uint8Array> {
  const asked: Promise<DownloadBatch>[] = [];
  let finished = false;
  const ask = () => {
    const batch = client.call('downloadNext', [id]) as Promise<DownloadBatch>;
    batch.catch(() => undefined); // awaited in order by pull, perhaps after it settled
    asked.push(batch);
  };
  const stop = () => {
    if (finished) return;
    finished = true;
    void client.call('downloadAbort', [id]).catch(() => undefined);
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        while (asked.length < DOWNLOAD_BATCHES_IN_FLIGHT) ask();
        let batch: DownloadBatch;
        try {
          batch = await Promise.race([asked.shift()!, client.stopped]);
        } catch (error) {
          stop();
          controller.error(error);
          return;
        }
        onCiphertext(batch.ciphertextBytes);
        for (const piece of batch.plaintext) controller.enqueue(piece);
        if (batch.done) {
          finished = true; // the worker has let it go; batches still asked for are refused and ignored
          controller.close();
          return;
        }
        if (batch.plaintext.length > 0) return;
      }
    },
    cancel: () => stop(),
  }, { highWaterMark: 0 });
}

/**
 * Starts a download in the crypto worker: resolves with its plaintext stream
 * once the store has answered, or with undefined where there is no worker (the
 * caller then fetches and decrypts on this thread). `onCiphertext` is called
 * with each batch's ciphertext bytes, for progress.
 */
export async function downloadInWorker(url: string, fileKey: CryptoKey, onCiphertext: (bytes: number) => void): Promise<ReadableStream<Uint8Array> | undefined> {
  const client = cryptoWorkerClient();
  if (!client || !(await client.ready)) {
    lastThread = 'page';
    return undefined;
  }
  lastThread = 'worker';
  const id = await Promise.race([client.call('downloadOpen', [fileKey, url]) as Promise<number>, client.stopped]);
  return workerPlaintext(client, id, onCiphertext);
}

/** Plaintext bytes the worker has decrypted since it started (0 without a worker). */
export async function workerDecryptedBytes(): Promise<number> {
  const client = cryptoWorkerClient();
  if (!client || !(await client.ready)) return 0;
  return await client.call('decryptedByteCount', []) as number;
}

/** Downloads the worker still holds (0 without a worker): none once downloads end. */
export async function workerOpenDownloads(): Promise<number> {
  const client = cryptoWorkerClient();
  if (!client || !(await client.ready)) return 0;
  return await client.call('openDownloads', []) as number;
}
