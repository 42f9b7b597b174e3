// A download's decryption, run in the crypto worker (worker-protocol.ts). The
// page sends the ciphertext in batches of about a MiB (transferred, not
// copied) and gets back, for each batch, the plaintext that has authenticated
// so far, also transferred. The rules are createDecryptStream's (format.md
// §1.5): a chunk's plaintext is released only after it authenticated, and the
// session fails at the first damaged chunk, before anything past it.
//
// [Note: batched crossing] An earlier version transferred the fetch body's
// ReadableStream here and the plaintext stream back. Chromium carries a
// transferred stream one chunk per message, cloning each: a download crossed
// as about 16 network-sized pieces per MiB each way, and the page's main
// thread spent 2.7 ms of CPU per MiB passing them on, more than decrypting on
// that thread cost (docs/benchmarks.md). Batches make it two messages per MiB
// with no copy at the crossing.
//
// Memory: the page keeps only a few batches in flight (decrypt-worker-client.ts),
// and a session holds its decryptor's window of chunks and what it has not yet returned.
import { concatBytes } from './bytes';
import { createDecryptStream } from './decrypt-stream';

interface Session {
  writer: WritableStreamDefaultWriter<Uint8Array>;
  /** Plaintext released since the page last asked. */
  out: Uint8Array[];
  /** Settles when the plaintext side has ended (or failed). */
  drained: Promise<void>;
}

const sessions = new Map<number, Session>();
let nextSession = 1;
let decryptedBytes = 0;

function session(id: number): Session {
  const found = sessions.get(id);
  if (!found) throw new Error('This download is no longer being decrypted; start it again.');
  return found;
}

function takeOutput(s: Session): Uint8Array {
  const bytes = s.out.length === 1 ? s.out[0]! : concatBytes(...s.out);
  s.out = [];
  return bytes;
}

/** Starts decrypting one file under `fileKey`; returns the session's id. */
export function decryptOpen(fileKey: CryptoKey): number {
  const { readable, writable } = createDecryptStream(fileKey);
  const reader = readable.getReader();
  const s: Session = { writer: writable.getWriter(), out: [], drained: Promise.resolve() };
  s.drained = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      decryptedBytes += value.length;
      s.out.push(value);
    }
  })();
  s.drained.catch(() => undefined); // the same failure reaches the page through the write
  const id = nextSession++;
  sessions.set(id, s);
  return id;
}

/** Feeds the next ciphertext batch; returns the plaintext authenticated so far (possibly empty). */
export async function decryptPush(id: number, ciphertext: Uint8Array): Promise<Uint8Array> {
  const s = session(id);
  try {
    await s.writer.write(ciphertext);
  } catch (error) {
    sessions.delete(id);
    throw error;
  }
  return takeOutput(s);
}

/** Ends the file: checks the final chunk (§1.5) and returns the last plaintext. */
export async function decryptClose(id: number): Promise<Uint8Array> {
  const s = session(id);
  sessions.delete(id);
  await s.writer.close();
  await s.drained;
  return takeOutput(s);
}

/** Drops a session the page gave up on (cancelled, failed elsewhere); unknown ids are ignored. */
export function decryptAbort(id: number): void {
  const s = sessions.get(id);
  sessions.delete(id);
  s?.writer.abort().catch(() => undefined);
}

/** Plaintext bytes this worker has released so far: lets a test see where downloads decrypted. */
export function decryptedByteCount(): number {
  return decryptedBytes;
}

/** Sessions open now: a test checks that finished and cancelled downloads leave none behind. */
export function openDecryptSessions(): number {
  return sessions.size;
}
