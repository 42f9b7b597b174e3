'use client';

import { VaultFiles } from '@/components/vault/vault-files';
import { VaultGate } from './vault-gate';

// The vault page; its heading names the open view (vault-files.tsx). Who is signed in, Lock and Sign out live in the shell
// (components/shell/vault-shell.tsx); the key check's details in Settings:
// unlocking already fails if it does not pass.
export function VaultHome() {
  return (
    <VaultGate>
      {(vault) => (
        <VaultFiles vault={vault} />
      )}
    </VaultGate>
  );
}
