'use client';

import { useState } from 'react';
import { regenerateRecoveryKey } from '@/lib/client/account/sensitive-changes';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { WorkingStatus } from '@/components/ui/progress';
import { TextField } from '@/components/ui/text-field';
import { RecoveryKeyPanel } from './recovery-key-panel';
import { useBusy } from './use-busy';
import { useVault } from './vault-provider';

/** `onSaved`: the new key is confirmed (it is now the key); without it, a notice says so here. */
export function RegenerateRecoveryKey({ onSaved }: { onSaved?: () => void } = {}) {
  const { email } = useVault();
  const { busy, progress, error, run } = useBusy();
  const [password, setPassword] = useState('');
  const [fresh, setFresh] = useState<string>();
  const [saved, setSaved] = useState(false);
  if (fresh && !saved) return <RecoveryKeyPanel recoveryKey={fresh} email={email} onConfirmed={() => (setSaved(true), onSaved?.())} />;
  return (
    <form
      className="space-y-3"
      aria-label="Regenerate recovery key"
      onSubmit={async (event) => {
        event.preventDefault();
        const text = await run((progress) => regenerateRecoveryKey(password, progress));
        setPassword('');
        if (text) {
          setSaved(false);
          setFresh(text);
        }
      }}
    >
      <p className="text-sm text-slate-700">Makes a new recovery key. Your old one keeps working until you confirm you saved the new one. Confirm with your password.</p>
      <TextField label="Password for the new recovery key" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} disabled={busy} />
      {saved ? <Notice tone="success">New recovery key saved. The old one no longer works.</Notice> : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
      {progress ? <WorkingStatus message={progress} /> : null}
      <Button type="submit" disabled={busy}>Regenerate recovery key</Button>
    </form>
  );
}
