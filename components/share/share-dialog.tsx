'use client';

import { useCallback, useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Notice } from '@/components/ui/notice';
import type { UnlockedVault } from '@/lib/client/account/vault-keys';
import { filesApi } from '@/lib/client/files/api';
import type { VaultFile } from '@/lib/client/files/file-list';
import { formatDate } from '@/lib/client/files/format';
import { fileErrorMessage } from '@/lib/client/files/messages';
import { sharingApi } from '@/lib/client/sharing/api';
import { shareFile } from '@/lib/client/sharing/share-file';
import type { ShareJson } from '@/lib/shared/shares';
import { PersonShareForm } from './person-share-form';
import { PublicLinks } from './public-links';
import { ReencryptPanel } from './reencrypt-panel';

export const REVOKE_STATEMENT = 'Revoking stops future downloads through Twofold. It cannot undo copies the person already downloaded.';

/** ", re-shared by …", ", may re-share", ", may delete": what the owner should know about a recipient. */
export function describePermissions(share: ShareJson): string {
  const parts = [
    share.sharedByEmail ? `re-shared by ${share.sharedByEmail}` : '',
    share.canReshare ? 'may share it on' : '',
    share.canDelete ? 'may delete it' : '',
  ].filter(Boolean);
  return parts.length ? ` · ${parts.join(' · ')}` : '';
}

/** Share one file with another Twofold user: look up, compare safety numbers, seal and sign. */
export function ShareDialog({ vault, file, onClose, onReplaced }: { vault: UnlockedVault; file: VaultFile; onClose: () => void; onReplaced?: (oldId: string, newFile: VaultFile) => void }) {
  const name = file.metadata.name;
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [shares, setShares] = useState<ShareJson[] | null>(null);
  const [rekeying, setRekeying] = useState<ShareJson | null>(null);

  const reload = useCallback(async () => setShares(await sharingApi.list(file.id)), [file.id]);
  useEffect(() => {
    let live = true;
    sharingApi.list(file.id).then(
      (list) => live && setShares(list),
      (e: unknown) => live && setError(fileErrorMessage(e, 'load who this file is shared with')),
    );
    return () => {
      live = false;
    };
  }, [file.id]);

  return (
    <Dialog title={`Share ${name}`} onClose={onClose} wide
      description="The file's key is sealed in this browser to the other person's public key and signed by you. The server cannot open it.">
      <PersonShareForm vault={vault} offerPermissions onShare={async (prepared, choices) => {
        const fileRow = await filesApi.get(file.id);
        await shareFile(vault, file.parent, fileRow, prepared, choices);
        await reload();
        return `${name} is now shared with ${prepared.email}.`;
      }} />
      {error ? <Notice tone="error">{error}</Notice> : null}
      {done ? <Notice tone="success">{done}</Notice> : null}
      <section aria-labelledby="shared-with-title" className="space-y-2">
        <h3 id="shared-with-title" className="text-sm font-semibold">Shared with</h3>
        <p className="text-xs text-slate-600">{REVOKE_STATEMENT}</p>
        {shares === null ? null : shares.length === 0 ? <p className="text-sm text-slate-600">Nobody yet.</p> : (
          <ul aria-label="People this file is shared with" className="divide-y divide-slate-100">
            {shares.map((s) => (
              <li key={s.id} className="flex items-center justify-between gap-2 py-2 text-sm">
                <span>{s.recipientEmail} · since {formatDate(s.createdAt)}{describePermissions(s)}</span>
                <Button variant="secondary" className="ml-auto px-3 py-1 text-rose-800" aria-label={`Revoke and re-encrypt for ${s.recipientEmail}`} disabled={rekeying !== null} onClick={() => setRekeying(s)}>Revoke and re-encrypt</Button>
                <Button variant="secondary" className="px-3 py-1 text-rose-800" aria-label={`Revoke access of ${s.recipientEmail}`}
                  onClick={() => void sharingApi.revoke(file.id, s.id).then(reload).then(
                    () => setDone(`Access of ${s.recipientEmail} revoked. ${REVOKE_STATEMENT}`),
                    (e: unknown) => setError(fileErrorMessage(e, 'revoke the share')),
                  )}>
                  Revoke
                </Button>
              </li>
            ))}
          </ul>
        )}
        {rekeying ? <ReencryptPanel vault={vault} file={file} share={rekeying} onClose={() => setRekeying(null)} onReplaced={onReplaced} /> : null}
      </section>
      <PublicLinks vault={vault} file={file} />
    </Dialog>
  );
}
