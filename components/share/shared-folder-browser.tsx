'use client';

import { Folder } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Notice } from '@/components/ui/notice';
import { WorkingStatus } from '@/components/ui/progress';
import { Breadcrumb } from '@/components/vault/folder-nav';
import { DownloadStatus } from '@/components/vault/download-status';
import { useFileDownloads } from '@/components/vault/use-file-downloads';
import { ApiError } from '@/lib/client/account/api';
import type { UnlockedVault } from '@/lib/client/account/vault-keys';
import type { VaultFile } from '@/lib/client/files/file-list';
import { formatBytes, formatDate } from '@/lib/client/files/format';
import { openSharedFolder, type SharedFolderView } from '@/lib/client/folders/open-shared-folder';
import { folderSharingApi } from '@/lib/client/folders/sharing-api';
import { sharingErrorMessage } from '@/lib/client/sharing/messages';
import { plural } from '@/lib/shared/plural';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** A folder someone shared with this user: browse its subtree as it is now, download files. */
export function SharedFolderBrowser({ vault, shareId, name, ownerEmail, onClose }: {
  vault: UnlockedVault; shareId: string; name: string; ownerEmail: string; onClose: () => void;
}) {
  const [view, setView] = useState<SharedFolderView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [current, setCurrent] = useState<string | null>(null);
  const { downloads, notice, start, busy } = useFileDownloads();

  useEffect(() => {
    let live = true;
    openSharedFolder(vault, shareId).then(
      (opened) => {
        if (!live) return;
        setView(opened);
        setCurrent(opened.share.folderId);
      },
      (e: unknown) => live && setError(e instanceof ApiError && e.code === 'not_found'
        ? `This folder is no longer shared with you: ${ownerEmail} revoked the share, or moved the folder to the trash. Ask them to share it again if you still need it.`
        : sharingErrorMessage(e, 'open the shared folder')),
    );
    return () => {
      live = false;
    };
  }, [vault, shareId, ownerEmail]);

  const download = (file: VaultFile) => {
    start(file, { downloadUrl: (id, signal) => folderSharingApi.downloadUrl(shareId, id, signal) });
  };


  const subfolders = view && current ? view.tree.childrenOf(current).sort((a, b) => collator.compare(a.name, b.name)) : [];
  const files = view && current ? view.files.filter((f) => f.folderId === current).sort((a, b) => collator.compare(a.metadata.name, b.metadata.name)) : [];

  return (
    <Dialog title={`Shared folder ${name}`} onClose={onClose} wide description={`Shared with you by ${ownerEmail}. You see what is in it now, including files added after it was shared.`}>
      {error ? <Notice tone="error">{error}</Notice> : null}
      {!view && !error ? <WorkingStatus message="Opening the shared folder…" /> : null}
      {view && current ? (
        <div className="space-y-3">
          <Breadcrumb tree={view.tree} folderId={current} onOpen={(id) => setCurrent(id ?? view.share.folderId)} rootLabel={null} />
          {view.hidden > 0 ? (
            <div role="alert" className="rounded-lg border border-rose-300 bg-rose-50 p-3 text-sm text-rose-900">
              {plural(view.hidden, { one: '# item', other: '# items' })} in this folder could not be verified with the keys {ownerEmail} shared and {plural(view.hidden, { one: 'is', other: 'are' })} hidden.
              The server listed {plural(view.hidden, { one: 'it', other: 'them' })} there, but {plural(view.hidden, { one: 'it was', other: 'they were' })} not put there by {ownerEmail}; nothing was decrypted from {plural(view.hidden, { one: 'it', other: 'them' })}.
            </div>
          ) : null}
          <DownloadStatus downloads={downloads} />
          {notice ? <Notice tone={notice.tone}>{notice.text}</Notice> : null}
          {subfolders.length === 0 && files.length === 0 ? <p className="text-sm text-slate-600">This folder is empty.</p> : null}
          {subfolders.length > 0 ? (
            <ul aria-label="Folders in the shared folder" className="divide-y divide-slate-100">
              {subfolders.map((f) => (
                <li key={f.id} className="py-2">
                  <button type="button" className="flex min-w-0 items-center gap-2 rounded text-left font-medium text-indigo-900 hover:underline" aria-label={`Open folder ${f.name}`} onClick={() => setCurrent(f.id)}>
                    <Folder aria-hidden="true" className="size-4 shrink-0" /><span className="truncate" title={f.name}>{f.name}</span>
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          {files.length > 0 ? (
            <ul aria-label="Files in the shared folder" className="divide-y divide-slate-100">
              {files.map((f) => (
                <li key={f.id} aria-label={f.metadata.name} className="flex flex-col gap-2 py-2 sm:flex-row sm:items-center sm:justify-between">
                  <div className="min-w-0">
                    <p className="truncate font-medium" title={f.metadata.name}>{f.metadata.name}</p>
                    <p className="text-xs text-slate-600">{formatBytes(f.metadata.size)} · {formatDate(f.createdAt)}</p>
                  </div>
                  <Button className="px-3 py-1" aria-label={`Download ${f.metadata.name}`} disabled={busy(f.id)} onClick={() => download(f)}>Download</Button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </Dialog>
  );
}
