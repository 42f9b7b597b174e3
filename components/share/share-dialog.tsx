'use client';

import { useCallback, useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Notice } from '@/components/ui/notice';
import { TextField } from '@/components/ui/text-field';
import type { UnlockedVault } from '@/lib/client/account/vault-keys';
import { filesApi } from '@/lib/client/files/api';
import type { VaultFile } from '@/lib/client/files/file-list';
import { formatDate } from '@/lib/client/files/format';
import { sharingErrorMessage } from '@/lib/client/sharing/messages';
import { fileErrorMessage } from '@/lib/client/files/messages';
import { sharingApi } from '@/lib/client/sharing/api';
import { prepareShare, shareFile, type PreparedShare } from '@/lib/client/sharing/share-file';
import type { ShareJson } from '@/lib/shared/shares';
import { ReencryptPanel } from './reencrypt-panel';

export const REVOKE_STATEMENT = 'Revoking stops future downloads through Twofold. It cannot undo copies the person already downloaded.';

function SafetyNumber({ label, digits }: { label: string; digits: string }) {
  return (
    <div className="space-y-1">
      <p className="text-xs font-semibold text-slate-700">{label}</p>
      <p aria-label={label} className="font-mono text-sm tracking-wider">{digits}</p>
    </div>
  );
}

/** Share one file with another Twofold user: look up, compare safety numbers, seal and sign. */
export function ShareDialog({ vault, file, onClose, onReplaced }: { vault: UnlockedVault; file: VaultFile; onClose: () => void; onReplaced?: (oldId: string, newFile: VaultFile) => void }) {
  const name = file.metadata.name;
  const [email, setEmail] = useState('');
  const [prepared, setPrepared] = useState<PreparedShare | null>(null);
  const [reverified, setReverified] = useState(false);
  const [busy, setBusy] = useState(false);
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

  const changed = prepared?.pin.status === 'changed';
  return (
    <Dialog title={`Share ${name}`} onClose={onClose} wide
      description="The file's key is sealed in this browser to the other person's public key and signed by you. The server cannot open it.">
      {!prepared ? (
        <form className="space-y-3" aria-label="Find a person to share with" onSubmit={async (event) => {
          event.preventDefault();
          setBusy(true); setError(null); setDone(null);
          try {
            setPrepared(await prepareShare(vault, email));
            setReverified(false);
          } catch (e) {
            setError(sharingErrorMessage(e, 'look up that person'));
          } finally {
            setBusy(false);
          }
        }}>
          <TextField label="Email of the person to share with" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required disabled={busy} autoFocus />
          <div className="flex justify-end"><Button type="submit" disabled={busy}>{busy ? 'Looking up…' : 'Find keys'}</Button></div>
        </form>
      ) : (
        <form className="space-y-3" aria-label="Confirm the share" onSubmit={async (event) => {
          event.preventDefault();
          setBusy(true); setError(null);
          try {
            const fileRow = await filesApi.get(file.id);
            await shareFile(vault, fileRow, prepared, { reverified });
            setDone(`${name} is now shared with ${prepared.email}.`);
            setPrepared(null);
            setEmail('');
            await reload();
          } catch (e) {
            setError(sharingErrorMessage(e, 'share the file'));
          } finally {
            setBusy(false);
          }
        }}>
          <p className="text-sm">Compare these safety numbers with {prepared.email} in person or over a call. If they match, nobody swapped the keys.</p>
          <div className="grid gap-3 sm:grid-cols-2">
            <SafetyNumber label="Your safety number" digits={prepared.ownSafetyNumber} />
            <SafetyNumber label={`Safety number of ${prepared.email}`} digits={prepared.recipientSafetyNumber} />
          </div>
          {changed ? (
            <div role="alert" className="space-y-2 rounded-lg border border-rose-300 bg-rose-50 p-3 text-sm text-rose-900">
              <p className="font-semibold">The identity key of {prepared.email} changed since you last shared with them.</p>
              <p>Someone may be substituting keys. Do not share until you have compared the new safety number with them.</p>
              <label className="flex items-center gap-2">
                <input type="checkbox" checked={reverified} onChange={(e) => setReverified(e.target.checked)} />
                I compared the new safety number with {prepared.email} and it matches
              </label>
            </div>
          ) : null}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setPrepared(null)} disabled={busy}>Back</Button>
            <Button type="submit" disabled={busy || (changed && !reverified)}>{busy ? 'Sharing…' : `Share with ${prepared.email}`}</Button>
          </div>
        </form>
      )}
      {error ? <Notice tone="error">{error}</Notice> : null}
      {done ? <Notice tone="success">{done}</Notice> : null}
      <section aria-labelledby="shared-with-title" className="space-y-2">
        <h3 id="shared-with-title" className="text-sm font-semibold">Shared with</h3>
        <p className="text-xs text-slate-600">{REVOKE_STATEMENT}</p>
        {shares === null ? null : shares.length === 0 ? <p className="text-sm text-slate-600">Nobody yet.</p> : (
          <ul aria-label="People this file is shared with" className="divide-y divide-slate-100">
            {shares.map((s) => (
              <li key={s.id} className="flex items-center justify-between gap-2 py-2 text-sm">
                <span>{s.recipientEmail} · since {formatDate(s.createdAt)}</span>
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
    </Dialog>
  );
}
