'use client';

import { Archive, FolderInput, RotateCcw, Trash2, X } from 'lucide-react';
import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { ConfirmDialog } from './folder-dialogs';
import { plural } from '@/lib/shared/plural';

export function itemCount(n: number): string {
  return plural(n, { one: '# item', other: '# items' });
}

/** Left and right arrows move between the buttons, as in any toolbar (ARIA practices). */
function moveFocus(event: KeyboardEvent<HTMLDivElement>) {
  if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (at === -1) return;
  event.preventDefault();
  buttons[(at + (event.key === 'ArrowRight' ? 1 : buttons.length - 1)) % buttons.length]!.focus();
}

function Action({ icon, children, ...props }: { icon: ReactNode; children: ReactNode } & Parameters<typeof Button>[0]) {
  return <Button {...props} className={`gap-1.5 px-3 py-1.5 ${props.className ?? ''}`}>{icon}{children}</Button>;
}

/** What can be done to every selected item at once; each button is one bulk request for all of them. */
export function SelectionBar({ count, inTrash, busy, onZip, onMove, onTrash, onRestore, onDeleteForever, onClear }: {
  count: number;
  inTrash: boolean;
  busy: boolean;
  onZip: () => void;
  onMove: () => void;
  onTrash: () => void;
  onRestore: () => void;
  onDeleteForever: () => Promise<void>;
  onClear: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  if (count === 0) return null;
  const icon = 'size-4 shrink-0';
  return (
    <div role="toolbar" aria-label="Selected items" onKeyDown={moveFocus}
      className="sticky top-2 z-10 flex flex-wrap items-center gap-2 rounded-lg border border-indigo-200 bg-indigo-50 p-2 shadow-sm">
      <p className="px-1 text-sm font-semibold text-indigo-950" aria-live="polite">{itemCount(count)} selected</p>
      <div className="flex flex-wrap gap-1.5">
        {inTrash ? (
          <>
            <Action variant="secondary" disabled={busy} onClick={onRestore} icon={<RotateCcw aria-hidden="true" className={icon} />}>Restore</Action>
            <Action variant="danger" disabled={busy} onClick={() => setConfirming(true)} icon={<Trash2 aria-hidden="true" className={icon} />}>Delete forever</Action>
          </>
        ) : (
          <>
            <Action disabled={busy} onClick={onZip} icon={<Archive aria-hidden="true" className={icon} />}>Download as zip</Action>
            <Action variant="secondary" disabled={busy} onClick={onMove} icon={<FolderInput aria-hidden="true" className={icon} />}>Move…</Action>
            <Action variant="secondary" disabled={busy} onClick={onTrash} className="text-rose-800" icon={<Trash2 aria-hidden="true" className={icon} />}>Move to trash</Action>
          </>
        )}
        <Action variant="secondary" onClick={onClear} icon={<X aria-hidden="true" className={icon} />}>Clear selection</Action>
      </div>
      {confirming ? (
        <ConfirmDialog
          title={`Delete ${itemCount(count)} forever?`}
          description="They are removed from storage for good, with everything inside the folders. This cannot be undone."
          confirmLabel="Delete forever"
          onConfirm={async () => {
            await onDeleteForever();
            setConfirming(false);
          }}
          onClose={() => setConfirming(false)}
        />
      ) : null}
    </div>
  );
}

/** The list's header checkbox: checked, mixed when some are, and a click selects all or none. */
export function SelectAll({ label, all, some, onToggle, disabled }: { label: string; all: boolean; some: boolean; onToggle: () => void; disabled?: boolean }) {
  return (
    <div className="flex items-center gap-3 py-1">
      <Checkbox label={label} checked={all ? true : some ? 'indeterminate' : false} onToggle={onToggle} disabled={disabled} />
      <span aria-hidden="true" className="text-sm text-slate-700">{label}</span>
    </div>
  );
}
