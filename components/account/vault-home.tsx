'use client';

import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { VaultFiles } from '@/components/vault/vault-files';
import { VaultGate } from './vault-gate';
import { useVault } from './vault-provider';

// The vault page: who is signed in, Lock / Sign out, then the files. The key
// check's details live in Settings: unlocking already fails if it does not pass.
export function VaultHome() {
  const { lock, signOut } = useVault();
  return (
    <VaultGate>
      {(vault) => (
        <div className="space-y-6">
          <section aria-labelledby="vault-title" className="space-y-3">
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div>
                <h1 id="vault-title" className="text-2xl font-bold tracking-tight">Your vault is unlocked</h1>
                <p className="text-sm text-slate-700">Signed in as <strong>{vault.email}</strong>.</p>
              </div>
              <div className="flex flex-wrap gap-2">
                <Button variant="secondary" onClick={() => void lock()}>Lock</Button>
                <Button variant="secondary" onClick={() => void signOut()}>Sign out</Button>
                <Link href="/settings" className="inline-flex min-h-11 items-center rounded-lg px-3 py-2 text-sm font-semibold text-indigo-700 underline sm:min-h-9">Account settings</Link>
              </div>
            </div>
          </section>
          <VaultFiles vault={vault} />
        </div>
      )}
    </VaultGate>
  );
}
