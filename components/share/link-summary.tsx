import { Badge } from '@/components/ui/badge';
import { formatDate } from '@/lib/client/files/format';
import type { LinkJson } from '@/lib/shared/links';
import { plural } from '@/lib/shared/plural';

const statusText = { active: 'Active', expired: 'Expired', exhausted: 'Download limit reached' } as const;

/** A file link's or a folder link's row: the summary shows what both have. */
export type LinkRow = Omit<LinkJson, 'fileId'>;

/** The start of the link's path, which the owner can match against the URL they sent. */
export function linkLabel(link: Pick<LinkJson, 'id'>): string {
  return `/s/${link.id.slice(0, 8)}…`;
}

/** One link's settings and audit counters, as the owner sees them. */
export function LinkSummary({ link }: { link: LinkRow }) {
  return (
    <div className="space-y-0.5">
      <p className="flex flex-wrap items-center gap-2">
        <span className="font-mono text-xs">{linkLabel(link)}</span>
        <span>created {formatDate(link.createdAt)}</span>
        <Badge tone={link.status === 'active' ? 'good' : 'bad'}>{statusText[link.status]}</Badge>
        {link.hasPassword ? <Badge tone="neutral">Password</Badge> : null}
      </p>
      <p className="text-xs text-slate-600">
        {link.expiresAt ? `Expires ${formatDate(link.expiresAt)}` : 'Never expires'}
        {' · '}
        <span>{link.maxDownloads === null ? plural(link.downloadCount, { one: '# download', other: '# downloads' }) : `${link.downloadCount} of ${link.maxDownloads} downloads`}</span>
        {' · '}
        <span>opened {plural(link.openCount, { one: '# time', other: '# times' })}</span>
        {' · '}
        <span>{plural(link.failedAttempts, { one: '# failed attempt', other: '# failed attempts' })}</span>
        {' · '}
        <span>{link.lastAccessAt ? `last access ${formatDate(link.lastAccessAt)}` : 'never accessed'}</span>
      </p>
    </div>
  );
}
