'use client';

import { useState } from 'react';
import { useAction } from '@/components/hooks/use-action';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Notice } from '@/components/ui/notice';
import { TextField } from '@/components/ui/text-field';
import { renameFile, type VaultFile } from '@/lib/client/files/file-list';
import { fileErrorMessage } from '@/lib/client/files/messages';

// format.md §4 caps names at 1024 UTF-8 bytes.
const MAX_NAME_BYTES = 1024;

/**
 * Where the extension starts, or the name's length if it has none. Rename
 * preselects only the base name, as Finder and Dropbox do: typing replaces
 * "report" and keeps ".pdf", which decides how the file previews and opens.
 * A leading dot (".env") is the whole name, not an extension.
 */
export function baseNameEnd(name: string): number {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? dot : name.length;
}

/** Rename re-encrypts only the metadata, under the same file key; the content is untouched. */
export function RenameDialog({ file, onRenamed, onClose }: { file: VaultFile; onRenamed: (file: VaultFile) => void; onClose: () => void }) {
  const [name, setName] = useState(file.metadata.name);
  const { busy, error, setError, run } = useAction(fileErrorMessage);
  return (
    <Dialog
      title={`Rename ${file.metadata.name}`}
      onClose={onClose}
      description="The new name is encrypted in this browser, like the old one."
      onOpenAutoFocus={(field) => field instanceof HTMLInputElement && field.setSelectionRange(0, baseNameEnd(field.value))}
    >
      <form
        className="space-y-4"
        aria-label="Rename file"
        onSubmit={async (event) => {
          event.preventDefault();
          const trimmed = name.trim();
          if (!trimmed) return setError('Enter a name.');
          if (new TextEncoder().encode(trimmed).length > MAX_NAME_BYTES) return setError('That name is too long.');
          await run('rename the file', async () => onRenamed(await renameFile(file, trimmed)));
        }}
      >
        <TextField label="New name" value={name} onChange={(e) => setName(e.target.value)} required data-autofocus disabled={busy} />
        {error ? <Notice tone="error">{error}</Notice> : null}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose} disabled={busy}>Cancel</Button>
          <Button type="submit" disabled={busy}>{busy ? 'Saving…' : 'Save name'}</Button>
        </div>
      </form>
    </Dialog>
  );
}
