'use client';

import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import type { VaultFolder } from '@/lib/client/folders/tree';
import type { RowSelection } from './use-selection';

export type FolderAction = 'open' | 'rename' | 'move' | 'trash' | 'zip' | 'share' | 'link';

export function FolderRows({ folders, onAction, selection }: {
  folders: readonly VaultFolder[];
  onAction: (action: FolderAction, folder: VaultFolder) => void;
  selection?: RowSelection;
}) {
  if (folders.length === 0) return null;
  const small = 'px-3 py-1';
  return (
    <ul aria-label="Folders" className="divide-y divide-slate-100">
      {folders.map((folder) => (
        <li key={folder.id} aria-label={`Folder ${folder.name}`} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between">
          <div className="flex min-w-0 items-center gap-3">
          {selection ? (
            <Checkbox label={`Select ${folder.name}`} checked={selection.isSelected(`folder:${folder.id}`)} onToggle={(e) => selection.toggle(`folder:${folder.id}`, e.shiftKey)} />
          ) : null}
          <button type="button" onClick={() => onAction('open', folder)} className="flex min-h-11 min-w-0 items-center gap-2 rounded text-left font-medium text-indigo-900 hover:underline sm:min-h-9"
            aria-label={`Open folder ${folder.name}`}>
            <span aria-hidden="true">📁</span>
            <span className="truncate" title={folder.name}>{folder.name}</span>
          </button>
          </div>
          <div className="flex flex-wrap gap-1.5">
            <Button variant="secondary" className={small} onClick={() => onAction('zip', folder)} aria-label={`Download ${folder.name} as zip`}>Zip</Button>
            <Button variant="secondary" className={small} onClick={() => onAction('share', folder)} aria-label={`Share folder ${folder.name}`}>Share</Button>
            <Button variant="secondary" className={small} onClick={() => onAction('link', folder)} aria-label={`Create link to folder ${folder.name}`}>Link</Button>
            <Button variant="secondary" className={small} onClick={() => onAction('rename', folder)} aria-label={`Rename folder ${folder.name}`}>Rename</Button>
            <Button variant="secondary" className={small} onClick={() => onAction('move', folder)} aria-label={`Move folder ${folder.name}`}>Move</Button>
            <Button variant="secondary" className={`${small} text-rose-800`} onClick={() => onAction('trash', folder)} aria-label={`Move folder ${folder.name} to the trash`}>Trash</Button>
          </div>
        </li>
      ))}
    </ul>
  );
}
