'use client';

// The grid layout of the files section (issue 11): cards, folders first, each
// with a square preview (a thumbnail when one is given, else an icon of the
// file's kind), the name cut to one line with the whole name in title, the
// size, a checkbox, the "⋯" menu and the same context menu as the list.
// The lists keep the list view's names ("Folders", "Your files") and each
// card is a listitem named like its row, so both layouts read alike.
import { useId, type ReactNode } from 'react';
import { Checkbox } from '@/components/ui/checkbox';
import { RowContextMenu, RowMenuButton } from '@/components/ui/row-menu';
import { previewKind } from '@/lib/client/files/download/preview';
import type { VaultFile } from '@/lib/client/files/file-list';
import { formatBytes, formatDate } from '@/lib/client/files/format';
import type { VaultFolder } from '@/lib/client/folders/tree';
import { DROP_HIGHLIGHT, useDragSource, useDropTarget } from './drag-move';
import { fileMenu, type FileAction } from './file-list';
import { FileKindIcon, FolderIcon } from './file-kind-icon';
import { folderMenu, type FolderAction } from './folder-rows';
import type { RowSelection } from './use-selection';

/** Renders a file's picture inside its card's square; null or undefined keeps the kind icon. */
export type Thumbnail = (file: VaultFile) => ReactNode;

const GRID = 'grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4';
const CARD = 'relative flex min-w-0 flex-col rounded-xl border border-slate-200 bg-surface p-2 data-[state=open]:bg-slate-50';
const PREVIEW = 'flex aspect-square w-full items-center justify-center overflow-hidden rounded-lg bg-slate-50';
const OPEN = 'flex w-full min-w-0 flex-col gap-2 rounded-lg text-left focus-visible:outline-2 focus-visible:outline-indigo-700';
// Checkbox and menu sit over the preview's corners, on a surface chip so they stay visible over a thumbnail.
const CORNER = 'absolute top-3 rounded-lg bg-surface/90';

function FolderCard({ folder, onAction, selection }: { folder: VaultFolder; onAction: (action: FolderAction, folder: VaultFolder) => void; selection?: RowSelection }) {
  const items = folderMenu(folder, onAction);
  const drag = useDragSource(`folder:${folder.id}`);
  const drop = useDropTarget(folder.id);
  return (
    <RowContextMenu name={`folder ${folder.name}`} items={items}>
      <li aria-label={`Folder ${folder.name}`} {...drag} {...drop.props} data-drop-over={drop.over || undefined} className={`${CARD} ${drop.over ? DROP_HIGHLIGHT : ''}`}>
        <button type="button" onClick={() => onAction('open', folder)} aria-label={`Open folder ${folder.name}`} className={OPEN}>
          <span className={PREVIEW}><FolderIcon className="size-16" /></span>
          <span className="block min-h-11 truncate px-1 pt-1 font-medium text-indigo-900 sm:min-h-9" title={folder.name}>{folder.name}</span>
        </button>
        {selection ? (
          <span className={`${CORNER} left-3`}>
            <Checkbox label={`Select ${folder.name}`} checked={selection.isSelected(`folder:${folder.id}`)} onToggle={(e) => selection.toggle(`folder:${folder.id}`, e.shiftKey)} />
          </span>
        ) : null}
        <span className={`${CORNER} right-3`}><RowMenuButton name={`folder ${folder.name}`} items={items} /></span>
      </li>
    </RowContextMenu>
  );
}

function FileCard({ file, path, busy, onAction, selection, thumbnail }: {
  file: VaultFile; path?: string; busy: boolean; onAction: (action: FileAction, file: VaultFile) => void; selection?: RowSelection; thumbnail?: Thumbnail;
}) {
  const name = file.metadata.name;
  const items = fileMenu(file, busy, onAction);
  const open: FileAction = previewKind(file) ? 'preview' : 'download';
  const detailsId = useId();
  const drag = useDragSource(`file:${file.id}`);
  const picture = thumbnail?.(file);
  return (
    <RowContextMenu name={name} items={items}>
      <li aria-label={name} {...drag} className={CARD}>
        <button type="button" onClick={() => onAction(open, file)} disabled={open === 'download' && busy} aria-describedby={detailsId} className={OPEN}>
          {/* aria-hidden: the button is named by the file's name, whatever the thumbnail holds. */}
          <span aria-hidden="true" className={PREVIEW}>{picture ?? <FileKindIcon metadata={file.metadata} className="size-14" />}</span>
          <span className="block truncate px-1 pt-1 font-medium" title={name} data-testid="file-name">{name}</span>
        </button>
        <p id={detailsId} className="truncate px-1 text-xs text-slate-600">
          <span>{formatBytes(file.metadata.size)}</span> · <span>{formatDate(file.createdAt)}</span>
          {path !== undefined ? <> · <span data-testid="file-path">in {path === '' ? 'My files' : path}</span></> : null}
        </p>
        {selection ? (
          <span className={`${CORNER} left-3`}>
            <Checkbox label={`Select ${name}`} checked={selection.isSelected(`file:${file.id}`)} onToggle={(e) => selection.toggle(`file:${file.id}`, e.shiftKey)} />
          </span>
        ) : null}
        <span className={`${CORNER} right-3`}><RowMenuButton name={name} items={items} /></span>
      </li>
    </RowContextMenu>
  );
}

export function FolderGrid({ folders, onAction, selection }: {
  folders: readonly VaultFolder[]; onAction: (action: FolderAction, folder: VaultFolder) => void; selection?: RowSelection;
}) {
  if (folders.length === 0) return null;
  return (
    <ul aria-label="Folders" className={GRID}>
      {folders.map((folder) => <FolderCard key={folder.id} folder={folder} onAction={onAction} selection={selection} />)}
    </ul>
  );
}

export function FileGrid({ files, busyIds, onAction, paths, selection, thumbnail }: {
  files: readonly VaultFile[];
  busyIds: ReadonlySet<string>;
  onAction: (action: FileAction, file: VaultFile) => void;
  paths?: ReadonlyMap<string, string>;
  selection?: RowSelection;
  /** The slot for a decrypted thumbnail (another module makes them); the kind icon without it. */
  thumbnail?: Thumbnail;
}) {
  if (files.length === 0) return null;
  return (
    <ul aria-label="Your files" className={GRID}>
      {files.map((file) => <FileCard key={file.id} file={file} path={paths?.get(file.id)} busy={busyIds.has(file.id)} onAction={onAction} selection={selection} thumbnail={thumbnail} />)}
    </ul>
  );
}
