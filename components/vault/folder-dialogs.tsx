'use client';

import { useId, useState } from 'react';
import { useAction } from '@/components/hooks/use-action';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Notice } from '@/components/ui/notice';
import { TextField } from '@/components/ui/text-field';
import { fileErrorMessage } from '@/lib/client/files/messages';
import type { VaultTree } from '@/lib/client/folders/tree';

/** A name for a new folder, or a new name for one: encrypted in this browser either way. */
export function FolderNameDialog({ title, initial = '', submitLabel, onSubmit, onClose }: {
  title: string;
  initial?: string;
  submitLabel: string;
  onSubmit: (name: string) => Promise<void>;
  onClose: () => void;
}) {
  const [name, setName] = useState(initial);
  const { busy, error, run } = useAction(fileErrorMessage);
  return (
    <Dialog title={title} onClose={onClose} description="Folder names are encrypted in this browser; the server never sees them.">
      <form
        className="space-y-4"
        aria-label={title}
        onSubmit={async (event) => {
          event.preventDefault();
          await run(title.toLowerCase(), () => onSubmit(name));
        }}
      >
        <TextField label="Folder name" value={name} onChange={(e) => setName(e.target.value)} required data-autofocus disabled={busy}
          onFocus={(e) => e.currentTarget.select()} />
        {error ? <Notice tone="error">{error}</Notice> : null}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose} disabled={busy}>Cancel</Button>
          <Button type="submit" disabled={busy}>{busy ? 'Saving…' : submitLabel}</Button>
        </div>
      </form>
    </Dialog>
  );
}

/**
 * Where to move items: every live folder that is not one of the moving
 * folders or below them (the server refuses those too).
 */
export function MoveDialog({ tree, what, movingFolderIds, onMove, onClose }: {
  tree: VaultTree;
  what: string;
  movingFolderIds: readonly string[];
  onMove: (targetId: string | null) => Promise<void>;
  onClose: () => void;
}) {
  const selectId = useId();
  const [target, setTarget] = useState('');
  const { busy, error, run } = useAction(fileErrorMessage);
  const options = [...tree.folders.values()]
    .filter((f) => tree.isLive(f.id) && !movingFolderIds.some((m) => tree.isWithin(f.id, m)))
    .map((f) => ({ id: f.id, label: tree.pathName(f.id) }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return (
    <Dialog title={`Move ${what}`} onClose={onClose} description="Only the keys are re-wrapped for the new folder; the encrypted content stays as it is.">
      <form
        className="space-y-4"
        aria-label={`Move ${what}`}
        onSubmit={async (event) => {
          event.preventDefault();
          await run('move', () => onMove(target === '' ? null : target));
        }}
      >
        <div className="space-y-1">
          <label htmlFor={selectId} className="block text-sm font-medium text-slate-800">Destination folder</label>
          <select id={selectId} value={target} onChange={(e) => setTarget(e.target.value)} disabled={busy} data-autofocus
            className="block min-h-11 w-full rounded-lg border border-slate-300 bg-surface px-3 py-2 text-sm shadow-sm sm:min-h-0">
            <option value="">My files (top level)</option>
            {options.map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
          </select>
        </div>
        {error ? <Notice tone="error">{error}</Notice> : null}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose} disabled={busy}>Cancel</Button>
          <Button type="submit" disabled={busy}>{busy ? 'Moving…' : 'Move here'}</Button>
        </div>
      </form>
    </Dialog>
  );
}

/** Deleting for good is the one step here that cannot be undone, so it asks. */
export function ConfirmDialog({ title, description, confirmLabel, onConfirm, onClose }: {
  title: string;
  description: string;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const { busy, error, run } = useAction(fileErrorMessage);
  return (
    <Dialog title={title} onClose={onClose} description={description}>
      {error ? <Notice tone="error">{error}</Notice> : null}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose} disabled={busy} data-autofocus>Keep them</Button>
        <Button variant="danger" disabled={busy} onClick={() => run('delete', onConfirm)}>{busy ? 'Deleting…' : confirmLabel}</Button>
      </div>
    </Dialog>
  );
}
