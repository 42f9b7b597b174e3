'use client';

import { Download, Eye, Share2, Trash2 } from 'lucide-react';
import { useEffect, useId, useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Notice } from '@/components/ui/notice';
import { RowContextMenu, RowMenuButton, type RowMenuItem } from '@/components/ui/row-menu';
import { WorkingStatus } from '@/components/ui/progress';
import { PreviewDialog } from '@/components/vault/preview-dialog';
import { DownloadStatus } from '@/components/vault/download-status';
import { FileThumbnail } from '@/components/vault/file-thumbnail';
import { useFileDownloads } from '@/components/vault/use-file-downloads';
import type { UnlockedVault } from '@/lib/client/account/vault-keys';
import type { DownloadOptions } from '@/lib/client/files/download/download-engine';
import type { OpenedFile } from '@/lib/client/files/file-list';
import { formatBytes, formatDate } from '@/lib/client/files/format';
import { sharingErrorMessage } from '@/lib/client/sharing/messages';
import { fileErrorMessage } from '@/lib/client/files/messages';
import { previewKind } from '@/lib/client/files/download/preview';
import { sharingApi } from '@/lib/client/sharing/api';
import { openSharedFiles, type OpenedShare } from '@/lib/client/sharing/open-shared';
import type { SharedFileJson } from '@/lib/shared/shares';
import { ReshareDialog } from './reshare-dialog';
import { SafetyNumberDetails } from './safety-number';
import { plural } from '@/lib/shared/plural';

/** A presigned GET through the share, not the (owner-only) file route. */
function shareApi(shareId: string): DownloadOptions['api'] {
  return { downloadUrl: () => sharingApi.sharedDownloadUrl(shareId) };
}

type OpenedItem = Extract<OpenedShare, { ok: true }>;
type RefusedItem = Extract<OpenedShare, { ok: false }>;

/**
 * One file shared with me, shaped like a row of My files: the name opens it
 * (preview, or download when the browser cannot show it), and the rest is in
 * the "⋯" menu and the context menu. The menu is named with the sender, since
 * two people may share files of the same name.
 */
function SharedRow({ item, busy, onDownload, onPreview, onReshare, onDelete }: {
  item: OpenedItem; busy: boolean; onDownload: () => void; onPreview: () => void; onReshare: () => void; onDelete: () => void;
}) {
  const name = item.file.metadata.name;
  const canPreview = previewKind(item.file) !== null;
  const detailsId = useId();
  const items: RowMenuItem[] = [
    { label: 'Download', icon: Download, disabled: busy, onSelect: onDownload },
    ...(canPreview ? [{ label: 'Preview', icon: Eye, onSelect: onPreview }] : []),
    ...(item.share.canReshare ? [{ label: 'Share with someone else', icon: Share2, onSelect: onReshare }] : []),
    ...(item.share.canDelete ? [{ label: 'Delete for everyone', icon: Trash2, danger: true, onSelect: onDelete }] : []),
  ];
  const menuName = `${name} shared by ${item.share.senderEmail}`;
  return (
    <RowContextMenu name={menuName} items={items}>
      <li aria-label={name} className="flex items-start gap-3 py-3 data-[state=open]:bg-slate-50">
        {/* Signed through the share: the sender's thumbnail, under the same file key (format.md §13). */}
        <FileThumbnail file={{ id: item.file.id, fileKey: item.file.fileKey, shareId: item.share.shareId, metadata: item.file.metadata }} />
        <div className="min-w-0 flex-1">
          <button type="button" onClick={canPreview ? onPreview : onDownload} disabled={!canPreview && busy} aria-describedby={detailsId}
            className="flex min-h-11 max-w-full items-center rounded text-left font-medium hover:underline focus-visible:outline-2 focus-visible:outline-indigo-700 sm:min-h-7">
            <span className="truncate" title={name} data-testid="shared-file-name">{name}</span>
          </button>
          <p id={detailsId} className="text-xs text-slate-600">
            {formatBytes(item.file.metadata.size)} · from {item.share.senderEmail}
            {item.share.senderEmail === item.share.ownerEmail ? '' : ` (owner: ${item.share.ownerEmail})`} · {formatDate(item.share.createdAt)}
          </p>
          <SafetyNumberDetails withEmail={item.share.senderEmail} digits={item.safetyNumber} />
        </div>
        <RowMenuButton name={menuName} items={items} />
      </li>
    </RowContextMenu>
  );
}

/** Files others shared with this user; envelopes are verified against the sender's pinned identity key. */
export function SharedWithMe({ vault }: { vault: UnlockedVault }) {
  const [items, setItems] = useState<OpenedShare[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ file: OpenedFile; shareId: string } | null>(null);
  const [resharing, setResharing] = useState<{ shared: SharedFileJson; name: string } | null>(null);
  const [deleting, setDeleting] = useState<{ shareId: string; name: string; owner: string } | null>(null);

  useEffect(() => {
    sharingApi.sharedWithMe().then((list) => openSharedFiles(vault, list)).then(setItems, (e: unknown) => setError(sharingErrorMessage(e, 'load the files shared with you')));
  }, [vault]);

  // Progress while it runs, then one success or error notice, as in a shared folder.
  const { downloads, notice: downloadNotice, start: startDownload, busy: downloading } = useFileDownloads();
  const previewApi = useMemo(() => (preview ? shareApi(preview.shareId) : undefined), [preview]);
  const opened = items?.filter((i): i is OpenedItem => i.ok) ?? [];
  const refused = items?.filter((i): i is RefusedItem => !i.ok) ?? [];

  return (
    <section aria-labelledby="shared-title" className="space-y-3 rounded-xl border border-slate-200 bg-surface p-4">
      <h2 id="shared-title" className="text-base font-semibold">Files shared with me</h2>
      {error ? <Notice tone="error">{error}</Notice> : null}
      {notice ? <Notice tone="error">{notice}</Notice> : null}
      <DownloadStatus downloads={downloads} />
      {downloadNotice ? <Notice tone={downloadNotice.tone}>{downloadNotice.text}</Notice> : null}
      {items === null && !error ? <WorkingStatus message="Checking files shared with you…" /> : null}
      {items !== null && items.length === 0 ? <p className="text-sm text-slate-600">Nobody has shared a file with you.</p> : null}
      {opened.length > 0 ? (
        <ul aria-label="Files shared with me" className="divide-y divide-slate-100">
          {opened.map((item) => (
            <SharedRow key={item.share.shareId} item={item} busy={downloading(item.file.id)}
              onDownload={() => startDownload(item.file, shareApi(item.share.shareId))}
              onPreview={() => setPreview({ file: item.file, shareId: item.share.shareId })}
              onReshare={() => setResharing({ shared: item.share, name: item.file.metadata.name })}
              onDelete={() => setDeleting({ shareId: item.share.shareId, name: item.file.metadata.name, owner: item.share.ownerEmail })} />
          ))}
        </ul>
      ) : null}
      {refused.length > 0 ? (
        <div role="alert" className="space-y-1 rounded-lg border border-rose-300 bg-rose-50 p-3 text-sm text-rose-900">
          <p className="font-semibold">{plural(refused.length, { one: 'One shared file was refused', other: '# shared files were refused' })}</p>
          <ul>{refused.map((item) => <li key={item.share.shareId}>From {item.share.senderEmail}: {item.reason}</li>)}</ul>
        </div>
      ) : null}
      {resharing ? <ReshareDialog vault={vault} shared={resharing.shared} name={resharing.name} onClose={() => setResharing(null)} /> : null}
      {deleting ? (
        <Dialog title={`Delete ${deleting.name}?`} onClose={() => setDeleting(null)}
          description={`${deleting.owner} allowed you to delete this file. It is deleted for everyone, ${deleting.owner} included, and cannot be recovered.`}>
          <div className="flex justify-end gap-2">
            <Button variant="danger" onClick={() => void sharingApi.deleteShared(deleting.shareId).then(() => {
              setItems((list) => list?.filter((i) => i.share.shareId !== deleting.shareId) ?? null);
              setDeleting(null);
            }, (e: unknown) => {
              setDeleting(null);
              setNotice(fileErrorMessage(e, `delete ${deleting.name}`));
            })}>
              Delete for everyone
            </Button>
          </div>
        </Dialog>
      ) : null}
      {preview && previewApi ? <PreviewDialog file={preview.file} api={previewApi} onClose={() => setPreview(null)} /> : null}
    </section>
  );
}
