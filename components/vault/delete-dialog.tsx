'use client';

import { useAction } from '@/components/hooks/use-action';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Notice } from '@/components/ui/notice';
import { filesApi } from '@/lib/client/files/api';
import type { VaultFile } from '@/lib/client/files/file-list';
import { fileErrorMessage } from '@/lib/client/files/messages';

export function DeleteDialog({ file, onDeleted, onClose }: { file: VaultFile; onDeleted: (id: string) => void; onClose: () => void }) {
  const { busy, error, run } = useAction(fileErrorMessage);
  return (
    <Dialog title={`Delete ${file.metadata.name}?`} onClose={onClose} description="The file is removed from storage for good. This cannot be undone.">
      {error ? <Notice tone="error">{error}</Notice> : null}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose} disabled={busy} data-autofocus>Keep it</Button>
        <Button
          variant="danger"
          disabled={busy}
          onClick={() => run('delete the file', async () => {
            await filesApi.remove(file.id);
            onDeleted(file.id);
          })}
        >
          {busy ? 'Deleting…' : 'Delete for good'}
        </Button>
      </div>
    </Dialog>
  );
}
