// Keeps up to `limit` chunk operations in flight and releases their results
// strictly in order. WebCrypto runs AES-GCM off the JavaScript thread in both
// Node and browsers, so a small window keeps that thread busy while staying
// within memory of about chunkSize × limit (format.md §8).
export class OrderedPipeline {
  private inFlight: Promise<Uint8Array>[] = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1 || limit > 64) throw new RangeError('concurrency must be an integer in [1, 64]');
  }

  async add(job: Promise<Uint8Array>, emit: (bytes: Uint8Array) => void): Promise<void> {
    // Errors are observed when the job is awaited in order below; this only
    // stops a later job's failure from being reported as unhandled first.
    job.catch(() => undefined);
    this.inFlight.push(job);
    while (this.inFlight.length >= this.limit) emit(await (this.inFlight.shift() as Promise<Uint8Array>));
  }

  async drain(emit: (bytes: Uint8Array) => void): Promise<void> {
    while (this.inFlight.length > 0) emit(await (this.inFlight.shift() as Promise<Uint8Array>));
  }
}
