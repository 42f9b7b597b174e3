'use client';

import { useEffect, useId, useState } from 'react';
import { buttonClass } from '@/components/ui/button';
import { filesFromDrop, hasFolders, type PathedFile } from '@/lib/client/folders/folder-upload';

/** File picker (several files) and a drop area; a dropped folder keeps its tree (onFolder). */
export function UploadZone({ onFiles, onFolder }: { onFiles: (files: File[]) => void; onFolder?: (files: PathedFile[]) => void }) {
  const id = useId();
  const [over, setOver] = useState(false);

  // A file dropped just outside the zone would make the browser navigate to
  // it and leave the vault; swallow drops anywhere on the page.
  useEffect(() => {
    const stop = (event: DragEvent) => event.preventDefault();
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', stop);
    return () => {
      window.removeEventListener('dragover', stop);
      window.removeEventListener('drop', stop);
    };
  }, []);

  return (
    <div
      role="region"
      aria-label="Upload files"
      onDragEnter={(e) => (e.preventDefault(), setOver(true))}
      onDragOver={(e) => (e.preventDefault(), (e.dataTransfer.dropEffect = 'copy'))}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        if (onFolder) {
          void filesFromDrop(e.dataTransfer).then((pathed) => {
            if (hasFolders(pathed)) onFolder(pathed);
            else if (pathed.length > 0) onFiles(pathed.map((p) => p.file));
          });
          return;
        }
        const files = Array.from(e.dataTransfer.files);
        if (files.length > 0) onFiles(files);
      }}
      className={`flex flex-col items-center gap-3 rounded-xl border-2 border-dashed p-6 text-center transition-colors ${over ? 'border-indigo-600 bg-indigo-50' : 'border-slate-300 bg-surface'}`}
    >
      <p className="text-sm text-slate-700">Drop files or folders here, or</p>
      <input
        id={id}
        type="file"
        multiple
        className="peer sr-only"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = ''; // picking the same file again must fire change again
          if (files.length > 0) onFiles(files);
        }}
      />
      <label
        htmlFor={id}
        className={buttonClass('primary', 'cursor-pointer peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-indigo-700')}
      >
        Choose files
      </label>
      <p className="text-xs text-slate-600">Files and their names are encrypted in this browser before upload.</p>
    </div>
  );
}
