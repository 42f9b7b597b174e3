// Cuts a byte stream into parts of exactly `partSize` bytes (the last one
// shorter). A generator, so a part is only assembled when the uploader asks
// for it: the caller controls how many parts exist at once.

export async function* cutParts(stream: ReadableStream<Uint8Array>, partSize: number): AsyncGenerator<Uint8Array<ArrayBuffer>> {
  if (!Number.isSafeInteger(partSize) || partSize <= 0) throw new RangeError('partSize must be a positive integer');
  const reader = stream.getReader();
  // Allocated on the first byte of each part, not after the previous one:
  // a stream that ends on a part boundary never allocates an empty extra part.
  let part: Uint8Array<ArrayBuffer> | undefined;
  let filled = 0;
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      let offset = 0;
      while (offset < value.length) {
        part ??= new Uint8Array(partSize);
        const n = Math.min(partSize - filled, value.length - offset);
        part.set(value.subarray(offset, offset + n), filled);
        filled += n;
        offset += n;
        if (filled === partSize) {
          const full = part;
          part = undefined;
          filled = 0;
          yield full;
        }
      }
    }
    finished = true;
    if (part) yield part.subarray(0, filled);
  } finally {
    // Stopped early (cancel or failure): stop the encryptor and the file read.
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
