'use client';

import { Meter } from '@/components/ui/meter';
import { formatBytes } from '@/lib/client/files/format';
import type { UsageJson } from '@/lib/shared/files';

/** Storage against the quota, counted in stored (encrypted) bytes as the server bills them. */
export function UsageMeter({ usage }: { usage: UsageJson | null }) {
  if (!usage) {
    // As tall as the loaded meter (a text row and the bar): the upload zone and
    // the file list below do not move down when the usage arrives (Lighthouse's CLS).
    return (
      <div className="space-y-1">
        <p className="text-sm text-slate-600">Checking storage…</p>
        <div className="h-2.5 rounded bg-slate-200" aria-hidden="true" />
      </div>
    );
  }
  const used = usage.usedBytes + usage.reservedBytes;
  const text = `${formatBytes(used)} of ${formatBytes(usage.quotaBytes)} used`;
  return (
    <div className="space-y-1">
      <div className="flex justify-between text-sm">
        <span className="font-medium text-slate-800">Storage</span>
        <span className="text-slate-700" aria-hidden="true">{text}</span>
      </div>
      <Meter label="Storage used" value={used} max={usage.quotaBytes} valueText={text} />
      {usage.reservedBytes > 0 ? (
        <p className="text-xs text-slate-600">Includes {formatBytes(usage.reservedBytes)} reserved for uploads in progress.</p>
      ) : null}
    </div>
  );
}
