// The page's side of download decryption in the crypto worker
// (lib/crypto/worker-decrypt.ts). The page reads the fetch body, gathers it
// into batches of about a MiB, and transfers each to the worker, which answers
// with the plaintext that has authenticated ([Note: batched crossing]). AES-GCM
// and the chunk bookkeeping leave the thread that paints the UI; what the page
// still does is read the network, copy pieces into batches, and feed the sink.
//
// Fallback, as for uploads: in this thread only where no worker can be used
// (Worker missing or refused, or its script failing to load). A decryption
// failure is never retried here: it is the answer.
import { concatBytes } from '@/lib/crypto/bytes';
import { createDecryptStream } from '@/lib/crypto/decrypt-stream';
import { cryptoWorkerClient, type WorkerClient } from '../upload/encrypt-worker-client';

let lastThread: 'worker' | 'page' | 'not started' = 'not started';

/** Where the latest download decrypted: for diagnostics and the tests. */
export function decryptionThread(): typeof lastThread {
  return lastThread;
}

/** Ciphertext bytes per message to the worker: big enough that messages cost little, small enough to keep memory flat. */
export const DECRYPT_BATCH_BYTES = 1 << 20;
/**
 * Batches sent and not yet passed to the sink. Two keep the worker busy while
 * the page reads the next batch and writes the last one; read-ahead is at
 * most this many batches plus the one being gathered.
 */
export const DECRYPT_BATCHES_IN_FLIGHT = 2;

/** The next batch of ciphertext: at least DECRYPT_BATCH_BYTES unless the body ended. */
async function readBatch(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<{ batch: Uint8Array; ended: boolean }> {
  const pieces: Uint8Array[] = [];
  let length = 0;
  while (length < DECRYPT_BATCH_BYTES) {
    const { done, value } = await reader.read();
    if (done) return { batch: concatBytes(...pieces), ended: true };
    pieces.push(value);
    length += value.length;
  }
  // A fresh buffer of its own, so transferring it takes nothing the body still uses.
  return { batch: concatBytes(...pieces), ended: false };
}

function decryptInWorker(client: WorkerClient, session: number, ciphertext: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const reader = ciphertext.getReader();
  // In order: each settles with the plaintext the worker released for one batch; the last is the close.
  const answers: Promise<Uint8Array>[] = [];
  let produced = false; // the close has been queued, or reading failed
  let wakeReader = () => {};
  let wakeWriter = () => {};
  let stopped = false;
  const queue = (answer: Promise<Uint8Array>) => {
    answer.catch(() => undefined); // awaited in order by pull, perhaps after it settled
    answers.push(answer);
  };

  const feed = async () => {
    try {
      while (!stopped) {
        if (answers.length >= DECRYPT_BATCHES_IN_FLIGHT) {
          await new Promise<void>((resolve) => (wakeReader = resolve));
          continue;
        }
        const { batch, ended } = await readBatch(reader);
        if (stopped) return;
        if (batch.length > 0) queue(client.call('decryptPush', [session, batch], [batch.buffer]) as Promise<Uint8Array>);
        if (ended) queue(client.call('decryptClose', [session]) as Promise<Uint8Array>);
        produced = ended;
        wakeWriter();
        if (ended) return;
      }
    } catch (error) {
      queue(Promise.reject(error));
      produced = true;
      wakeWriter();
    }
  };
  let feeding: Promise<void> | undefined;

  const stop = async (reason: unknown) => {
    stopped = true;
    wakeReader();
    void client.call('decryptAbort', [session]).catch(() => undefined);
    await reader.cancel(reason).catch(() => undefined);
  };

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      feeding ??= feed();
      for (;;) {
        while (answers.length === 0) {
          if (produced) return controller.close();
          await new Promise<void>((resolve) => (wakeWriter = resolve));
        }
        const last = produced && answers.length === 1;
        let plaintext: Uint8Array;
        try {
          plaintext = await Promise.race([answers[0]!, client.stopped]);
        } catch (error) {
          await stop(error);
          controller.error(error);
          return;
        }
        answers.shift();
        wakeReader();
        if (plaintext.length > 0) {
          controller.enqueue(plaintext);
          if (!last) return;
        }
        if (last) return controller.close();
      }
    },
    cancel: (reason) => stop(reason),
  }, { highWaterMark: 0 });
}

/** Plaintext of `ciphertext` (format.md §1.5), decrypted in the crypto worker where there is one. */
export function decryptOffThread(ciphertext: ReadableStream<Uint8Array>, fileKey: CryptoKey): ReadableStream<Uint8Array> {
  const opened = (async () => {
    const client = cryptoWorkerClient();
    if (client && (await client.ready)) {
      const session = await client.call('decryptOpen', [fileKey]) as number;
      lastThread = 'worker';
      return decryptInWorker(client, session, ciphertext);
    }
    lastThread = 'page';
    return ciphertext.pipeThrough(createDecryptStream(fileKey));
  })();
  // Nothing will read the body if the worker could not start a session: let the fetch go.
  opened.catch((error: unknown) => ciphertext.cancel(error).catch(() => undefined));
  // The stream the caller gets at once; it reads the real one when it is ready.
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        reader ??= (await opened).getReader();
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel(reason) {
      const inner = reader ?? await opened.then((stream) => stream.getReader(), () => undefined);
      if (inner) await inner.cancel(reason);
      else await ciphertext.cancel(reason).catch(() => undefined);
    },
  }, { highWaterMark: 0 });
}

/** Plaintext bytes the worker has decrypted since it started (0 without a worker). */
export async function workerDecryptedBytes(): Promise<number> {
  const client = cryptoWorkerClient();
  if (!client || !(await client.ready)) return 0;
  return await client.call('decryptedByteCount', []) as number;
}

/** Decryption sessions the worker still holds (0 without a worker): none once downloads end. */
export async function workerDecryptSessions(): Promise<number> {
  const client = cryptoWorkerClient();
  if (!client || !(await client.ready)) return 0;
  return await client.call('openDecryptSessions', []) as number;
}
