'use client';

import { useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useVault } from '@/components/account/vault-provider';
import { FolderLinkDialog } from '@/components/share/folder-link-dialog';
import { ShareDialog } from '@/components/share/share-dialog';
import { FolderShareDialog } from '@/components/share/folder-share-dialog';
import { SharedFolders } from '@/components/share/shared-folders';
import { SharedWithMe } from '@/components/share/shared-with-me';
import { VIEW_TITLES, vaultView } from '@/components/shell/nav-items';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { useToast } from '@/components/ui/toast';
import { WorkingStatus } from '@/components/ui/progress';
import type { UnlockedVault } from '@/lib/client/account/vault-keys';
import { clientEnv } from '@/lib/client/env';
import { filesApi } from '@/lib/client/files/api';
import { foldersApi } from '@/lib/client/folders/api';
import { sortAndFilter, type VaultFile } from '@/lib/client/files/file-list';
import { formatBytes, formatDate } from '@/lib/client/files/format';
import { fileErrorMessage } from '@/lib/client/files/messages';
import { resumeUpload, startUpload, type UploadPlace } from '@/lib/client/files/upload/upload-manager';
import { FolderError, createFolder, deleteForever, ensureFolderPath, moveItems, renameFolder, restoreItems, trashItems, type MovableItem } from '@/lib/client/folders/actions';
import { filesFromDirectoryInput, type PathedFile } from '@/lib/client/folders/folder-upload';
import type { VaultFolder } from '@/lib/client/folders/tree';
import { filesIn, foldersIn, searchFiles, trashEntries, type TrashEntry } from '@/lib/client/folders/view';
import { FolderNameDialog, MoveDialog } from './folder-dialogs';
import { Breadcrumb } from './folder-nav';
import { FolderRows, type FolderAction } from './folder-rows';
import { TrashView } from './trash-view';
import { DownloadStatus, type ActiveDownload } from './download-status';
import { startFileDownload } from './use-file-downloads';
import { FileThumbnail } from './file-thumbnail';
import { FileKindIcon } from './file-kind-icon';
import { FileList, FileToolbar, SORTS, type FileAction } from './file-list';
import { FileGrid, FolderGrid } from './file-grid';
import { FilesToolbar } from './files-toolbar';
import { DragMoveProvider } from './drag-move';
import { useDropMove } from './use-drop-move';
import { EmptyDropHint, PageDrop } from './page-drop';
import { useViewMode } from './view-mode';
import { LayersDialog } from './layers-dialog';
import { PreviewDialog } from './preview-dialog';
import { RenameDialog } from './rename-dialog';
import { ResumableUploads } from './resumable-uploads';
import { UsageMeter } from './usage-meter';
import { VaultShortcuts } from './vault-shortcuts';
import { useVaultFiles } from './use-vault-files';
import { SelectAll, SelectionBar, itemCount } from './selection-bar';
import { useBulkActions, type SelectedItem } from './use-bulk-actions';
import { useSelection } from './use-selection';
import { plural } from '@/lib/shared/plural';

type OpenDialog =
  | { kind: 'rename' | 'preview' | 'share' | 'layers'; file: VaultFile }
  | { kind: 'move'; items: MovableItem[]; what: string }
  | { kind: 'new-folder' }
  | { kind: 'rename-folder' | 'share-folder' | 'link-folder'; folder: VaultFolder }
  | null;

const TRASH_DAYS = 30;

function movable(item: VaultFile | VaultFolder): MovableItem {
  return 'fileKey' in item
    ? { kind: 'file', id: item.id, parent: item.parent, wrappedKey: item.wrappedFileKey }
    : { kind: 'folder', id: item.id, parent: item.parent, wrappedKey: item.wrappedFolderKey };
}

/** Grey rows where the toolbar and the first files will be, while the list decrypts. */
function ListSkeleton() {
  return (
    <div aria-hidden="true" className="animate-pulse space-y-3">
      <div className="h-11 rounded-lg bg-slate-100" />
      <div className="h-16 rounded-lg bg-slate-100" />
      {[0, 1, 2].map((i) => <div key={i} className="h-14 rounded-lg bg-slate-100" />)}
    </div>
  );
}

export function VaultFiles({ vault }: { vault: UnlockedVault }) {
  const state = useVaultFiles(vault);
  const { added } = state;
  const { uploads: queue } = useVault();
  useEffect(() => queue.onUploaded((row) => void added(row)), [queue, added]);
  const uploads = useSyncExternalStore(queue.subscribe, queue.snapshot, queue.snapshot);
  // Re-read interrupted uploads whenever one of this page's uploads settles.
  const settled = uploads.filter((u) => u.status !== 'queued' && u.status !== 'uploading').length;

  const [query, setQuery] = useState('');
  const [sort, setSort] = useState('date-desc');
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [downloads, setDownloads] = useState<ActiveDownload[]>([]);
  const [notice, setInlineNotice] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  // Successes are toasts that go by themselves; errors stay inline until the next action.
  const toast = useToast();
  const setNotice = useCallback((n: { tone: 'error' | 'success'; text: string } | null) => {
    if (n?.tone === 'success') {
      setInlineNotice(null);
      if (n.text) toast(n.text);
    } else setInlineNotice(n);
  }, [toast]);
  const [folderId, setFolderId] = useState<string | null>(null);
  // The view is in the address (/vault?view=trash), set by the shell's links: this page stays mounted across views.
  const view = vaultView(useSearchParams().get('view'));
  const root = useRef<HTMLDivElement>(null);
  const [layout, setLayout] = useViewMode();
  const tree = state.tree;
  // A folder that went away (trashed elsewhere, moved into the trash) sends the view back to the top.
  const openFolder = tree && folderId !== null && !tree.isLive(folderId) ? null : folderId;

  const searching = query.trim() !== '';
  const hits = useMemo(() => (tree && searching ? searchFiles(tree, state.files ?? [], query) : []), [tree, state.files, query, searching]);
  const shown = useMemo(() => {
    const s = SORTS[sort] ?? SORTS['date-desc']!;
    if (searching) return sortAndFilter(hits.map((h) => h.file), '', s.key, s.direction);
    return sortAndFilter(filesIn(state.files ?? [], openFolder), '', s.key, s.direction);
  }, [state.files, sort, searching, hits, openFolder]);
  const paths = useMemo(() => (searching ? new Map(hits.map((h) => [h.file.id, h.path])) : undefined), [searching, hits]);
  // The tree is mutated in place when this page creates folders; treeVersion says when.
  const { treeVersion } = state;
  const subfolders = useMemo(() => (tree && !searching ? foldersIn(tree, openFolder) : []), [tree, openFolder, searching, treeVersion]); // eslint-disable-line react-hooks/exhaustive-deps
  const trash = useMemo(() => (tree ? trashEntries(tree, state.files ?? []) : []), [tree, state.files, treeVersion]); // eslint-disable-line react-hooks/exhaustive-deps

  // Multi-select (issue 10): keys in screen order, so shift-click ranges follow what is shown.
  const selectable = useMemo<Map<string, SelectedItem>>(() => new Map(view === 'trash'
    ? trash.map((e) => e.kind === 'folder'
      ? [`folder:${e.folder.id}`, { ref: { kind: 'folder', id: e.folder.id }, name: e.folder.name, restore: { ...movable(e.folder), parentId: e.folder.parentId } }]
      : [`file:${e.file.id}`, { ref: { kind: 'file', id: e.file.id }, name: e.file.metadata.name, restore: { ...movable(e.file), parentId: e.file.folderId } }])
    : [
      ...subfolders.map((f): [string, SelectedItem] => [`folder:${f.id}`, { ref: { kind: 'folder', id: f.id }, name: f.name }]),
      ...shown.map((f): [string, SelectedItem] => [`file:${f.id}`, { ref: { kind: 'file', id: f.id }, name: f.metadata.name }]),
    ]), [view, trash, subfolders, shown]);
  const selectableKeys = useMemo(() => [...selectable.keys()], [selectable]);
  const selection = useSelection(selectableKeys, `${view}|${openFolder}|${query}`);
  const selectedItems = [...selection.selected].map((k) => selectable.get(k)!);
  const bulk = useBulkActions({ tree, files: state.files ?? [], reload: state.reload, setNotice, setDownloads, done: selection.clear });
  const rowSelection = { isSelected: (k: string) => selection.selected.has(k), toggle: selection.toggle };
  const zipSelected = () => bulk.zip(
    { fileIds: selectedItems.filter((i) => i.ref.kind === 'file').map((i) => i.ref.id), folderIds: selectedItems.filter((i) => i.ref.kind === 'folder').map((i) => i.ref.id) },
    `${selectedItems.length === 1 ? selectedItems[0]!.name : (openFolder && tree?.folders.get(openFolder)?.name) || 'My files'}.zip`,
  );
  const moveSelected = () => {
    const items = selectedItems.flatMap((i) => {
      const item = i.ref.kind === 'folder' ? tree?.folders.get(i.ref.id) : state.files?.find((f) => f.id === i.ref.id);
      return item ? [movable(item)] : [];
    });
    setDialog({ kind: 'move', items, what: items.length === 1 ? selectedItems[0]!.name : itemCount(items.length) });
  };

  const resolveParent = useCallback((id: string | null) => tree?.parentFor(id) ?? null, [tree]);
  const place = (): UploadPlace | undefined => {
    const parent = tree?.parentFor(openFolder);
    return parent ? { folderId: openFolder, parent } : undefined;
  };
  const uploadTo = (files: File[], target: UploadPlace | undefined) =>
    queue.add(files, (f, options) => startUpload(vault, f, { ...options, parallelism: clientEnv.NEXT_PUBLIC_UPLOAD_PARALLELISM, place: target, resolveParent }));

  /** A folder upload: the tree is recreated under the open folder, then each file uploads into its folder. */
  const uploadFolder = async (pathed: PathedFile[]) => {
    if (!tree) return;
    setNotice(null);
    try {
      const byFolder = new Map<string, PathedFile[]>();
      for (const p of pathed) byFolder.set(p.folders.join('/'), [...(byFolder.get(p.folders.join('/')) ?? []), p]);
      // Parents before children, so each folder is created once.
      for (const key of [...byFolder.keys()].sort()) {
        const segments = key === '' ? [] : key.split('/');
        const target = await ensureFolderPath(tree, openFolder, segments);
        state.treeChanged();
        const parent = tree.parentFor(target);
        if (!parent) throw new FolderError('A folder could not be opened with your keys.');
        uploadTo(byFolder.get(key)!.map((p) => p.file), { folderId: target, parent });
      }
    } catch (e) {
      setNotice({ tone: 'error', text: fileErrorMessage(e, 'upload the folder') });
    }
  };

  const run = async (action: string, work: () => Promise<string>) => {
    setNotice(null);
    try {
      setNotice({ tone: 'success', text: await work() });
    } catch (e) {
      setNotice({ tone: 'error', text: fileErrorMessage(e, action) });
    } finally {
      state.reload();
    }
  };

  const onFolderAction = (action: FolderAction, folder: VaultFolder) => {
    if (action === 'open') {
      setFolderId(folder.id);
      setQuery('');
    } else if (action === 'zip') bulk.zip({ fileIds: [], folderIds: [folder.id] }, `${folder.name}.zip`);
    else if (action === 'rename') setDialog({ kind: 'rename-folder', folder });
    else if (action === 'share') setDialog({ kind: 'share-folder', folder });
    else if (action === 'link') setDialog({ kind: 'link-folder', folder });
    else if (action === 'move') setDialog({ kind: 'move', items: [movable(folder)], what: folder.name });
    else void run('move the folder to the trash', async () => {
      await trashItems([{ kind: 'folder', id: folder.id }]);
      return `${folder.name} and everything in it were moved to the trash.`;
    });
  };

  const restore = (entry: TrashEntry) => run('restore', async () => {
    if (!tree) return '';
    const item = entry.kind === 'folder'
      ? { ...movable(entry.folder), parentId: entry.folder.parentId }
      : { ...movable(entry.file), parentId: entry.file.folderId };
    const { toTop } = await restoreItems(tree, [item]);
    const name = entry.kind === 'folder' ? entry.folder.name : entry.file.metadata.name;
    return toTop > 0 ? `${name} was restored to My files: its folder is in the trash.` : `${name} was restored.`;
  });

  // Called straight from the click: the save dialog needs the gesture.
  const download = (file: VaultFile, ask = false) => startFileDownload(file, undefined, { setDownloads, setNotice }, { ask });

  const onAction = (action: FileAction, file: VaultFile) => {
    if (action === 'download') download(file);
    else if (action === 'download-to') download(file, true);
    else if (action === 'move') setDialog({ kind: 'move', items: [movable(file)], what: file.metadata.name });
    else if (action === 'trash') {
      void run('move the file to the trash', async () => {
        await trashItems([{ kind: 'file', id: file.id }]);
        return `${file.metadata.name} was moved to the trash.`;
      });
    } else setDialog({ kind: action, file });
  };

  // Files and folders dragged onto a folder (drag-move.tsx): the same move as the Move dialog's.
  const dragMove = useDropMove({ tree, files: state.files ?? [], selected: selection.selected, movable, move: (items, target, what) => {
    if (!tree) return;
    void run('move', async () => {
      await moveItems(tree, items, target);
      selection.clear();
      return `${what} ${plural(items.length, { one: 'was', other: 'were' })} moved to ${target === null ? 'My files' : tree.pathName(target)}.`;
    });
  } });

  const closeDialog = () => setDialog(null);
  const busyIds = useMemo(() => new Set(downloads.map((d) => d.id)), [downloads]);

  return (
    <div ref={root} className="space-y-6">
      {/* The page is titled by where the user is, as a file manager's window is. */}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 id="files-title" className="text-2xl font-bold tracking-tight">{VIEW_TITLES[view]}</h1>
        {view !== 'shared' ? (
          <VaultShortcuts root={root} view={view} onNewFolder={() => tree && !searching && setDialog({ kind: 'new-folder' })}
            onTrashSelected={() => selectedItems.length > 0 && void bulk.trash(selectedItems)} onClearSelection={selection.clear} />
        ) : null}
      </div>
      <UsageMeter usage={state.usage} />
      <PageDrop folderName={(openFolder && tree?.folders.get(openFolder)?.name) || 'My files'} enabled={view === 'files' && tree !== null && dialog === null}
        onFiles={(files) => uploadTo(files, place())} onFolder={(pathed) => void uploadFolder(pathed)} />
      <ResumableUploads
        vault={vault}
        refresh={settled}
        resolveParent={resolveParent}
        onResume={(id, file) => queue.add([file], (f, options) => resumeUpload(vault, id, f, { ...options, parallelism: clientEnv.NEXT_PUBLIC_UPLOAD_PARALLELISM, resolveParent }))}
      />
      <DownloadStatus downloads={downloads} />
      {notice ? <Notice tone={notice.tone}>{notice.text}</Notice> : null}
      <SelectionBar count={selection.selected.size} inTrash={view === 'trash'} busy={bulk.busy} onClear={selection.clear}
        onZip={zipSelected} onMove={moveSelected} onTrash={() => void bulk.trash(selectedItems)}
        onRestore={() => void bulk.restore(selectedItems)} onDeleteForever={() => bulk.remove(selectedItems)} />

      {/* min-h: the list's usual height is reserved before it decrypts, so what is below does not jump (CLS). */}
      {view === 'shared' ? <><SharedWithMe vault={vault} /><SharedFolders vault={vault} /></> : null}
      {view !== 'shared' ? <section aria-labelledby="files-title" className="min-h-80 space-y-3 rounded-xl border border-slate-200 bg-surface p-4">
        {state.loadError ? <Notice tone="error">{state.loadError}</Notice> : null}
        {state.files === null && !state.loadError ? <><WorkingStatus message="Decrypting your file list…" /><ListSkeleton /></> : null}
        {tree && tree.refused.length > 0 ? (
          <Notice tone="error">
            {plural(tree.refused.length, { one: 'One folder', other: '# folders' })} could not be opened: the server returned a folder whose key does not belong where it was placed.
            Its contents are not shown. This points to tampering with the stored data; nothing was decrypted from it.
          </Notice>
        ) : null}
        {state.files !== null && tree && view === 'trash' ? (
          <TrashView
            entries={trash}
            retentionDays={TRASH_DAYS}
            selection={rowSelection}
            selectAll={<SelectAll label="Select all in the trash" all={selection.allSelected} some={selection.someSelected} onToggle={selection.toggleAll} />}
            onRestore={restore}
            onDeleteForever={(entry) => run('delete forever', async () => {
              await deleteForever([entry.kind === 'folder' ? { kind: 'folder', id: entry.folder.id } : { kind: 'file', id: entry.file.id }]);
              return `${entry.kind === 'folder' ? entry.folder.name : entry.file.metadata.name} was deleted for good.`;
            })}
            onEmpty={() => run('empty the trash', async () => {
              const { files, folders } = await foldersApi.emptyTrash();
              return `The trash was emptied: ${plural(files, { one: '# file', other: '# files' })} and ${plural(folders, { one: '# folder', other: '# folders' })} deleted for good.`;
            })}
          />
        ) : null}
        {state.files !== null && tree && view === 'files' ? (
          <DragMoveProvider value={dragMove}>
            {searching ? <p className="text-sm font-semibold">Search results in all folders</p> : <Breadcrumb tree={tree} folderId={openFolder} onOpen={setFolderId} />}
            <FilesToolbar onFiles={(files) => uploadTo(files, place())} onFolderPicked={(files) => void uploadFolder(filesFromDirectoryInput(files))}
              onNewFolder={() => setDialog({ kind: 'new-folder' })} folderActionsDisabled={searching} view={layout} onView={setLayout} sort={sort} onSort={setSort} />
            <FileToolbar query={query} onQuery={setQuery} />
            {selectableKeys.length > 0 ? (
              <SelectAll label={searching ? 'Select all results' : 'Select all in this folder'} all={selection.allSelected} some={selection.someSelected} onToggle={selection.toggleAll} />
            ) : null}
            {layout === 'grid' ? <FolderGrid folders={subfolders} onAction={onFolderAction} selection={rowSelection} />
              : <FolderRows folders={subfolders} onAction={onFolderAction} selection={rowSelection} />}
            {!searching && shown.length + subfolders.length === 0 ? (
              <EmptyDropHint text={openFolder === null ? 'No files yet.' : 'This folder is empty.'} />
            ) : (
              <FileList files={shown} selection={rowSelection} total={searching ? shown.length : shown.length + subfolders.length} busyIds={busyIds} onAction={onAction} paths={paths}
                emptyText="No file in any folder matches the search.">
                {layout === 'grid' ? <FileGrid files={shown} selection={rowSelection} busyIds={busyIds} onAction={onAction} paths={paths}
                  thumbnail={(f) => <FileThumbnail file={f} fill fallback={<FileKindIcon metadata={f.metadata} className="size-14" />} />} /> : undefined}
              </FileList>
            )}
          </DragMoveProvider>
        ) : null}
        {state.unreadable.length > 0 ? (
          <div role="alert" className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
            <p>{plural(state.unreadable.length, { one: 'One file', other: '# files' })} could not be opened with your keys: the stored data was altered or damaged.</p>
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
      </section> : null}

      {dialog?.kind === 'rename' ? <RenameDialog file={dialog.file} onClose={closeDialog} onRenamed={(f) => (state.replaced(f), closeDialog())} /> : null}
      {dialog?.kind === 'new-folder' && tree ? (
        <FolderNameDialog title="New folder" submitLabel="Create folder" onClose={closeDialog} onSubmit={async (name) => {
          await createFolder(tree, openFolder, name);
          closeDialog();
          state.reload();
        }} />
      ) : null}
      {dialog?.kind === 'rename-folder' && tree ? (
        <FolderNameDialog title={`Rename folder ${dialog.folder.name}`} initial={dialog.folder.name} submitLabel="Save name" onClose={closeDialog} onSubmit={async (name) => {
          await renameFolder(tree, dialog.folder.id, name);
          closeDialog();
          state.reload();
        }} />
      ) : null}
      {dialog?.kind === 'move' && tree ? (
        <MoveDialog tree={tree} what={dialog.what} movingFolderIds={dialog.items.filter((i) => i.kind === 'folder').map((i) => i.id)} onClose={closeDialog}
          onMove={async (target) => {
            await moveItems(tree, dialog.items, target);
            closeDialog();
            selection.clear();
            setNotice({ tone: 'success', text: `${dialog.what} ${plural(dialog.items.length, { one: 'was', other: 'were' })} moved to ${target === null ? 'My files' : tree.pathName(target)}.` });
            state.reload();
          }} />
      ) : null}
      {dialog?.kind === 'preview' ? <PreviewDialog file={dialog.file} onClose={closeDialog} /> : null}
      {dialog?.kind === 'share' ? (
        <ShareDialog vault={vault} file={dialog.file} onClose={closeDialog} onReplaced={(oldId, file) => {
          // The dialog stays open on the file under its new id.
          state.swapped(oldId, file);
          setDialog((d) => (d?.kind === 'share' && d.file.id === oldId ? { kind: 'share', file } : d));
        }} />
      ) : null}
      {dialog?.kind === 'share-folder' ? <FolderShareDialog vault={vault} folder={dialog.folder} onClose={closeDialog} /> : null}
      {dialog?.kind === 'link-folder' ? <FolderLinkDialog folder={dialog.folder} onClose={closeDialog} /> : null}
      {dialog?.kind === 'layers' ? <LayersDialog file={dialog.file} onClose={closeDialog} /> : null}
    </div>
  );
}
