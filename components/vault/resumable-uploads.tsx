'use client';

import { useEffect, useId, useState } from 'react';
import { Button, buttonClass } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { ProgressBar } from '@/components/ui/progress';
import type { UnlockedVault } from '@/lib/client/account/vault-keys';
import { formatBytes } from '@/lib/client/files/format';
import { fileErrorMessage } from '@/lib/client/files/messages';
import { discardResumable, listResumable, type ParentResolver, type ResumableUpload } from '@/lib/client/files/upload/upload-manager';

function ResumeRow({ upload, onResume, onDiscard }: { upload: ResumableUpload; onResume: (file: File) => void; onDiscard: () => void }) {
  const id = useId();
  const [wrongFile, setWrongFile] = useState<string | null>(null);
  return (
    <li className="space-y-1.5 py-3" aria-label={upload.name}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="min-w-0 truncate text-sm font-medium" title={upload.name}>{upload.name}</span>
        <div className="flex gap-1.5">
          {/* The browser cannot reopen a file by itself after a reload: the user picks it again. */}
          <input
            id={id}
            type="file"
            className="peer sr-only"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (!file) return;
              // Checked here, before anything starts, so the offer stays for the right file.
              if (file.name !== upload.name || file.size !== upload.size) {
                setWrongFile(`“${file.name}” is not the file that was being uploaded. To resume, pick “${upload.name}” (${formatBytes(upload.size)}) again, or discard this upload.`);
                return;
              }
              setWrongFile(null);
              onResume(file);
            }}
          />
          <label htmlFor={id} aria-label={`Pick ${upload.name} again to resume`} className={buttonClass('primary', 'cursor-pointer px-3 py-1 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-indigo-700')}>
            Resume…
          </label>
          <Button variant="secondary" className="px-3 py-1" onClick={onDiscard} aria-label={`Discard upload of ${upload.name}`}>Discard</Button>
        </div>
      </div>
      <ProgressBar label={`Interrupted upload of ${upload.name}`} value={upload.uploadedBytes} max={upload.ciphertextSize} />
      <p className="text-xs text-slate-600">Interrupted · {formatBytes(upload.uploadedBytes)} of {formatBytes(upload.ciphertextSize)} sent · pick the same file to continue</p>
      {wrongFile ? <p role="alert" className="text-sm text-rose-800">{wrongFile}</p> : null}
    </li>
  );
}

/**
 * Uploads interrupted on this device (a reload, a crash, a long outage). Their
 * state lives in this browser's IndexedDB (upload-manager.ts); picking the same
 * file again continues from the parts the store already acknowledged.
 */
export function ResumableUploads({ vault, refresh, onResume, resolveParent }: {
  vault: UnlockedVault;
  /** Changes whenever the list may have changed (an upload finished). */
  refresh: number;
  /** Opens uploads that were going into a folder; null until the tree is open. */
  resolveParent?: ParentResolver;
  onResume: (id: string, file: File) => void;
}) {
  const [uploads, setUploads] = useState<ResumableUpload[]>([]);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    listResumable(vault, resolveParent).then((list) => live && setUploads(list), () => {}); // informative only
    return () => {
      live = false;
    };
  }, [vault, refresh, resolveParent]);

  const shown = uploads.filter((u) => !hidden.has(u.id));
  if (shown.length === 0 && !error) return null;
  const hide = (id: string) => setHidden((set) => new Set([...set, id]));
  return (
    <section aria-labelledby="resumable-title" className="space-y-2 rounded-xl border border-amber-300 bg-amber-50/60 p-4">
      <h2 id="resumable-title" className="text-base font-semibold">Interrupted uploads</h2>
      {error ? <Notice tone="error">{error}</Notice> : null}
      <ul className="divide-y divide-amber-200">
        {shown.map((upload) => (
          <ResumeRow
            key={upload.id}
            upload={upload}
            onResume={(file) => {
              hide(upload.id);
              onResume(upload.id, file);
            }}
            onDiscard={() => {
              hide(upload.id);
              discardResumable(vault, upload.id).catch((e: unknown) => setError(fileErrorMessage(e, 'discard the upload')));
            }}
          />
        ))}
      </ul>
    </section>
  );
}
