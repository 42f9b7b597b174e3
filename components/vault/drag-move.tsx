'use client';

// Drag files and folders onto a folder to move them (issue 11), with native
// HTML5 drag and drop. The Move dialog stays the keyboard way to do the same.
//
// [Note: drag types] An internal drag carries ITEMS_TYPE (the dragged keys,
// "file:<id>" / "folder:<id>") and never "Files"; a drag from the desktop
// carries "Files" and never ITEMS_TYPE. Each drop target looks at the types
// only, so a row drag never starts an upload and a desktop drag never moves.
import { createContext, useContext, useState, type DragEvent } from 'react';

export const ITEMS_TYPE = 'application/x-twofold-items';

export interface DragMove {
  /** The keys a drag starting on `key` carries: the whole selection when that row is in it. */
  itemsFor: (key: string) => string[];
  /** Dropped on a folder (null: the top of My files). */
  onDrop: (keys: string[], targetFolderId: string | null) => void;
}

const DragMoveContext = createContext<DragMove | null>(null);
export const DragMoveProvider = DragMoveContext.Provider;

export const isItemDrag = (event: DragEvent) => event.dataTransfer.types.includes(ITEMS_TYPE);

/** Props that make a row draggable; none where no provider is (shared views). */
export function useDragSource(key: string): { draggable?: true; onDragStart?: (event: DragEvent) => void } {
  const drag = useContext(DragMoveContext);
  if (!drag) return {};
  return {
    draggable: true,
    onDragStart: (event) => {
      const keys = drag.itemsFor(key);
      event.dataTransfer.setData(ITEMS_TYPE, JSON.stringify(keys));
      event.dataTransfer.effectAllowed = 'move';
    },
  };
}

/** A folder row, card or breadcrumb step that takes dropped items; `over` is true while items hover it. */
export function useDropTarget(folderId: string | null): {
  over: boolean;
  props: { onDragOver?: (e: DragEvent) => void; onDragLeave?: (e: DragEvent) => void; onDrop?: (e: DragEvent) => void };
} {
  const drag = useContext(DragMoveContext);
  const [over, setOver] = useState(false);
  if (!drag) return { over: false, props: {} };
  return {
    over,
    props: {
      onDragOver: (event) => {
        if (!isItemDrag(event)) return; // [Note: drag types]
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        if (!over) setOver(true);
      },
      onDragLeave: (event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(false);
      },
      onDrop: (event) => {
        if (!isItemDrag(event)) return;
        event.preventDefault();
        event.stopPropagation();
        setOver(false);
        let keys: unknown;
        try {
          keys = JSON.parse(event.dataTransfer.getData(ITEMS_TYPE));
        } catch {
          return; // not ours after all
        }
        if (Array.isArray(keys) && keys.every((k) => typeof k === 'string')) drag.onDrop(keys, folderId);
      },
    },
  };
}

/** The highlight of a drop target while items hover it. */
export const DROP_HIGHLIGHT = 'bg-indigo-50 ring-2 ring-indigo-600';
