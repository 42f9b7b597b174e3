// Streaming encryption (docs/format.md §1): header first, then chunks, the
// last one with the final flag. Runs unchanged in browsers and Node 20.
import { assertBytes } from './bytes';
import { DEFAULT_CHUNK_SIZE } from './constants';
import { encryptChunk } from './chunk';
import { assertFileKey, createFileContext, type FileContext, type UnsafeDeterministicSalt } from './file-context';
import { ByteQueue } from './byte-queue';
import { assertChunkSize } from './file-format';
import { OrderedPipeline } from './ordered-pipeline';
import { DEFAULT_CONCURRENCY, type StreamOptions } from './stream-options';

export interface EncryptStreamOptions extends StreamOptions {
  chunkSize?: number;
  /** Test-only, format.md §9: fixes the header salt. Never in production. */
  unsafeDeterministic?: UnsafeDeterministicSalt;
}

export function createEncryptStream(fileKey: CryptoKey, options: EncryptStreamOptions = {}): TransformStream<Uint8Array, Uint8Array> {
  assertFileKey(fileKey);
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  assertChunkSize(chunkSize);
  const pipeline = new OrderedPipeline(options.concurrency ?? DEFAULT_CONCURRENCY);
  const queue = new ByteQueue();
  let context: FileContext;
  let chunkIndex = 0;

  return new TransformStream<Uint8Array, Uint8Array>({
    async start(controller) {
      context = await createFileContext(fileKey, chunkSize, options.unsafeDeterministic);
      controller.enqueue(context.headerBytes.slice());
    },
    async transform(piece, controller) {
      assertBytes(piece, 'stream chunk');
      queue.push(piece);
      const emit = (bytes: Uint8Array) => controller.enqueue(bytes);
      // A full chunk is held back until at least one byte follows it: only
      // then is it known not to be the final chunk (format.md §1.3).
      while (queue.length > chunkSize) {
        await pipeline.add(encryptChunk(context, chunkIndex, false, queue.take(chunkSize)), emit);
        chunkIndex++;
      }
    },
    async flush(controller) {
      const emit = (bytes: Uint8Array) => controller.enqueue(bytes);
      await pipeline.drain(emit);
      // 1..chunkSize bytes remain, or 0 for an empty file: one final chunk.
      emit(await encryptChunk(context, chunkIndex, true, queue.take(queue.length)));
    },
  });
}
