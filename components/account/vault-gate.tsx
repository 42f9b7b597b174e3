'use client';

import type { ReactNode } from 'react';
import { WorkingStatus } from '@/components/ui/progress';
import type { UnlockedVault } from '@/lib/client/account/vault-keys';
import { StorageNotice } from './storage-notice';
import { UnlockForm } from './unlock-form';
import { useVault } from './vault-provider';

/** Renders children only with the keys open; otherwise the unlock form. */
export function VaultGate({ children }: { children: (vault: UnlockedVault) => ReactNode }) {
  const { state } = useVault();
  return (
    <div className="space-y-4">
      <StorageNotice />
      {state.status === 'loading' ? <WorkingStatus message="Opening your vault…" /> : null}
      {state.status === 'locked' ? <UnlockForm /> : null}
      {state.status === 'unlocked' ? children(state.vault) : null}
    </div>
  );
}
