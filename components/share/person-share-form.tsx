'use client';

import { useState } from 'react';
import { useAction } from '@/components/hooks/use-action';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { TextField } from '@/components/ui/text-field';
import type { UnlockedVault } from '@/lib/client/account/vault-keys';
import { sharingErrorMessage } from '@/lib/client/sharing/messages';
import { prepareShare, type PreparedShare } from '@/lib/client/sharing/share-file';
import { SafetyNumber } from './safety-number';

export interface ShareChoices {
  reverified: boolean;
  canReshare: boolean;
  canDelete: boolean;
}

/**
 * Look a person up, show the pair's safety number, warn on a changed key, then
 * share. Used by the owner (with the permission choices) and by a recipient
 * allowed to re-share (without them). `onShare` answers the success message.
 */
export function PersonShareForm({ vault, offerPermissions, onShare }: {
  vault: UnlockedVault;
  offerPermissions: boolean;
  onShare: (prepared: PreparedShare, choices: ShareChoices) => Promise<string>;
}) {
  const [email, setEmail] = useState('');
  const [prepared, setPrepared] = useState<PreparedShare | null>(null);
  const [choices, setChoices] = useState<ShareChoices>({ reverified: false, canReshare: false, canDelete: false });
  const { busy, error, run } = useAction(sharingErrorMessage);
  const [done, setDone] = useState<string | null>(null);
  const changed = prepared?.pin.status === 'changed';
  const choose = (key: keyof ShareChoices) => (e: React.ChangeEvent<HTMLInputElement>) => setChoices((c) => ({ ...c, [key]: e.target.checked }));

  return (
    <>
      {!prepared ? (
        <form className="space-y-3" aria-label="Find a person to share with" onSubmit={async (event) => {
          event.preventDefault();
          setDone(null);
          await run('look up that person', async () => {
            setPrepared(await prepareShare(vault, email));
            setChoices({ reverified: false, canReshare: false, canDelete: false });
          });
        }}>
          <TextField label="Email of the person to share with" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required disabled={busy} data-autofocus />
          <div className="flex justify-end"><Button type="submit" disabled={busy}>{busy ? 'Looking up…' : 'Find keys'}</Button></div>
        </form>
      ) : (
        <form className="space-y-3" aria-label="Confirm the share" onSubmit={async (event) => {
          event.preventDefault();
          await run('share the file', async () => {
            setDone(await onShare(prepared, choices));
            setPrepared(null);
            setEmail('');
          });
        }}>
          <p className="text-sm">Compare this number with {prepared.email} in person or over a call: they see the same one under &quot;Safety number with&quot; your email. If it matches, nobody swapped the keys.</p>
          <SafetyNumber withEmail={prepared.email} digits={prepared.safetyNumber} />
          {changed ? (
            <div role="alert" className="space-y-2 rounded-lg border border-rose-300 bg-rose-50 p-3 text-sm text-rose-900">
              <p className="font-semibold">The identity key of {prepared.email} changed since you last shared with them.</p>
              <p>Someone may be substituting keys. Do not share until you have compared the new safety number with them.</p>
              <label className="flex items-center gap-2">
                <input type="checkbox" checked={choices.reverified} onChange={choose('reverified')} />
                I compared the new safety number with {prepared.email} and it matches
              </label>
            </div>
          ) : null}
          {offerPermissions ? (
            <fieldset className="space-y-1 text-sm">
              <legend className="font-semibold">What {prepared.email} may do</legend>
              <label className="flex items-center gap-2">
                <input type="checkbox" checked={choices.canReshare} onChange={choose('canReshare')} />
                Share it with other people
              </label>
              <label className="flex items-center gap-2">
                <input type="checkbox" checked={choices.canDelete} onChange={choose('canDelete')} />
                Delete it for everyone
              </label>
            </fieldset>
          ) : null}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setPrepared(null)} disabled={busy}>Back</Button>
            <Button type="submit" disabled={busy || (changed && !choices.reverified)}>{busy ? 'Sharing…' : `Share with ${prepared.email}`}</Button>
          </div>
        </form>
      )}
      {error ? <Notice tone="error">{error}</Notice> : null}
      {done ? <Notice tone="success">{done}</Notice> : null}
    </>
  );
}
