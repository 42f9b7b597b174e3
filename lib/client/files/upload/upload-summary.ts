import { plural } from '@/lib/shared/plural';
import type { UploadItem } from './upload-queue';

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
