'use client';

// The session's uploads in a corner tray (fixed bottom-right on wide screens,
// a sheet along the bottom on phones). The queue lives in VaultProvider, above
// every page of the signed-in area, and this tray is rendered by the shell in
// the same layout: an upload keeps running, and stays in view, while the user
// goes to Settings or Sharing and back.
import { ChevronDown, ChevronUp } from 'lucide-react';
import { useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
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
  const ref = useRef<HTMLElement>(null);
  const shown = items.length > 0;
  // [Note: room under the tray] The tray floats over the page's corner; the
  // page's bottom padding follows its height (--upload-tray-height, read in
  // vault-shell.tsx), so the last rows can always be scrolled out from under it.
  useEffect(() => {
    const tray = ref.current;
    if (!shown || !tray) return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => root.style.setProperty('--upload-tray-height', `${tray.offsetHeight}px`));
    observer.observe(tray);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--upload-tray-height');
    };
  }, [shown]);
  if (!shown) return null;
  const overall = overallProgress(items);
  const summary = traySummary(items);
  return (
    <aside ref={ref} aria-label="Upload tray"
      className="fixed inset-x-0 bottom-0 z-40 rounded-t-xl border border-slate-200 bg-surface shadow-2xl md:inset-x-auto md:right-4 md:bottom-4 md:w-96 md:rounded-xl">
      {/* Open, the list's own heading row sits beside this button; collapsed, the summary line does. */}
      <button type="button" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen((o) => !o)}
        aria-label={open ? 'Hide uploads' : 'Show uploads'}
        className={`absolute top-2 right-2 inline-flex items-center justify-center rounded-lg text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-700 sm:top-3 ${TOUCH_TARGET}`}>
        {open ? <ChevronDown aria-hidden="true" className="size-5" /> : <ChevronUp aria-hidden="true" className="size-5" />}
      </button>
      {/* The collapsed tray's one line, and its live region: open, the list below has its own. Empty
          while open, so no text is on the page twice. */}
      <p aria-live="polite" className={open ? 'sr-only' : 'truncate px-4 pt-4 pr-16 text-sm font-semibold'}>{open ? '' : summary}</p>
      {open ? null : <div className="px-4 pt-2 pb-4 pr-16"><ProgressBar label="All uploads" value={overall.doneBytes} max={overall.totalBytes} /></div>}
      <div id={bodyId} hidden={!open} className="max-h-[50dvh] overflow-y-auto md:max-h-[60vh] [&>section]:rounded-none [&>section]:border-0 [&>section]:bg-transparent [&>section>div:first-child]:pr-12">
        <UploadList items={items} onCancel={(key) => queue.cancel(key)} onRetry={(key) => queue.retry(key)} onClear={() => queue.clearFinished()} />
      </div>
    </aside>
  );
}
