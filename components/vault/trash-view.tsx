'use client';

import { useState, type ReactNode } from 'react';
import { Trash2, Undo2 } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Notice } from '@/components/ui/notice';
import { RowContextMenu, RowMenuButton, type RowMenuItem } from '@/components/ui/row-menu';
import { formatBytes, formatDate } from '@/lib/client/files/format';
import type { TrashEntry } from '@/lib/client/folders/view';
import { ConfirmDialog } from './folder-dialogs';
import type { RowSelection } from './use-selection';
import { plural } from '@/lib/shared/plural';

function entryName(entry: TrashEntry): string {
  return entry.kind === 'folder' ? entry.folder.name : entry.file.metadata.name;
}

/** The trash: restore, delete forever, empty. Entries older than the retention are deleted by the server. */
export function TrashView({ entries, retentionDays, onRestore, onDeleteForever, onEmpty, selection, selectAll }: {
  entries: readonly TrashEntry[];
  retentionDays: number;
  onRestore: (entry: TrashEntry) => Promise<void>;
  onDeleteForever: (entry: TrashEntry) => Promise<void>;
  onEmpty: () => Promise<void>;
  selection?: RowSelection;
  /** The header checkbox, shown above the list. */
  selectAll?: ReactNode;
}) {
  const [confirm, setConfirm] = useState<{ kind: 'one'; entry: TrashEntry } | { kind: 'all' } | null>(null);
  const small = 'px-3 py-1';
  return (
    <section aria-label="Trash" className="space-y-3">
      <Notice tone="info">
        Items in the trash still count towards your storage. They are deleted for good after {plural(retentionDays, { one: '# day', other: '# days' })}.
        While a file is in the trash, its shares and links stop working; restoring brings them back.
      </Notice>
      {entries.length === 0 ? <p className="text-sm text-slate-600">The trash is empty.</p> : (
        <>
          <div className="flex flex-wrap items-center justify-between gap-2">
            {selectAll ?? <span />}
            <Button variant="danger" className={small} onClick={() => setConfirm({ kind: 'all' })}>Empty trash</Button>
          </div>
          <ul aria-label="Items in the trash" className="divide-y divide-slate-100">
            {entries.map((entry) => {
              const name = entryName(entry);
              const id = entry.kind === 'folder' ? entry.folder.id : entry.file.id;
              const items: RowMenuItem[] = [
                { label: 'Restore', icon: Undo2, onSelect: () => void onRestore(entry) },
                { label: 'Delete forever', icon: Trash2, danger: true, onSelect: () => setConfirm({ kind: 'one', entry }) },
              ];
              return (
                <RowContextMenu key={id} name={name} items={items}>
                <li aria-label={name} className="flex items-center gap-2 py-2 data-[state=open]:bg-slate-50">
                  {selection ? (
                    <Checkbox label={`Select ${name}`} checked={selection.isSelected(`${entry.kind}:${id}`)} onToggle={(e) => selection.toggle(`${entry.kind}:${id}`, e.shiftKey)} />
                  ) : null}
                  <div className="min-w-0 flex-1 px-1">
                    <p className="truncate font-medium" title={name}>{entry.kind === 'folder' ? <span aria-hidden="true">📁 </span> : null}{name}</p>
                    <p className="truncate text-xs text-slate-600">
                      {entry.kind === 'folder' ? `Folder with ${plural(entry.itemCount, { one: '# file', other: '# files' })}` : formatBytes(entry.file.metadata.size)}
                      {' · '}moved to the trash {formatDate(entry.trashedAt)}
                    </p>
                  </div>
                  <RowMenuButton name={name} items={items} />
                </li>
                </RowContextMenu>
              );
            })}
          </ul>
        </>
      )}
      {confirm ? (
        <ConfirmDialog
          title={confirm.kind === 'all' ? 'Empty the trash?' : `Delete ${entryName(confirm.entry)} forever?`}
          description={confirm.kind === 'all'
            ? 'Everything in the trash is removed from storage for good. This cannot be undone.'
            : 'It is removed from storage for good, with everything inside it. This cannot be undone.'}
          confirmLabel={confirm.kind === 'all' ? 'Empty trash' : 'Delete forever'}
          onConfirm={async () => {
            if (confirm.kind === 'all') await onEmpty();
            else await onDeleteForever(confirm.entry);
            setConfirm(null);
          }}
          onClose={() => setConfirm(null)}
        />
      ) : null}
    </section>
  );
}
