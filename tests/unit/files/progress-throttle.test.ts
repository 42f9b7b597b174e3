// Progress reports reach the page at most once per interval, and the final
// report (100%) always does: the bar never stops short of the end.
import { describe, expect, it } from 'vitest';
import { throttleProgress, type TransferProgress } from '@/lib/client/files/net/progress';

const at = (doneBytes: number, totalBytes = 1000): TransferProgress => ({ doneBytes, totalBytes, bytesPerSecond: 0, etaSeconds: null });

describe('throttleProgress', () => {
  it('passes the first report, drops those within the interval, passes the next one after it', () => {
    let t = 0;
    const seen: number[] = [];
    const report = throttleProgress((p) => seen.push(p.doneBytes), 100, () => t)!;
    for (let done = 10; done < 1000; done += 10) {
      report(at(done));
      t += 7;
    }
    // 99 reports over 693 ms: one per 100 ms window (at 0, 105, 210, ...).
    expect(seen).toEqual([10, 160, 310, 460, 610, 760, 910]);
  });

  it('always passes the last report, however soon it comes', () => {
    const t = 0;
    const seen: number[] = [];
    const report = throttleProgress((p) => seen.push(p.doneBytes), 100, () => t)!;
    report(at(500));
    report(at(900));
    report(at(1000));
    expect(seen).toEqual([500, 1000]);
  });

  it('is nothing when there is no callback', () => {
    expect(throttleProgress(undefined)).toBeUndefined();
  });
});
