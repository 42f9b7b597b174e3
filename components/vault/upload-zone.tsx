'use client';

import { useEffect, useId, useState } from 'react';

/** File picker (several files) and a drop area; both hand plain File objects up. */
export function UploadZone({ onFiles }: { onFiles: (files: File[]) => void }) {
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
        const files = Array.from(e.dataTransfer.files);
        if (files.length > 0) onFiles(files);
      }}
      className={`flex flex-col items-center gap-3 rounded-xl border-2 border-dashed p-6 text-center transition-colors ${over ? 'border-indigo-600 bg-indigo-50' : 'border-slate-300 bg-white'}`}
    >
      <p className="text-sm text-slate-700">Drop files here, or</p>
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
        className="cursor-pointer rounded-lg bg-indigo-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-800 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-indigo-700"
      >
        Choose files
      </label>
      <p className="text-xs text-slate-600">Files and their names are encrypted in this browser before upload.</p>
    </div>
  );
}
