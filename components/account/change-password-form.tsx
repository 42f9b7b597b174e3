'use client';

import { useState } from 'react';
import { changePassword } from '@/lib/client/account/sensitive-changes';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { WorkingStatus } from '@/components/ui/progress';
import { TextField } from '@/components/ui/text-field';
import { MIN_PASSWORD_LENGTH } from './sign-up-form';
import { PasswordStrength, usePasswordFloor } from './password-strength';
import { useBusy } from './use-busy';
import { useVault } from './vault-provider';

export function ChangePasswordForm() {
  const { email, adopt } = useVault();
  const { busy, progress, error, run } = useBusy();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [message, setMessage] = useState<string>();
  const floor = usePasswordFloor(next, [email]);
  return (
    <form
      className="space-y-3"
      aria-label="Change password"
      onSubmit={async (event) => {
        event.preventDefault();
        setMessage(undefined);
        if (next !== confirm) return setMessage('mismatch');
        if (!(await floor.accept())) return;
        const vault = await run((progress) => changePassword(email, current, next, progress));
        if (vault) {
          setCurrent('');
          setNext('');
          setConfirm('');
          setMessage('done');
          adopt(vault);
        }
      }}
    >
      <p className="text-sm text-slate-700">Your files stay as they are: only the key that unlocks them is sealed again under the new password. Other devices are signed out.</p>
      <TextField label="Current password" type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} disabled={busy} />
      <TextField label="New password" type="password" autoComplete="new-password" required minLength={MIN_PASSWORD_LENGTH} value={next} onChange={(e) => setNext(e.target.value)} disabled={busy} />
      <PasswordStrength password={next} score={floor.score} refused={floor.refused} />
      <TextField label="Confirm new password" type="password" autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.target.value)} disabled={busy} />
      {message === 'mismatch' ? <Notice tone="error">The two new passwords do not match.</Notice> : null}
      {message === 'done' ? <Notice tone="success">Password changed. Your other sessions were signed out.</Notice> : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
      {progress ? <WorkingStatus message={progress} /> : null}
      <Button type="submit" disabled={busy}>Change password</Button>
    </form>
  );
}
