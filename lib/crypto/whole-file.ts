// All-or-nothing helpers over the streaming code, for data that fits in
// memory (thumbnails, tests, the worker). decryptFileBytes returns nothing
// unless the whole file authenticated.
import { createDecryptStream } from './decrypt-stream';
import { createEncryptStream, type EncryptStreamOptions } from './encrypt-stream';
import { concatBytes, assertBytes } from './bytes';

async function runThrough(stream: TransformStream<Uint8Array, Uint8Array>, input: Uint8Array): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  // Write errors resurface on the readable side, which is what we await.
  writer.write(input).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  const pieces: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return concatBytes(...pieces);
    pieces.push(value);
  }
}

export async function encryptFileBytes(fileKey: CryptoKey, plaintext: Uint8Array, options: EncryptStreamOptions = {}): Promise<Uint8Array> {
  assertBytes(plaintext, 'plaintext');
  return runThrough(createEncryptStream(fileKey, options), plaintext);
}

export async function decryptFileBytes(fileKey: CryptoKey, ciphertext: Uint8Array): Promise<Uint8Array> {
  assertBytes(ciphertext, 'ciphertext');
  return runThrough(createDecryptStream(fileKey), ciphertext);
}
