'use client';

import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { ShareDialog } from '@/components/share/share-dialog';
import { SharedWithMe } from '@/components/share/shared-with-me';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { WorkingStatus } from '@/components/ui/progress';
import type { UnlockedVault } from '@/lib/client/account/vault-keys';
import { clientEnv } from '@/lib/client/env';
import { filesApi } from '@/lib/client/files/api';
import { sortAndFilter, type VaultFile } from '@/lib/client/files/file-list';
import { formatBytes, formatDate } from '@/lib/client/files/format';
import { fileErrorMessage, isAbort } from '@/lib/client/files/messages';
import { saveFile } from '@/lib/client/files/save-file';
import { UploadQueue } from '@/lib/client/files/upload-queue';
import { resumeUpload, startUpload } from '@/lib/client/files/upload-manager';
import { DeleteDialog } from './delete-dialog';
import { DownloadStatus, type ActiveDownload } from './download-status';
import { FileList, FileToolbar, SORTS, type FileAction } from './file-list';
import { LayersDialog } from './layers-dialog';
import { PreviewDialog } from './preview-dialog';
import { RenameDialog } from './rename-dialog';
import { ResumableUploads } from './resumable-uploads';
import { UploadList } from './upload-list';
import { UploadZone } from './upload-zone';
import { UsageMeter } from './usage-meter';
import { useVaultFiles } from './use-vault-files';

type OpenDialog = { kind: 'rename' | 'delete' | 'preview' | 'share' | 'layers'; file: VaultFile } | null;

export function VaultFiles({ vault }: { vault: UnlockedVault }) {
  const state = useVaultFiles(vault);
  const { added } = state;
  const [queue] = useState(() => new UploadQueue(
    (file, options) => startUpload(vault, file, { ...options, parallelism: clientEnv.NEXT_PUBLIC_UPLOAD_PARALLELISM }),
    (row) => void added(row),
  ));
  useEffect(() => () => queue.dispose(), [queue]);
  const uploads = useSyncExternalStore(queue.subscribe, queue.snapshot, queue.snapshot);
  // Re-read interrupted uploads whenever one of this page's uploads settles.
  const settled = uploads.filter((u) => u.status !== 'queued' && u.status !== 'uploading').length;

  const [query, setQuery] = useState('');
  const [sort, setSort] = useState('date-desc');
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [downloads, setDownloads] = useState<ActiveDownload[]>([]);
  const [notice, setNotice] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);

  const shown = useMemo(() => {
    const s = SORTS[sort] ?? SORTS['date-desc']!;
    return sortAndFilter(state.files ?? [], query, s.key, s.direction);
  }, [state.files, query, sort]);

  const download = (file: VaultFile) => {
    const name = file.metadata.name;
    setNotice(null);
    setDownloads((list) => [...list, { id: file.id, name, progress: null }]);
    // saveFile is called straight from the click: the save dialog needs the gesture.
    saveFile(file, {
      onProgress: (progress) => setDownloads((list) => list.map((d) => (d.id === file.id ? { ...d, progress } : d))),
    }).then(
      () => setNotice({ tone: 'success', text: `${name} was decrypted and saved.` }),
      (e: unknown) => {
        if (!isAbort(e)) setNotice({ tone: 'error', text: fileErrorMessage(e, `download ${name}`) });
      },
    ).finally(() => setDownloads((list) => list.filter((d) => d.id !== file.id)));
  };

  const onAction = (action: FileAction, file: VaultFile) => {
    if (action === 'download') download(file);
    else setDialog({ kind: action, file });
  };

  const closeDialog = () => setDialog(null);
  const busyIds = useMemo(() => new Set(downloads.map((d) => d.id)), [downloads]);

  return (
    <div className="space-y-6">
      <UsageMeter usage={state.usage} />
      <UploadZone onFiles={(files) => queue.add(files)} />
      <ResumableUploads
        vault={vault}
        refresh={settled}
        onResume={(id, file) => queue.add([file], (f, options) => resumeUpload(vault, id, f, { ...options, parallelism: clientEnv.NEXT_PUBLIC_UPLOAD_PARALLELISM }))}
      />
      <UploadList items={uploads} onCancel={(key) => queue.cancel(key)} onClear={() => queue.clearFinished()} />
      <DownloadStatus downloads={downloads} />
      {notice ? <Notice tone={notice.tone}>{notice.text}</Notice> : null}

      <section aria-labelledby="files-title" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
        <h2 id="files-title" className="text-base font-semibold">Your files</h2>
        {state.loadError ? <Notice tone="error">{state.loadError}</Notice> : null}
        {state.files === null && !state.loadError ? <WorkingStatus message="Decrypting your file list…" /> : null}
        {state.files !== null ? (
          <>
            <FileToolbar query={query} onQuery={setQuery} sort={sort} onSort={setSort} />
            <FileList files={shown} total={state.files.length} busyIds={busyIds} onAction={onAction} />
          </>
        ) : null}
        {state.unreadable.length > 0 ? (
          <div role="alert" className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
            <p>{state.unreadable.length === 1 ? 'One file' : `${state.unreadable.length} files`} could not be opened with your keys: the stored data was altered or damaged.</p>
            <ul className="space-y-1">
              {state.unreadable.map((f) => (
                <li key={f.id} className="flex items-center justify-between gap-2">
                  <span>Unreadable file, {formatBytes(f.ciphertextSize)}, {formatDate(f.createdAt)}</span>
                  <Button variant="secondary" className="px-3 py-1" aria-label={`Delete unreadable file from ${formatDate(f.createdAt)}`}
                    onClick={() => void filesApi.remove(f.id).then(() => state.removed(f.id), (e: unknown) => setNotice({ tone: 'error', text: fileErrorMessage(e, 'delete the file') }))}>
                    Delete
                  </Button>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>

      <SharedWithMe vault={vault} />

      {dialog?.kind === 'rename' ? <RenameDialog file={dialog.file} onClose={closeDialog} onRenamed={(f) => (state.replaced(f), closeDialog())} /> : null}
      {dialog?.kind === 'delete' ? <DeleteDialog file={dialog.file} onClose={closeDialog} onDeleted={(id) => (state.removed(id), closeDialog())} /> : null}
      {dialog?.kind === 'preview' ? <PreviewDialog file={dialog.file} onClose={closeDialog} /> : null}
      {dialog?.kind === 'share' ? (
        <ShareDialog vault={vault} file={dialog.file} onClose={closeDialog} onReplaced={(oldId, file) => {
          // The dialog stays open on the file under its new id.
          state.swapped(oldId, file);
          setDialog((d) => (d?.kind === 'share' && d.file.id === oldId ? { kind: 'share', file } : d));
        }} />
      ) : null}
      {dialog?.kind === 'layers' ? <LayersDialog file={dialog.file} onClose={closeDialog} /> : null}
    </div>
  );
}
