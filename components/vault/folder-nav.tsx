'use client';

import type { ReactNode } from 'react';
import type { VaultTree } from '@/lib/client/folders/tree';
import { DROP_HIGHLIGHT, useDropTarget } from './drag-move';

/** A step above the open folder: a button, and a drop target for dragged items (drag-move.tsx). */
function Crumb({ folderId, title, className, onOpen, children }: { folderId: string | null; title?: string; className: string; onOpen: () => void; children: ReactNode }) {
  const drop = useDropTarget(folderId);
  return (
    <button type="button" title={title} onClick={onOpen} {...drop.props} data-drop-over={drop.over || undefined}
      className={`inline-flex min-h-11 min-w-11 items-center justify-center rounded px-1 text-indigo-800 underline sm:min-h-0 sm:min-w-0 ${drop.over ? DROP_HIGHLIGHT : ''} ${className}`}>
      {children}
    </button>
  );
}

/**
 * Where the list is: a breadcrumb from "My files" down to the open folder.
 * A shared folder's view has no "My files" above it (`rootLabel` null): its
 * path starts at the shared folder.
 */
export function Breadcrumb({ tree, folderId, onOpen, rootLabel = 'My files' }: {
  tree: VaultTree; folderId: string | null; onOpen: (id: string | null) => void; rootLabel?: string | null;
}) {
  const path = tree.pathTo(folderId);
  return (
    <nav aria-label="Folder path">
      <ol className="flex flex-wrap items-center gap-1 text-sm">
        {rootLabel === null ? null : (
          <li>
            {path.length === 0 ? <span aria-current="page" className="font-semibold">{rootLabel}</span>
              : <Crumb folderId={null} className="" onOpen={() => onOpen(null)}>{rootLabel}</Crumb>}
          </li>
        )}
        {path.map((folder, i) => (
          <li key={folder.id} className="flex min-w-0 items-center gap-1">
            {rootLabel === null && i === 0 ? null : <span aria-hidden="true" className="text-slate-400">/</span>}
            {i === path.length - 1 ? <span aria-current="page" className="max-w-[14rem] truncate font-semibold" title={folder.name}>{folder.name}</span>
              : <Crumb folderId={folder.id} title={folder.name} className="max-w-[10rem]" onOpen={() => onOpen(folder.id)}><span className="truncate">{folder.name}</span></Crumb>}
          </li>
        ))}
      </ol>
    </nav>
  );
}
