'use client';

import { useState, useSyncExternalStore } from 'react';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { WorkingStatus } from '@/components/ui/progress';
import { TextField } from '@/components/ui/text-field';
import { unfinishedCount } from '@/lib/client/files/upload/upload-queue';
import { useBusy } from './use-busy';
import { useVault } from './vault-provider';
import { plural } from '@/lib/shared/plural';

export function UnlockForm() {
  const { email, unlock, signOut, uploads } = useVault();
  const items = useSyncExternalStore(uploads.subscribe, uploads.snapshot, uploads.snapshot);
  const running = unfinishedCount(items);
  const { busy, progress, error, run } = useBusy();
  const [password, setPassword] = useState('');
  return (
    <section aria-labelledby="locked-title" className="space-y-4">
      <h1 id="locked-title" className="text-2xl font-bold tracking-tight">Your vault is locked</h1>
      <p className="text-sm text-slate-700">Signed in as <strong>{email}</strong>. Enter your password to unlock your keys on this device.</p>
      {running > 0 ? (
        <p role="status" aria-label="Uploads while locked" className="rounded-lg border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm text-indigo-900">
          {plural(running, { one: '# upload keeps going', other: '# uploads keep going' })} while the vault is locked. Signing out stops {plural(running, { one: 'it', other: 'them' })}.
        </p>
      ) : null}
      <form
        className="space-y-4"
        aria-label="Unlock"
        onSubmit={async (event) => {
          event.preventDefault();
          await run((progress) => unlock(password, progress));
          setPassword('');
        }}
      >
        <TextField label="Password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} disabled={busy} />
        {error ? <Notice tone="error">{error}</Notice> : null}
        {progress ? <WorkingStatus message={progress} /> : null}
        <div className="flex gap-2">
          <Button type="submit" disabled={busy}>Unlock</Button>
          <Button variant="secondary" onClick={() => void signOut()} disabled={busy}>Sign out</Button>
        </div>
      </form>
    </section>
  );
}
