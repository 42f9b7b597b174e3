'use client';

import { FileArchive, FolderInput, FolderOpen, Link2, Pencil, Share2, Trash2 } from 'lucide-react';
import { Checkbox } from '@/components/ui/checkbox';
import { RowContextMenu, RowMenuButton, type RowMenuItem } from '@/components/ui/row-menu';
import type { VaultFolder } from '@/lib/client/folders/tree';
import { DROP_HIGHLIGHT, useDragSource, useDropTarget } from './drag-move';
import { FolderIcon } from './file-kind-icon';
import type { RowSelection } from './use-selection';

export type FolderAction = 'open' | 'rename' | 'move' | 'trash' | 'zip' | 'share' | 'link';

export function folderMenu(folder: VaultFolder, onAction: (action: FolderAction, folder: VaultFolder) => void): RowMenuItem[] {
  const act = (action: FolderAction) => () => onAction(action, folder);
  return [
    { label: 'Open', icon: FolderOpen, onSelect: act('open') },
    { label: 'Download as zip', icon: FileArchive, onSelect: act('zip') },
    { label: 'Share', icon: Share2, onSelect: act('share') },
    { label: 'Create link', icon: Link2, onSelect: act('link') },
    { label: 'Rename', icon: Pencil, onSelect: act('rename') },
    { label: 'Move', icon: FolderInput, onSelect: act('move') },
    { label: 'Move to trash', icon: Trash2, danger: true, onSelect: act('trash') },
  ];
}

/** One folder row: opens on click, takes dragged files and folders (drag-move.tsx), can be dragged itself. */
function FolderRow({ folder, onAction, selection }: { folder: VaultFolder; onAction: (action: FolderAction, folder: VaultFolder) => void; selection?: RowSelection }) {
  const items = folderMenu(folder, onAction);
  const drag = useDragSource(`folder:${folder.id}`);
  const drop = useDropTarget(folder.id);
  return (
    <RowContextMenu name={`folder ${folder.name}`} items={items}>
      <li aria-label={`Folder ${folder.name}`} {...drag} {...drop.props} data-drop-over={drop.over || undefined}
        className={`flex items-center gap-2 rounded-lg py-2 data-[state=open]:bg-slate-50 ${drop.over ? DROP_HIGHLIGHT : ''}`}>
        {selection ? (
          <Checkbox label={`Select ${folder.name}`} checked={selection.isSelected(`folder:${folder.id}`)} onToggle={(e) => selection.toggle(`folder:${folder.id}`, e.shiftKey)} />
        ) : null}
        <button type="button" onClick={() => onAction('open', folder)} className="flex min-h-11 min-w-0 flex-1 items-center gap-2 rounded px-1 text-left font-medium text-indigo-900 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-700 sm:min-h-9"
          aria-label={`Open folder ${folder.name}`}>
          <FolderIcon />
          <span className="truncate" title={folder.name}>{folder.name}</span>
        </button>
        <RowMenuButton name={`folder ${folder.name}`} items={items} />
      </li>
    </RowContextMenu>
  );
}

export function FolderRows({ folders, onAction, selection }: {
  folders: readonly VaultFolder[];
  onAction: (action: FolderAction, folder: VaultFolder) => void;
  selection?: RowSelection;
}) {
  if (folders.length === 0) return null;
  return (
    <ul aria-label="Folders" className="divide-y divide-slate-100">
      {folders.map((folder) => <FolderRow key={folder.id} folder={folder} onAction={onAction} selection={selection} />)}
    </ul>
  );
}
