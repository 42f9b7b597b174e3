'use client';

import { Button } from '@/components/ui/button';
import { ProgressBar } from '@/components/ui/progress';
import { formatBytes, formatDuration, formatRate } from '@/lib/client/files/format';
import { overallProgress, type UploadItem } from '@/lib/client/files/upload/upload-queue';
import { finishedSummary } from '@/lib/client/files/upload/upload-summary';

const STATUS_TEXT: Record<UploadItem['status'], string> = {
  queued: 'Waiting',
  uploading: 'Encrypting and uploading',
  done: 'Uploaded',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

function ItemRow({ item, onCancel, onRetry }: { item: UploadItem; onCancel: () => void; onRetry: () => void }) {
  const progress = item.progress;
  const total = progress?.totalBytes ?? item.size;
  const done = item.status === 'done' ? total : (progress?.doneBytes ?? 0);
  const live = item.status === 'queued' || item.status === 'uploading';
  return (
    <li className="space-y-1.5 py-3">
      <div className="flex items-center justify-between gap-3">
        <span className="min-w-0 truncate text-sm font-medium" title={item.name}>{item.name}</span>
        {live ? <Button variant="secondary" className="px-3 py-1" onClick={onCancel} aria-label={`Cancel upload of ${item.name}`}>Cancel</Button> : null}
        {item.retryable ? <Button variant="secondary" className="px-3 py-1" onClick={onRetry} aria-label={`Retry upload of ${item.name}`}>Retry</Button> : null}
      </div>
      {item.status !== 'failed' && item.status !== 'cancelled' ? (
        <ProgressBar label={`Upload of ${item.name}`} value={done} max={total} />
      ) : null}
      <p className="text-xs text-slate-600">
        {item.waitingForConnection ? 'Waiting for connection: the upload goes on when you are back online' : STATUS_TEXT[item.status]}
        {/* Offline, the last rate and time left mean nothing: only what is done. */}
        {item.status === 'uploading' && progress && item.waitingForConnection ? ` · ${formatBytes(progress.doneBytes)} of ${formatBytes(progress.totalBytes)}`
          : item.status === 'uploading' && progress
          ? ` · ${formatBytes(progress.doneBytes)} of ${formatBytes(progress.totalBytes)} · ${formatRate(progress.bytesPerSecond)} · ${formatDuration(progress.etaSeconds)}`
          : ` · ${formatBytes(item.size)}`}
      </p>
      {item.error ? <p role="alert" className="text-sm text-rose-800">{item.error}</p> : null}
    </li>
  );
}

/** Per-file and overall progress of this page's uploads, with Cancel per file. */
export function UploadList({ items, onCancel, onRetry, onClear }: {
  items: readonly UploadItem[]; onCancel: (key: string) => void; onRetry: (key: string) => void; onClear: () => void;
}) {
  if (items.length === 0) return null;
  const overall = overallProgress(items);
  const finished = items.some((i) => i.status !== 'queued' && i.status !== 'uploading');
  return (
    <section aria-labelledby="uploads-title" className="space-y-3 rounded-xl border border-slate-200 bg-surface p-4">
      <div className="flex items-center justify-between">
        <h2 id="uploads-title" className="text-base font-semibold">Uploads</h2>
        {finished ? <Button variant="secondary" className="px-3 py-1" onClick={onClear}>Clear finished</Button> : null}
      </div>
      <ProgressBar label="All uploads" value={overall.doneBytes} max={overall.totalBytes} />
      <p className={`text-xs ${overall.active === 0 && items.some((i) => i.status === 'failed') ? 'font-medium text-rose-800' : 'text-slate-600'}`} aria-live="polite">
        {overall.active > 0 && items.some((i) => i.waitingForConnection)
          ? `Waiting for connection · ${formatBytes(overall.doneBytes)} of ${formatBytes(overall.totalBytes)}`
          : overall.active > 0
          ? `${formatBytes(overall.doneBytes)} of ${formatBytes(overall.totalBytes)} · ${formatRate(overall.bytesPerSecond)} · ${formatDuration(overall.etaSeconds)}`
          : finishedSummary(items)}
      </p>
      <ul className="divide-y divide-slate-100">
        {items.map((item) => <ItemRow key={item.key} item={item} onCancel={() => onCancel(item.key)} onRetry={() => onRetry(item.key)} />)}
      </ul>
    </section>
  );
}
