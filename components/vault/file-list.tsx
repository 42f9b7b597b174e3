'use client';

import { useId, type ReactNode } from 'react';
import { Download, FolderInput, HardDriveDownload, Layers, Pencil, Share2, Trash2 } from 'lucide-react';
import { Checkbox } from '@/components/ui/checkbox';
import { RowContextMenu, RowMenuButton, type RowMenuItem } from '@/components/ui/row-menu';
import { TextField } from '@/components/ui/text-field';
import { formatBytes, formatDate } from '@/lib/client/files/format';
import type { SortDirection, SortKey, VaultFile } from '@/lib/client/files/file-list';
import { previewKind } from '@/lib/client/files/download/preview';
import { useDragSource } from './drag-move';
import { FileThumbnail } from './file-thumbnail';
import type { RowSelection } from './use-selection';
import { plural } from '@/lib/shared/plural';

export type FileAction = 'download' | 'download-to' | 'preview' | 'share' | 'layers' | 'rename' | 'move' | 'trash';

export const SORTS: Record<string, { label: string; key: SortKey; direction: SortDirection }> = {
  'date-desc': { label: 'Newest first', key: 'date', direction: 'desc' },
  'date-asc': { label: 'Oldest first', key: 'date', direction: 'asc' },
  'name-asc': { label: 'Name (A to Z)', key: 'name', direction: 'asc' },
  'name-desc': { label: 'Name (Z to A)', key: 'name', direction: 'desc' },
  'size-desc': { label: 'Largest first', key: 'size', direction: 'desc' },
  'size-asc': { label: 'Smallest first', key: 'size', direction: 'asc' },
};

/** The search over all folders; the sort is in the toolbar (files-toolbar.tsx). */
export function FileToolbar({ query, onQuery }: { query: string; onQuery: (q: string) => void }) {
  return <TextField label="Search all folders" type="search" value={query} onChange={(e) => onQuery(e.target.value)} placeholder="Type part of a name" />;
}

export function fileMenu(file: VaultFile, busy: boolean, onAction: (action: FileAction, file: VaultFile) => void): RowMenuItem[] {
  const act = (action: FileAction) => () => onAction(action, file);
  return [
    { label: 'Download', icon: Download, disabled: busy, onSelect: act('download') },
    { label: 'Download to…', icon: HardDriveDownload, disabled: busy, onSelect: act('download-to') },
    { label: 'Share', icon: Share2, onSelect: act('share') },
    { label: 'Encryption layers', icon: Layers, onSelect: act('layers') },
    { label: 'Rename', icon: Pencil, onSelect: act('rename') },
    { label: 'Move', icon: FolderInput, onSelect: act('move') },
    { label: 'Move to trash', icon: Trash2, danger: true, onSelect: act('trash') },
  ];
}

function FileRow({ file, path, busy, onAction, selection }: {
  file: VaultFile; path?: string; busy: boolean; onAction: (action: FileAction, file: VaultFile) => void; selection?: RowSelection;
}) {
  const name = file.metadata.name;
  const items = fileMenu(file, busy, onAction);
  // The name opens the preview; a file the browser cannot show is downloaded instead, as a file manager opens it.
  const open: FileAction = previewKind(file) ? 'preview' : 'download';
  const detailsId = useId();
  const drag = useDragSource(`file:${file.id}`);
  return (
    <RowContextMenu name={name} items={items}>
      <li className="flex items-center gap-2 py-2 data-[state=open]:bg-slate-50" aria-label={name} {...drag}>
        {selection ? (
          <Checkbox label={`Select ${name}`} checked={selection.isSelected(`file:${file.id}`)} onToggle={(e) => selection.toggle(`file:${file.id}`, e.shiftKey)} />
        ) : null}
        <FileThumbnail file={file} />
        <div className="min-w-0 flex-1 px-1">
          <button type="button" onClick={() => onAction(open, file)} disabled={open === 'download' && busy} aria-describedby={detailsId}
            className="flex min-h-11 max-w-full items-center rounded text-left font-medium hover:underline focus-visible:outline-2 focus-visible:outline-indigo-700 sm:min-h-7">
            <span className="truncate" title={name} data-testid="file-name">{name}</span>
          </button>
          <p id={detailsId} className="truncate text-xs text-slate-600">
            <span>{formatBytes(file.metadata.size)}</span> · <span>{formatDate(file.createdAt)}</span>
            {path !== undefined ? <> · <span data-testid="file-path">in {path === '' ? 'My files' : path}</span></> : null}
          </p>
        </div>
        <RowMenuButton name={name} items={items} />
      </li>
    </RowContextMenu>
  );
}

export function FileList({ files, total, busyIds, onAction, paths, selection, emptyText = 'No files yet. Upload one above.', children }: {
  files: readonly VaultFile[];
  total: number;
  busyIds: ReadonlySet<string>;
  onAction: (action: FileAction, file: VaultFile) => void;
  /** Search results: the folder each file is in. */
  paths?: ReadonlyMap<string, string>;
  selection?: RowSelection;
  emptyText?: string;
  /** Another layout of the same files (the grid); the list's rows otherwise. */
  children?: ReactNode;
}) {
  if (total === 0) return <p className="text-sm text-slate-600">{emptyText}</p>;
  if (files.length === 0) return null; // only folders here: their list is all there is
  return (
    <>
      <p className="text-xs text-slate-600" aria-live="polite">
        {paths ? `${plural(files.length, { one: '# match', other: '# matches' })} in all folders` : plural(files.length, { one: '# file', other: '# files' })}
      </p>
      {children ?? (
        <ul aria-label="Your files" className="divide-y divide-slate-100">
          {files.map((file) => <FileRow key={file.id} file={file} path={paths?.get(file.id)} busy={busyIds.has(file.id)} onAction={onAction} selection={selection} />)}
        </ul>
      )}
    </>
  );
}
