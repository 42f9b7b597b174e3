'use client';

import { Folder } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { WorkingStatus } from '@/components/ui/progress';
import type { UnlockedVault } from '@/lib/client/account/vault-keys';
import { formatDate } from '@/lib/client/files/format';
import { openSharedFolders, type OpenedSharedFolder } from '@/lib/client/folders/open-shared-folder';
import { folderSharingApi } from '@/lib/client/folders/sharing-api';
import { sharingErrorMessage } from '@/lib/client/sharing/messages';
import { SharedFolderBrowser } from './shared-folder-browser';
import { plural } from '@/lib/shared/plural';
import { SafetyNumberDetails } from './safety-number';

/** Folders others shared with this user; each envelope is verified against the owner's pinned identity key. */
export function SharedFolders({ vault }: { vault: UnlockedVault }) {
  const [items, setItems] = useState<OpenedSharedFolder[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<{ shareId: string; name: string; ownerEmail: string } | null>(null);

  useEffect(() => {
    folderSharingApi.sharedWithMe().then((list) => openSharedFolders(vault, list))
      .then(setItems, (e: unknown) => setError(sharingErrorMessage(e, 'load the folders shared with you')));
  }, [vault]);

  const refused = items?.filter((i) => !i.ok) ?? [];
  return (
    <section aria-labelledby="shared-folders-title" className="space-y-3 rounded-xl border border-slate-200 bg-surface p-4">
      <h2 id="shared-folders-title" className="text-base font-semibold">Folders shared with me</h2>
      {error ? <Notice tone="error">{error}</Notice> : null}
      {items === null && !error ? <WorkingStatus message="Checking folders shared with you…" /> : null}
      {items !== null && items.length === 0 ? <p className="text-sm text-slate-600">Nobody has shared a folder with you.</p> : null}
      {items && items.some((i) => i.ok) ? (
        <ul aria-label="Folders shared with me" className="divide-y divide-slate-100">
          {items.map((item) => item.ok ? (
            <li key={item.share.shareId} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <p className="truncate font-medium" title={item.name}><Folder aria-hidden="true" className="mr-1 inline size-4 align-[-2px]" />{item.name}</p>
                <p className="text-xs text-slate-600">from {item.share.ownerEmail} · {formatDate(item.share.createdAt)}</p>
                <SafetyNumberDetails withEmail={item.share.ownerEmail} digits={item.safetyNumber} />
              </div>
              <Button className="px-3 py-1" aria-label={`Open shared folder ${item.name} from ${item.share.ownerEmail}`}
                onClick={() => setOpen({ shareId: item.share.shareId, name: item.name, ownerEmail: item.share.ownerEmail })}>
                Open
              </Button>
            </li>
          ) : null)}
        </ul>
      ) : null}
      {refused.length > 0 ? (
        <div role="alert" className="space-y-1 rounded-lg border border-rose-300 bg-rose-50 p-3 text-sm text-rose-900">
          <p className="font-semibold">{plural(refused.length, { one: 'One shared folder was refused', other: '# shared folders were refused' })}</p>
          <ul>{refused.map((item) => <li key={item.share.shareId}>From {item.share.ownerEmail}: {item.ok ? '' : item.reason}</li>)}</ul>
        </div>
      ) : null}
      {open ? <SharedFolderBrowser vault={vault} {...open} onClose={() => setOpen(null)} /> : null}
    </section>
  );
}
