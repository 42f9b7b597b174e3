'use client';

import { ProgressBar } from '@/components/ui/progress';
import { formatBytes, formatDuration, formatRate } from '@/lib/client/files/format';
import type { TransferProgress } from '@/lib/client/files/net/progress';

export interface ActiveDownload {
  id: string;
  name: string;
  progress: TransferProgress | null;
}

export function DownloadStatus({ downloads }: { downloads: readonly ActiveDownload[] }) {
  if (downloads.length === 0) return null;
  return (
    <section aria-label="Downloads" className="space-y-3 rounded-xl border border-slate-200 bg-surface p-4">
      {downloads.map((d) => (
        <div key={d.id} className="space-y-1">
          <p className="text-sm font-medium">Downloading and decrypting {d.name}</p>
          <ProgressBar label={`Download of ${d.name}`} value={d.progress?.doneBytes ?? 0} max={d.progress?.totalBytes ?? 1} />
          {d.progress ? (
            <p className="text-xs text-slate-600">
              {formatBytes(d.progress.doneBytes)} of {formatBytes(d.progress.totalBytes)} · {formatRate(d.progress.bytesPerSecond)} · {formatDuration(d.progress.etaSeconds)}
            </p>
          ) : null}
        </div>
      ))}
    </section>
  );
}
