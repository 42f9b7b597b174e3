import { plural } from '@/lib/shared/plural';
import { overallProgress, type UploadItem } from './upload-queue';

/**
 * The line under the overall bar once nothing is running. "All uploads
 * finished" is said only when every file arrived: after a failure or a cancel
 * it would tell the person their files are safe when some are not.
 */
export function finishedSummary(items: readonly Pick<UploadItem, 'status'>[]): string {
  const count = (status: UploadItem['status']) => items.filter((i) => i.status === status).length;
  const done = count('done');
  const failed = count('failed');
  const cancelled = count('cancelled');
  if (failed === 0 && cancelled === 0) return 'All uploads finished.';
  // The first part names the noun ("2 uploads finished"), the rest share it ("1 failed").
  const parts = [[done, 'finished'], [failed, 'failed'], [cancelled, 'cancelled']] as const;
  return `${parts
    .filter(([n]) => n > 0)
    .map(([n, verb], i) => (i === 0 ? plural(n, { one: `# upload ${verb}`, other: `# uploads ${verb}` }) : `${n} ${verb}`))
    .join(', ')}.`;
}

/**
 * The upload tray's one-line summary ("Uploading 2 files, 40%"), read out
 * politely as it changes: the tray is often collapsed, so this line is all a
 * screen reader user hears of the uploads.
 */
export function traySummary(items: readonly UploadItem[]): string {
  const overall = overallProgress(items);
  if (overall.active === 0) return finishedSummary(items);
  // Floor, not round: "100%" only once every byte is confirmed.
  const percent = overall.totalBytes > 0 ? Math.floor((overall.doneBytes / overall.totalBytes) * 100) : 0;
  const files = plural(overall.active, { one: '# file', other: '# files' });
  if (items.some((i) => i.waitingForConnection)) return `Waiting for connection to upload ${files}, ${percent}% done`;
  return `Uploading ${files}, ${percent}%`;
}
