'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { signInWithPassword } from '@/lib/client/account/sign-in';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { WorkingStatus } from '@/components/ui/progress';
import { TextField } from '@/components/ui/text-field';
import { StorageNotice } from './storage-notice';
import { useBusy } from './use-busy';

export function SignInForm() {
  const router = useRouter();
  const { busy, progress, error, run } = useBusy();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  return (
    <form
      className="space-y-4"
      aria-label="Sign in"
      onSubmit={async (event) => {
        event.preventDefault();
        const vault = await run((progress) => signInWithPassword(email.trim().toLowerCase(), password, progress));
        if (vault) {
          setPassword('');
          router.push('/vault');
        }
      }}
    >
      <StorageNotice />
      <TextField label="Email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} disabled={busy} />
      <TextField label="Password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} disabled={busy} />
      {error ? <Notice tone="error">{error}</Notice> : null}
      {progress ? <WorkingStatus message={progress} /> : null}
      <Button type="submit" disabled={busy} className="w-full">Sign in</Button>
      <p className="flex justify-between text-sm text-slate-700">
        <Link href="/forgot-password" className="inline-flex min-h-11 items-center font-semibold text-indigo-700 underline sm:min-h-9">Forgot password?</Link>
        <Link href="/sign-up" className="inline-flex min-h-11 items-center font-semibold text-indigo-700 underline sm:min-h-9">Create an account</Link>
      </p>
    </form>
  );
}
