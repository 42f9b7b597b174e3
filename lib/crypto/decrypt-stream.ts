// Streaming decryption (docs/format.md §1.5). Plaintext of a chunk is emitted
// only after that chunk authenticated; truncation, trailing data and a
// missing final flag surface as IntegrityError at the latest in flush.
// Output is provisional until the stream closes without error.
import { assertBytes } from './bytes';
import { HEADER_LENGTH, TAG_LENGTH } from './constants';
import { decryptChunk } from './chunk';
import { IntegrityError } from './errors';
import { assertFileKey, openFileContext, type FileContext } from './file-context';
import { ByteQueue } from './byte-queue';
import { OrderedPipeline } from './ordered-pipeline';
import { DEFAULT_CONCURRENCY, type StreamOptions } from './stream-options';

export function createDecryptStream(fileKey: CryptoKey, options: StreamOptions = {}): TransformStream<Uint8Array, Uint8Array> {
  assertFileKey(fileKey);
  const pipeline = new OrderedPipeline(options.concurrency ?? DEFAULT_CONCURRENCY);
  const queue = new ByteQueue();
  let context: FileContext | undefined;
  let chunkIndex = 0;

  return new TransformStream<Uint8Array, Uint8Array>({
    async transform(piece, controller) {
      assertBytes(piece, 'stream chunk');
      queue.push(piece);
      if (context === undefined) {
        if (queue.length < HEADER_LENGTH) return;
        // The commitment is checked here, before any chunk is decrypted.
        context = await openFileContext(fileKey, queue.take(HEADER_LENGTH).slice());
      }
      const stride = context.header.chunkSize + TAG_LENGTH;
      const emit = (bytes: Uint8Array) => controller.enqueue(bytes);
      // Strictly greater: a full chunk followed by nothing may be the final one.
      while (queue.length > stride) {
        await pipeline.add(decryptChunk(context, chunkIndex, false, queue.take(stride)), emit);
        chunkIndex++;
      }
    },
    async flush(controller) {
      if (context === undefined) throw new IntegrityError(); // ended inside the header
      const emit = (bytes: Uint8Array) => controller.enqueue(bytes);
      await pipeline.drain(emit);
      // What remains must be exactly the final chunk; decryptChunk rejects a
      // short tag or a 0-byte final chunk after chunk 0.
      emit(await decryptChunk(context, chunkIndex, true, queue.take(queue.length)));
    },
  });
}
