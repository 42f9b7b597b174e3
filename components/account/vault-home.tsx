'use client';

import { VaultFiles } from '@/components/vault/vault-files';
import { VaultGate } from './vault-gate';

// The vault page. Who is signed in, Lock and Sign out live in the shell
// (components/shell/vault-shell.tsx); the key check's details in Settings:
// unlocking already fails if it does not pass.
export function VaultHome() {
  return (
    <VaultGate>
      {(vault) => (
        <div className="space-y-6">
          <h1 className="text-2xl font-bold tracking-tight">Your vault is unlocked</h1>
          <VaultFiles vault={vault} />
        </div>
      )}
    </VaultGate>
  );
}
