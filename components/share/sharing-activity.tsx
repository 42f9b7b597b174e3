'use client';

import { useCallback, useEffect, useState } from 'react';
import { VaultGate } from '@/components/account/vault-gate';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { WorkingStatus } from '@/components/ui/progress';
import type { UnlockedVault } from '@/lib/client/account/vault-keys';
import { loadFiles } from '@/lib/client/files/file-list';
import { formatDate } from '@/lib/client/files/format';
import { fileErrorMessage } from '@/lib/client/files/messages';
import { linksApi } from '@/lib/client/links/api';
import { sharingApi } from '@/lib/client/sharing/api';
import type { SharingActivityJson } from '@/lib/shared/shares';
import { describePermissions, REVOKE_STATEMENT } from './share-dialog';
import { LinkSummary, linkLabel } from './link-summary';

/** The owner's audit view (issue 6): who received which file and when, and every link's counters. */
export function SharingActivityPage() {
  return (
    <VaultGate>
      {(vault) => <SharingActivity vault={vault} />}
    </VaultGate>
  );
}

function SharingActivity({ vault }: { vault: UnlockedVault }) {
  const [activity, setActivity] = useState<SharingActivityJson | null>(null);
  // Names exist only in this browser: the server lists ids, we decrypt the names.
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(() => Promise.all([linksApi.activity(), loadFiles(vault)]), [vault]);
  const show = useCallback(([next, { files }]: Awaited<ReturnType<typeof load>>) => {
    setNames(new Map(files.map((f) => [f.id, f.metadata.name])));
    setActivity(next);
  }, []);
  const reload = () => load().then(show);
  useEffect(() => {
    let live = true;
    load().then((result) => live && show(result), (e: unknown) => live && setError(fileErrorMessage(e, 'load your sharing activity')));
    return () => {
      live = false;
    };
  }, [load, show]);

  const nameOf = (fileId: string) => names.get(fileId) ?? 'Unreadable file';
  const act = (promise: Promise<void>, done: string, action: string) =>
    void promise.then(reload).then(() => setNotice(done), (e: unknown) => setError(fileErrorMessage(e, action)));

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Sharing activity</h1>
        <p className="text-sm text-slate-700">Everyone who holds a key to one of your files, and every public link with its use. {REVOKE_STATEMENT}</p>
      </div>
      {error ? <Notice tone="error">{error}</Notice> : null}
      {notice ? <Notice tone="success">{notice}</Notice> : null}
      {activity === null && !error ? <WorkingStatus message="Loading your sharing activity…" /> : null}
      {activity ? (
        <>
          <section aria-labelledby="people-title" className="space-y-2 rounded-xl border border-slate-200 bg-surface p-4">
            <h2 id="people-title" className="text-base font-semibold">Shared with people</h2>
            {activity.shares.length === 0 ? <p className="text-sm text-slate-600">You have not shared any file with another person.</p> : (
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Files shared with people</caption>
                <thead className="text-xs text-slate-600"><tr><th scope="col" className="py-1">File</th><th scope="col">Recipient</th><th scope="col">Since</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
                <tbody className="divide-y divide-slate-100">
                  {activity.shares.map((s) => (
                    <tr key={s.id}>
                      <td className="max-w-0 py-2 sm:w-1/3"><span className="block truncate" title={nameOf(s.fileId)}>{nameOf(s.fileId)}</span></td>
                      <td>{s.recipientEmail}{describePermissions(s)}</td>
                      <td>{formatDate(s.createdAt)}</td>
                      <td className="text-right">
                        <Button variant="secondary" className="px-3 py-1 text-rose-800" aria-label={`Revoke ${nameOf(s.fileId)} for ${s.recipientEmail}`}
                          onClick={() => act(sharingApi.revoke(s.fileId, s.id), `Access of ${s.recipientEmail} revoked.`, 'revoke the share')}>
                          Revoke
                        </Button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section aria-labelledby="links-activity-title" className="space-y-2 rounded-xl border border-slate-200 bg-surface p-4">
            <h2 id="links-activity-title" className="text-base font-semibold">Public links</h2>
            {activity.links.length === 0 ? <p className="text-sm text-slate-600">You have no public links.</p> : (
              <ul aria-label="Your public links" className="divide-y divide-slate-100">
                {activity.links.map((link) => (
                  <li key={link.id} aria-label={`${nameOf(link.fileId)}, link ${linkLabel(link)}`} className="flex flex-col gap-2 py-2 text-sm sm:flex-row sm:items-center sm:justify-between">
                    <div className="min-w-0 space-y-0.5">
                      <p className="truncate font-medium" title={nameOf(link.fileId)}>{nameOf(link.fileId)}</p>
                      <LinkSummary link={link} />
                    </div>
                    <Button variant="secondary" className="px-3 py-1 text-rose-800" aria-label={`Revoke link ${linkLabel(link)}`}
                      onClick={() => act(linksApi.revoke(link.fileId, link.id), 'Link revoked: it opens nothing from now on.', 'revoke the link')}>
                      Revoke
                    </Button>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}
