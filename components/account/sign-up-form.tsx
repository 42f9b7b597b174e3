'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { signUp } from '@/lib/client/account/sign-up';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { WorkingStatus } from '@/components/ui/progress';
import { TextField } from '@/components/ui/text-field';
import { PasswordStrength, usePasswordFloor } from './password-strength';
import { RecoveryKeyPanel } from './recovery-key-panel';
import { StorageNotice } from './storage-notice';
import { useBusy } from './use-busy';

export const MIN_PASSWORD_LENGTH = 10;

export function SignUpForm() {
  const router = useRouter();
  const { busy, progress, error, run } = useBusy();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState<string>();
  const [recoveryKey, setRecoveryKey] = useState<string>();
  const floor = usePasswordFloor(password, [email]);

  if (recoveryKey) return <RecoveryKeyPanel recoveryKey={recoveryKey} email={email} onConfirmed={() => router.push('/vault')} />;

  return (
    <form
      className="space-y-4"
      aria-label="Create your account"
      onSubmit={async (event) => {
        event.preventDefault();
        if (password !== confirm) return setMismatch('The two passwords do not match.');
        setMismatch(undefined);
        if (!(await floor.accept())) return;
        const result = await run((progress) => signUp(email.trim().toLowerCase(), password, progress));
        if (result) {
          setPassword('');
          setConfirm('');
          setRecoveryKey(result.recoveryKeyText);
        }
      }}
    >
      <StorageNotice />
      <TextField label="Email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} disabled={busy} />
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        minLength={MIN_PASSWORD_LENGTH}
        hint={`At least ${MIN_PASSWORD_LENGTH} characters. It never leaves this browser, so nobody can reset it: you will get a recovery key.`}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        disabled={busy}
      />
      <PasswordStrength password={password} score={floor.score} refused={floor.refused} />
      <TextField label="Confirm password" type="password" autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.target.value)} disabled={busy} />
      {mismatch ? <Notice tone="error">{mismatch}</Notice> : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
      {progress ? <WorkingStatus message={progress} /> : null}
      <Button type="submit" disabled={busy} className="w-full">Create account</Button>
      <p className="text-sm text-slate-700">
        Already have an account? <Link href="/sign-in" className="inline-flex min-h-11 items-center font-semibold text-indigo-700 underline sm:min-h-9">Sign in</Link>
      </p>
    </form>
  );
}
