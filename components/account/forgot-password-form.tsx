'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { recoverAccount } from '@/lib/client/account/recover';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { WorkingStatus } from '@/components/ui/progress';
import { TextField } from '@/components/ui/text-field';
import { MIN_PASSWORD_LENGTH } from './sign-up-form';
import { PasswordStrength, usePasswordFloor } from './password-strength';
import { useBusy } from './use-busy';

export function ForgotPasswordForm() {
  const router = useRouter();
  const { busy, progress, error, run } = useBusy();
  const [email, setEmail] = useState('');
  const [recoveryKey, setRecoveryKey] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState<string>();
  const floor = usePasswordFloor(password, [email]);

  return (
    <div className="space-y-6">
      <Notice tone="warning" title="Without your recovery key, your files cannot be recovered.">
        Twofold never has your password or your keys, so nobody (not even us) can reset your password or decrypt your
        files without the recovery key you saved when you created the account.
      </Notice>
      <form
        className="space-y-4"
        aria-label="Reset your password with the recovery key"
        onSubmit={async (event) => {
          event.preventDefault();
          if (password !== confirm) return setMismatch('The two passwords do not match.');
          setMismatch(undefined);
          if (!(await floor.accept())) return;
          const vault = await run((progress) => recoverAccount(email.trim().toLowerCase(), recoveryKey, password, progress));
          if (vault) router.push('/vault');
        }}
      >
        <TextField label="Email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} disabled={busy} />
        <TextField
          label="Recovery key"
          required
          autoComplete="off"
          spellCheck={false}
          placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX"
          value={recoveryKey}
          onChange={(e) => setRecoveryKey(e.target.value)}
          disabled={busy}
        />
        <TextField label="New password" type="password" autoComplete="new-password" required minLength={MIN_PASSWORD_LENGTH} value={password} onChange={(e) => setPassword(e.target.value)} disabled={busy} />
        <PasswordStrength password={password} score={floor.score} refused={floor.refused} />
        <TextField label="Confirm new password" type="password" autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.target.value)} disabled={busy} />
        {mismatch ? <Notice tone="error">{mismatch}</Notice> : null}
        {error ? <Notice tone="error">{error}</Notice> : null}
        {progress ? <WorkingStatus message={progress} /> : null}
        <Button type="submit" disabled={busy} className="w-full">Set new password</Button>
      </form>
    </div>
  );
}
