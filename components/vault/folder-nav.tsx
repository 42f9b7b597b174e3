'use client';

import { useId } from 'react';
import { Button, buttonClass } from '@/components/ui/button';
import type { VaultTree } from '@/lib/client/folders/tree';

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
              : <button type="button" className="inline-flex min-h-11 min-w-11 items-center justify-center rounded px-1 text-indigo-800 underline sm:min-h-0 sm:min-w-0" onClick={() => onOpen(null)}>{rootLabel}</button>}
          </li>
        )}
        {path.map((folder, i) => (
          <li key={folder.id} className="flex min-w-0 items-center gap-1">
            {rootLabel === null && i === 0 ? null : <span aria-hidden="true" className="text-slate-400">/</span>}
            {i === path.length - 1 ? <span aria-current="page" className="max-w-[14rem] truncate font-semibold" title={folder.name}>{folder.name}</span>
              : <button type="button" className="inline-flex min-h-11 min-w-11 max-w-[10rem] items-center justify-center rounded px-1 text-indigo-800 underline sm:min-h-0 sm:min-w-0" title={folder.name} onClick={() => onOpen(folder.id)}><span className="truncate">{folder.name}</span></button>}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** New folder, and a folder picker whose files keep their tree (webkitdirectory). */
export function FolderActions({ onNewFolder, onFolderPicked, disabled }: { onNewFolder: () => void; onFolderPicked: (files: File[]) => void; disabled: boolean }) {
  const id = useId();
  return (
    <div className="flex flex-wrap gap-2">
      <Button variant="secondary" className="px-3 py-1.5" onClick={onNewFolder} disabled={disabled}>New folder</Button>
      <input
        id={id}
        type="file"
        className="peer sr-only"
        // React does not know these attributes; the browser does.
        {...{ webkitdirectory: '', directory: '' }}
        multiple
        disabled={disabled}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (files.length > 0) onFolderPicked(files);
        }}
      />
      <label htmlFor={id} className={buttonClass('secondary', 'cursor-pointer px-3 py-1.5 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-slate-700')}>
        Upload folder
      </label>
    </div>
  );
}
