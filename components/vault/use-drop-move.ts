'use client';

import type { VaultFile } from '@/lib/client/files/file-list';
import type { MovableItem } from '@/lib/client/folders/actions';
import type { VaultFolder, VaultTree } from '@/lib/client/folders/tree';
import type { DragMove } from './drag-move';
import { itemCount } from './selection-bar';

/**
 * What the files section does with a drag (drag-move.tsx): a drag from a
 * selected row carries the selection; a drop resolves the keys to items,
 * leaves out the target itself and what is already in it, and hands the rest
 * to `move`, the same path as the Move dialog's.
 */
export function useDropMove({ tree, files, selected, movable, move }: {
  tree: VaultTree | null;
  files: readonly VaultFile[];
  selected: ReadonlySet<string>;
  movable: (item: VaultFile | VaultFolder) => MovableItem;
  /** `what` names the items for the message ("report.pdf", "3 items"). */
  move: (items: MovableItem[], target: string | null, what: string) => void;
}): DragMove {
  return {
    itemsFor: (key) => (selected.has(key) ? [...selected] : [key]),
    onDrop: (keys, target) => {
      if (!tree) return;
      const dropped = keys.flatMap((key) => {
        const [kind, id] = key.split(':') as ['file' | 'folder', string];
        const item = kind === 'folder' ? tree.folders.get(id) : files.find((f) => f.id === id);
        if (!item || (kind === 'folder' && id === target)) return [];
        const isFile = 'fileKey' in item;
        if ((isFile ? item.folderId : item.parentId) === target) return []; // already there
        return [{ item: movable(item), name: isFile ? item.metadata.name : item.name }];
      });
      if (dropped.length === 0) return;
      move(dropped.map((d) => d.item), target, dropped.length === 1 ? dropped[0]!.name : itemCount(dropped.length));
    },
  };
}
