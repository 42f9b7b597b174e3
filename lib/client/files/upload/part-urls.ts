// Presigned part URLs, fetched in batches ahead of use and refreshed when
// they are about to expire (or a store answered 403 to an expired one).
import type { PresignedPart } from '@/lib/shared/files';

/** A URL with less life than this left is replaced before use: a 16 MiB PUT on a slow line takes a while. */
const EXPIRY_MARGIN_MS = 60_000;

export class PartUrls {
  private readonly urls = new Map<number, PresignedPart>();
  private readonly loading = new Map<number, Promise<void>>();

  constructor(
    private readonly fetchBatch: (partNumbers: number[]) => Promise<PresignedPart[]>,
    private readonly partCount: number,
    private readonly batchSize: number,
    initial: PresignedPart[] = [],
    private readonly now: () => number = () => Date.now(),
    /** Parts that still need a URL (a resumed upload skips acknowledged ones). */
    private readonly needed: (partNumber: number) => boolean = () => true,
  ) {
    for (const part of initial) this.urls.set(part.partNumber, part);
  }

  private usable(partNumber: number): boolean {
    const part = this.urls.get(partNumber);
    return part !== undefined && Date.parse(part.expiresAt) - this.now() > EXPIRY_MARGIN_MS;
  }

  /** The URL for a part; `fresh` discards the cached one (the store refused it). */
  async get(partNumber: number, fresh = false): Promise<PresignedPart> {
    if (fresh && !this.loading.has(partNumber)) this.urls.delete(partNumber);
    if (!this.usable(partNumber)) await (this.loading.get(partNumber) ?? this.load(partNumber));
    const part = this.urls.get(partNumber);
    if (!part) throw new Error(`the server returned no URL for part ${partNumber}`);
    return part;
  }

  /** One request for this part and the next ones that also need a URL. */
  private load(first: number): Promise<void> {
    const numbers: number[] = [];
    for (let n = first; n <= this.partCount && numbers.length < this.batchSize; n++) {
      if (n === first || (this.needed(n) && !this.usable(n) && !this.loading.has(n))) numbers.push(n);
    }
    const promise = this.fetchBatch(numbers)
      .then((parts) => {
        for (const part of parts) this.urls.set(part.partNumber, part);
      })
      .finally(() => {
        for (const n of numbers) this.loading.delete(n);
      });
    for (const n of numbers) this.loading.set(n, promise);
    return promise;
  }
}
