// Transfer progress with a speed measured over the last few seconds, so the
// ETA follows the current rate rather than the average since the start.

export interface TransferProgress {
  doneBytes: number;
  totalBytes: number;
  bytesPerSecond: number;
  /** Null until a rate is known. */
  etaSeconds: number | null;
}

const WINDOW_MS = 10_000;

export class ProgressMeter {
  private done = 0;
  /** Cumulative samples; the first one at or before the window start anchors the rate. */
  private samples: Array<{ t: number; bytes: number }>;

  constructor(
    private readonly totalBytes: number,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.samples = [{ t: now(), bytes: 0 }];
  }

  /** Records `bytes` more done (negative to take back a failed part's partial progress). */
  add(bytes: number): TransferProgress {
    this.done += bytes;
    const t = this.now();
    this.samples.push({ t, bytes: this.done });
    while (this.samples.length > 2 && this.samples[1]!.t <= t - WINDOW_MS) this.samples.shift();
    return this.snapshot();
  }

  snapshot(): TransferProgress {
    const first = this.samples[0]!;
    const last = this.samples[this.samples.length - 1]!;
    const seconds = (last.t - first.t) / 1000;
    const bytesPerSecond = seconds > 0 ? Math.max(0, (last.bytes - first.bytes) / seconds) : 0;
    const remaining = Math.max(0, this.totalBytes - this.done);
    return {
      doneBytes: this.done,
      totalBytes: this.totalBytes,
      bytesPerSecond,
      etaSeconds: remaining === 0 ? 0 : bytesPerSecond > 0 ? remaining / bytesPerSecond : null,
    };
  }
}

/**
 * [Note: progress at screen pace] A download reports progress for every
 * decrypted piece (hundreds per second), and each report re-renders the
 * vault page on the thread that also decrypts. Passing on at most one report
 * per `intervalMs` (and always the last one, at 100%) keeps the bar smooth
 * without taking the decryption's time: with a render per piece, the
 * vault's zip of 128 MiB ran at 4.3 MiB/s, with this at 10.7 MiB/s
 * (`npm run bench -- --zip --mib 128`, docs/benchmarks.md).
 */
export function throttleProgress(
  onProgress: ((progress: TransferProgress) => void) | undefined,
  intervalMs = 100,
  now: () => number = () => performance.now(),
): ((progress: TransferProgress) => void) | undefined {
  if (!onProgress) return undefined;
  let last = -Infinity;
  return (progress) => {
    const t = now();
    if (t - last < intervalMs && progress.doneBytes < progress.totalBytes) return;
    last = t;
    onProgress(progress);
  };
}
