'use client';

import { useId } from 'react';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { TextField } from '@/components/ui/text-field';
import { formatBytes, formatDate } from '@/lib/client/files/format';
import type { SortDirection, SortKey, VaultFile } from '@/lib/client/files/file-list';
import { previewKind } from '@/lib/client/files/download/preview';
import type { RowSelection } from './use-selection';
import { plural } from '@/lib/shared/plural';

export type FileAction = 'download' | 'preview' | 'share' | 'layers' | 'rename' | 'move' | 'trash';

export const SORTS: Record<string, { label: string; key: SortKey; direction: SortDirection }> = {
  'date-desc': { label: 'Newest first', key: 'date', direction: 'desc' },
  'date-asc': { label: 'Oldest first', key: 'date', direction: 'asc' },
  'name-asc': { label: 'Name (A to Z)', key: 'name', direction: 'asc' },
  'name-desc': { label: 'Name (Z to A)', key: 'name', direction: 'desc' },
  'size-desc': { label: 'Largest first', key: 'size', direction: 'desc' },
  'size-asc': { label: 'Smallest first', key: 'size', direction: 'asc' },
};

export function FileToolbar({ query, onQuery, sort, onSort }: { query: string; onQuery: (q: string) => void; sort: string; onSort: (s: string) => void }) {
  const sortId = useId();
  return (
    <div className="grid gap-3 sm:grid-cols-[1fr_auto]">
      <TextField label="Search all folders" type="search" value={query} onChange={(e) => onQuery(e.target.value)} placeholder="Type part of a name" />
      <div className="space-y-1">
        <label htmlFor={sortId} className="block text-sm font-medium text-slate-800">Sort by</label>
        <select id={sortId} value={sort} onChange={(e) => onSort(e.target.value)} className="block min-h-11 w-full rounded-lg border border-slate-300 bg-surface px-3 py-2 text-sm shadow-sm sm:min-h-0">
          {Object.entries(SORTS).map(([value, s]) => <option key={value} value={value}>{s.label}</option>)}
        </select>
      </div>
    </div>
  );
}

function FileRow({ file, path, busy, onAction, selection }: {
  file: VaultFile; path?: string; busy: boolean; onAction: (action: FileAction, file: VaultFile) => void; selection?: RowSelection;
}) {
  const name = file.metadata.name;
  const small = 'px-3 py-1';
  return (
    <li className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between" aria-label={name}>
      <div className="flex min-w-0 items-center gap-3">
      {selection ? (
        <Checkbox label={`Select ${name}`} checked={selection.isSelected(`file:${file.id}`)} onToggle={(e) => selection.toggle(`file:${file.id}`, e.shiftKey)} />
      ) : null}
      <div className="min-w-0">
        <p className="truncate font-medium" title={name} data-testid="file-name">{name}</p>
        <p className="text-xs text-slate-600">
          <span>{formatBytes(file.metadata.size)}</span> · <span>{formatDate(file.createdAt)}</span>
          {path !== undefined ? <> · <span data-testid="file-path">in {path === '' ? 'My files' : path}</span></> : null}
        </p>
      </div>
      </div>
      <div className="flex flex-wrap gap-1.5">
        <Button className={small} disabled={busy} onClick={() => onAction('download', file)} aria-label={`Download ${name}`}>Download</Button>
        {previewKind(file) ? (
          <Button variant="secondary" className={small} onClick={() => onAction('preview', file)} aria-label={`Preview ${name}`}>Preview</Button>
        ) : null}
        <Button variant="secondary" className={small} onClick={() => onAction('share', file)} aria-label={`Share ${name}`}>Share</Button>
        <Button variant="secondary" className={small} onClick={() => onAction('layers', file)} aria-label={`Encryption layers of ${name}`}>Encryption layers</Button>
        <Button variant="secondary" className={small} onClick={() => onAction('rename', file)} aria-label={`Rename ${name}`}>Rename</Button>
        <Button variant="secondary" className={small} onClick={() => onAction('move', file)} aria-label={`Move ${name}`}>Move</Button>
        <Button variant="secondary" className={`${small} text-rose-800`} onClick={() => onAction('trash', file)} aria-label={`Move ${name} to the trash`}>Trash</Button>
      </div>
    </li>
  );
}

export function FileList({ files, total, busyIds, onAction, paths, selection, emptyText = 'No files yet. Upload one above.' }: {
  files: readonly VaultFile[];
  total: number;
  busyIds: ReadonlySet<string>;
  onAction: (action: FileAction, file: VaultFile) => void;
  /** Search results: the folder each file is in. */
  paths?: ReadonlyMap<string, string>;
  selection?: RowSelection;
  emptyText?: string;
}) {
  if (total === 0) return <p className="text-sm text-slate-600">{emptyText}</p>;
  return (
    <>
      <p className="text-xs text-slate-600" aria-live="polite">
        {paths ? `${plural(files.length, { one: '# match', other: '# matches' })} in all folders` : plural(files.length, { one: '# file', other: '# files' })}
      </p>
      <ul aria-label="Your files" className="divide-y divide-slate-100">
        {files.map((file) => <FileRow key={file.id} file={file} path={paths?.get(file.id)} busy={busyIds.has(file.id)} onAction={onAction} selection={selection} />)}
      </ul>
    </>
  );
}
