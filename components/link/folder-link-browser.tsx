'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ApiError } from '@/lib/client/api-call';
import { Notice } from '@/components/ui/notice';
import { ProgressBar } from '@/components/ui/progress';
import { formatBytes, formatDate, formatDuration, formatRate } from '@/lib/client/files/format';
import type { VaultFile } from '@/lib/client/files/file-list';
import { isAbort } from '@/lib/client/files/messages';
import type { TransferProgress } from '@/lib/client/files/net/progress';
import { saveLinkedFile, saveLinkedFolderZip } from '@/lib/client/links/folder-link-download';
import { linkErrorMessage } from '@/lib/client/links/messages';
import type { OpenedFolderLink } from '@/lib/client/links/open-folder-link';
import { plural } from '@/lib/shared/plural';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const LIMIT_REACHED = 'This link has reached its download limit. Ask the sender for a new one.';

/** Browsing a linked folder's subtree, decrypted here; each download or zip is one counted download. */
export function FolderLinkBrowser({ link }: { link: OpenedFolderLink }) {
  const [folderId, setFolderId] = useState(link.rootId);
  const [downloadsLeft, setDownloadsLeft] = useState(link.downloadsLeft);
  const [busy, setBusy] = useState<string | null>(null);
  const [progress, setProgress] = useState<TransferProgress | null>(null);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const { tree } = link;
  const path = tree.pathTo(folderId);
  const here = tree.folders.get(folderId)!;
  const subfolders = tree.childrenOf(folderId).sort((a, b) => collator.compare(a.name, b.name));
  const files = link.files.filter((f) => f.folderId === folderId).sort((a, b) => collator.compare(a.metadata.name, b.metadata.name));
  const [ended, setEnded] = useState(false);
  const exhausted = downloadsLeft === 0 || ended;

  const run = (label: string, work: () => Promise<string>) => {
    setNotice(null);
    setProgress(null);
    setBusy(label);
    // Called straight from the click: the save dialog needs the gesture.
    work().then(
      (text) => {
        setNotice({ tone: 'success', text });
        setDownloadsLeft((n) => (n === null ? null : Math.max(0, n - 1)));
      },
      (e: unknown) => {
        if (isAbort(e)) return;
        const text = linkErrorMessage(e, label);
        setNotice({ tone: 'error', text });
        // Expired or out of downloads: nothing more will work, so stop offering it.
        if (e instanceof ApiError && e.code === 'gone') setEnded(true);
      },
    ).finally(() => setBusy(null));
  };
  const downloadFile = (file: VaultFile) => run(`download ${file.metadata.name}`, async () => {
    await saveLinkedFile(link, file, { onProgress: setProgress });
    return `${file.metadata.name} was decrypted and saved.`;
  });
  const downloadZip = () => run(`make the zip of ${here.name}`, async () => {
    const { zipName, fileCount } = await saveLinkedFolderZip(link, folderId, { onProgress: setProgress });
    return `${zipName} was saved: ${plural(fileCount, { one: '# file', other: '# files' })} decrypted into it.`;
  });

  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm" aria-label="Shared folder">
        <dt className="text-slate-600">Folder</dt><dd className="min-w-0 truncate font-medium" data-testid="link-folder-name" title={tree.folders.get(link.rootId)!.name}>{tree.folders.get(link.rootId)!.name}</dd>
        <dt className="text-slate-600">Expires</dt><dd>{link.expiresAt ? formatDate(link.expiresAt) : 'Never'}</dd>
        <dt className="text-slate-600">Downloads left</dt><dd>{downloadsLeft === null ? 'No limit' : downloadsLeft}</dd>
      </dl>
      {link.hidden > 0 ? (
        <Notice tone="warning">
          {plural(link.hidden, { one: 'One item is', other: '# items are' })} hidden: {plural(link.hidden, { one: 'it does', other: 'they do' })} not open with this
          link&apos;s key, so {plural(link.hidden, { one: 'it was', other: 'they were' })} altered or moved on the server.
        </Notice>
      ) : null}
      <nav aria-label="Folder path" className="text-sm">
        <ol className="flex flex-wrap items-center gap-1">
          {path.map((folder, i) => (
            <li key={folder.id} className="flex min-w-0 items-center gap-1">
              {i > 0 ? <span aria-hidden="true" className="text-slate-400">/</span> : null}
              {folder.id === folderId ? (
                <span aria-current="page" className="max-w-[14rem] truncate font-semibold" title={folder.name}>{folder.name}</span>
              ) : (
                <button type="button" className="inline-flex min-h-11 max-w-[10rem] items-center text-indigo-800 hover:underline sm:min-h-0" title={folder.name} onClick={() => setFolderId(folder.id)}><span className="truncate">{folder.name}</span></button>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <div className="flex flex-wrap gap-2">
        {/* The folder's name is in the name but not on screen: a hidden span keeps the visible words inside the accessible name (WCAG 2.5.3). */}
        <Button onClick={downloadZip} disabled={busy !== null || exhausted}>
          {busy?.startsWith('make the zip') ? 'Making the zip…' : <>Download folder <span className="sr-only">{here.name} </span>as zip</>}
        </Button>
      </div>
      {subfolders.length === 0 && files.length === 0 ? <p className="text-sm text-slate-600">This folder is empty.</p> : null}
      {subfolders.length > 0 ? (
        <ul aria-label="Folders" className="divide-y divide-slate-100 rounded-lg border border-slate-200">
          {subfolders.map((folder) => (
            <li key={folder.id} className="px-3 py-2">
              <button type="button" onClick={() => setFolderId(folder.id)} aria-label={`Open folder ${folder.name}`}
                className="flex min-h-11 min-w-0 max-w-full items-center gap-2 text-left font-medium text-indigo-900 hover:underline sm:min-h-0">
                <span aria-hidden="true">📁</span><span className="truncate" title={folder.name}>{folder.name}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {files.length > 0 ? (
        <ul aria-label="Files" className="divide-y divide-slate-100 rounded-lg border border-slate-200">
          {files.map((file) => (
            <li key={file.id} className="flex flex-col gap-2 px-3 py-2 text-sm sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <p className="truncate font-medium" title={file.metadata.name}>{file.metadata.name}</p>
                <p className="text-xs text-slate-600">{formatBytes(file.metadata.size)}</p>
              </div>
              <Button variant="secondary" className="px-3 py-1" onClick={() => downloadFile(file)} disabled={busy !== null || exhausted}
                aria-label={`Download ${file.metadata.name}`}>
                Download
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      {busy ? (
        <div className="space-y-1">
          <ProgressBar label="Download progress" value={progress?.doneBytes ?? 0} max={progress?.totalBytes ?? 1} />
          {progress ? (
            <p className="text-xs text-slate-600">
              {formatBytes(progress.doneBytes)} of {formatBytes(progress.totalBytes)} · {formatRate(progress.bytesPerSecond)} · {formatDuration(progress.etaSeconds)}
            </p>
          ) : null}
        </div>
      ) : null}
      {downloadsLeft === 0 && notice?.tone !== 'error' ? <Notice tone="info">{LIMIT_REACHED}</Notice> : null}
      {notice ? <Notice tone={notice.tone}>{notice.text}</Notice> : null}
    </div>
  );
}
