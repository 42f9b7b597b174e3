'use client';

import { useCallback, useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Notice } from '@/components/ui/notice';
import { ApiError } from '@/lib/client/account/api';
import type { UnlockedVault } from '@/lib/client/account/vault-keys';
import { formatDate } from '@/lib/client/files/format';
import { fileErrorMessage } from '@/lib/client/files/messages';
import { shareFolder } from '@/lib/client/folders/share-folder';
import { folderSharingApi } from '@/lib/client/folders/sharing-api';
import type { VaultFolder } from '@/lib/client/folders/tree';
import { SharingError } from '@/lib/client/sharing/messages';
import type { FolderShareJson } from '@/lib/shared/folder-shares';
import { PersonShareForm } from './person-share-form';

/** What a revoke can and cannot do (docs/threat-model.md "Folder shares"), said before and after. */
export const FOLDER_REVOKE_STATEMENT =
  'Revoking stops the person opening this folder through Twofold, including files you add later. ' +
  'It cannot undo what they already downloaded, nor the keys their browser already received: ' +
  'to cut those off too, move the files into a folder they never had, or re-encrypt them.';

/** Share a folder, with everything below it now and later, with another Twofold user. */
export function FolderShareDialog({ vault, folder, onClose }: { vault: UnlockedVault; folder: VaultFolder; onClose: () => void }) {
  const [shares, setShares] = useState<FolderShareJson[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const reload = useCallback(async () => setShares(await folderSharingApi.list(folder.id)), [folder.id]);
  useEffect(() => {
    let live = true;
    folderSharingApi.list(folder.id).then(
      (list) => live && setShares(list),
      (e: unknown) => live && setError(fileErrorMessage(e, 'load who this folder is shared with')),
    );
    return () => {
      live = false;
    };
  }, [folder.id]);

  return (
    <Dialog title={`Share folder ${folder.name}`} onClose={onClose} wide
      description="The folder's key is sealed in this browser to the other person's public key and signed by you. It opens every file and folder inside, including ones you add later. The server cannot open it.">
      <PersonShareForm vault={vault} offerPermissions={false} onShare={async (prepared, choices) => {
        try {
          await shareFolder(vault, folder, prepared, { reverified: choices.reverified });
        } catch (e) {
          if (e instanceof ApiError && e.code === 'conflict') throw new SharingError(`${folder.name} is already shared with ${prepared.email}.`);
          throw e;
        }
        await reload();
        return `${folder.name} is now shared with ${prepared.email}.`;
      }} />
      {error ? <Notice tone="error">{error}</Notice> : null}
      {done ? <Notice tone="success">{done}</Notice> : null}
      <section aria-labelledby="folder-shared-with-title" className="space-y-2">
        <h3 id="folder-shared-with-title" className="text-sm font-semibold">Shared with</h3>
        <p className="text-xs text-slate-600">{FOLDER_REVOKE_STATEMENT}</p>
        {shares === null ? null : shares.length === 0 ? <p className="text-sm text-slate-600">Nobody yet.</p> : (
          <ul aria-label="People this folder is shared with" className="divide-y divide-slate-100">
            {shares.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                <span className="min-w-0 break-words">{s.recipientEmail} · since {formatDate(s.createdAt)}</span>
                <Button variant="secondary" className="px-3 py-1 text-rose-800" aria-label={`Revoke access of ${s.recipientEmail} to ${folder.name}`}
                  onClick={() => void folderSharingApi.revoke(folder.id, s.id).then(reload).then(
                    () => setDone(`Access of ${s.recipientEmail} to ${folder.name} revoked. ${FOLDER_REVOKE_STATEMENT}`),
                    (e: unknown) => setError(fileErrorMessage(e, 'revoke the share')),
                  )}>
                  Revoke
                </Button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Dialog>
  );
}
