'use client';

// The session's uploads in a corner tray (fixed bottom-right on wide screens,
// a sheet along the bottom on phones). The queue lives in VaultProvider, above
// every page of the signed-in area, and this tray is rendered by the shell in
// the same layout: an upload keeps running, and stays in view, while the user
// goes to Settings or Sharing and back.
import { ChevronDown, ChevronUp } from 'lucide-react';
import { useId, useState, useSyncExternalStore } from 'react';
import { useVault } from '@/components/account/vault-provider';
import { TOUCH_TARGET } from '@/components/ui/button';
import { ProgressBar } from '@/components/ui/progress';
import { UploadList } from '@/components/vault/upload-list';
import { overallProgress } from '@/lib/client/files/upload/upload-queue';
import { traySummary } from '@/lib/client/files/upload/upload-summary';

export function UploadTray() {
  const { uploads: queue } = useVault();
  const items = useSyncExternalStore(queue.subscribe, queue.snapshot, queue.snapshot);
  const [open, setOpen] = useState(true);
  const bodyId = useId();
  if (items.length === 0) return null;
  const overall = overallProgress(items);
  const summary = traySummary(items);
  return (
    <aside aria-label="Upload tray"
      className="fixed inset-x-0 bottom-0 z-40 rounded-t-xl border border-slate-200 bg-surface shadow-2xl md:inset-x-auto md:right-4 md:bottom-4 md:w-96 md:rounded-xl">
      <div className="flex items-center gap-3 px-4 py-2">
        {/* Collapsed, this line is the tray: it alone is live, so an open tray is not read out twice. */}
        <p className="min-w-0 flex-1 truncate text-sm font-semibold" aria-live={open ? 'off' : 'polite'}>{summary}</p>
        <button type="button" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen((o) => !o)}
          aria-label={open ? 'Hide uploads' : 'Show uploads'}
          className={`inline-flex shrink-0 items-center justify-center rounded-lg text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-700 ${TOUCH_TARGET}`}>
          {open ? <ChevronDown aria-hidden="true" className="size-5" /> : <ChevronUp aria-hidden="true" className="size-5" />}
        </button>
      </div>
      {open ? null : <div className="px-4 pb-3"><ProgressBar label="All uploads" value={overall.doneBytes} max={overall.totalBytes} /></div>}
      <div id={bodyId} hidden={!open} className="max-h-[50dvh] overflow-y-auto border-t border-slate-100 md:max-h-[60vh] [&>section]:rounded-none [&>section]:border-0">
        <UploadList items={items} onCancel={(key) => queue.cancel(key)} onClear={() => queue.clearFinished()} />
      </div>
    </aside>
  );
}
