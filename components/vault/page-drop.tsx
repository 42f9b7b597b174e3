'use client';

// Drop files anywhere on the page to upload them into the open folder
// (issue 11). A drag from the desktop that enters the window shows a
// full-page overlay naming the folder; a dropped folder keeps its tree.
// Row drags (moves) carry no "Files" and are left alone ([Note: drag types]
// in drag-move.tsx).
import { useEffect, useRef, useState } from 'react';
import { Upload } from 'lucide-react';
import { filesFromDrop, hasFolders, type PathedFile } from '@/lib/client/folders/folder-upload';

const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

export function PageDrop({ folderName, enabled, onFiles, onFolder }: {
  /** Where the files would go ("My files", "Receipts"). */
  folderName: string;
  /** Off while a dialog is open or the trash is shown: a drop then uploads nothing. */
  enabled: boolean;
  onFiles: (files: File[]) => void;
  onFolder: (files: PathedFile[]) => void;
}) {
  const [over, setOver] = useState(false);
  // The listeners are added once; they read the latest props from here.
  const latest = useRef({ enabled, onFiles, onFolder });
  useEffect(() => {
    latest.current = { enabled, onFiles, onFolder };
  });

  useEffect(() => {
    const onEnterOrOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      // A file dropped anywhere would otherwise make the browser open it and leave the vault.
      event.preventDefault();
      if (!latest.current.enabled) {
        event.dataTransfer!.dropEffect = 'none';
        return;
      }
      event.dataTransfer!.dropEffect = 'copy';
      setOver(true);
    };
    // relatedTarget is null only when the drag leaves the window (or the drop ends it).
    const onLeave = (event: DragEvent) => {
      if (event.relatedTarget === null) setOver(false);
    };
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      setOver(false);
      const { enabled: on, onFiles: files, onFolder: folder } = latest.current;
      if (!on) return;
      // filesFromDrop reads the items now, during the event; the walk of folders comes after.
      void filesFromDrop(event.dataTransfer!).then((pathed) => {
        if (hasFolders(pathed)) folder(pathed);
        else if (pathed.length > 0) files(pathed.map((p) => p.file));
      });
    };
    const onEnd = () => setOver(false);
    window.addEventListener('dragenter', onEnterOrOver);
    window.addEventListener('dragover', onEnterOrOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    window.addEventListener('dragend', onEnd);
    return () => {
      window.removeEventListener('dragenter', onEnterOrOver);
      window.removeEventListener('dragover', onEnterOrOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
      window.removeEventListener('dragend', onEnd);
    };
  }, []);

  if (!over || !enabled) return null;
  return (
    // pointer-events-none: the drop lands on the page under it, and the window listener takes it.
    <div data-testid="page-drop" className="pointer-events-none fixed inset-0 z-50 flex items-center justify-center bg-black/40 p-6">
      <div className="flex max-w-full flex-col items-center gap-3 rounded-2xl border-2 border-dashed border-indigo-600 bg-surface px-8 py-10 text-center shadow-xl">
        <Upload aria-hidden="true" className="size-10 text-indigo-700" />
        <p className="max-w-[20rem] truncate text-lg font-semibold" title={folderName}>Drop to upload to {folderName}</p>
        <p className="text-sm text-slate-600">Files and their names are encrypted in this browser before upload.</p>
      </div>
    </div>
  );
}

/** In an empty folder, where the big drop area used to be: a short hint that dropping works anywhere. */
export function EmptyDropHint({ text }: { text: string }) {
  return (
    <div className="flex flex-col items-center gap-2 rounded-xl border-2 border-dashed border-slate-300 px-4 py-8 text-center">
      <Upload aria-hidden="true" className="size-6 text-slate-500" />
      <p className="text-sm text-slate-700">{text}</p>
      <p className="text-xs text-slate-600">Drop files or folders anywhere on this page, or use Upload files.</p>
    </div>
  );
}
