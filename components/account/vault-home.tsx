'use client';

import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { VaultGate } from './vault-gate';
import { useVault } from './vault-provider';

// Placeholder until the files UI arrives: shows that the keys are open.
export function VaultHome() {
  const { lock, signOut } = useVault();
  return (
    <VaultGate>
      {(vault) => (
        <section aria-labelledby="vault-title" className="space-y-4">
          <h1 id="vault-title" className="text-2xl font-bold tracking-tight">Your vault is unlocked</h1>
          <p className="text-sm text-slate-700">Signed in as <strong>{vault.email}</strong>.</p>
          <p role="status" aria-label="Key check" className="rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">
            Key check passed: decrypted <span className="font-mono">{vault.keyCheckName}</span> with your root key.
          </p>
          <p className="text-sm text-slate-600">Your files will appear here.</p>
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" onClick={() => void lock()}>Lock</Button>
            <Button variant="secondary" onClick={() => void signOut()}>Sign out</Button>
            <Link href="/settings" className="inline-flex items-center rounded-lg px-4 py-2 text-sm font-semibold text-indigo-700 underline">Account settings</Link>
          </div>
        </section>
      )}
    </VaultGate>
  );
}
