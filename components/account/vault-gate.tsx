'use client';

import { useState, type ReactNode } from 'react';
import { WorkingStatus } from '@/components/ui/progress';
import type { UnlockedVault } from '@/lib/client/account/vault-keys';
import { FinishRecoverySetup, useRecoveryPending } from './recovery-setup';
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
      {state.status === 'unlocked' ? <Unlocked vault={state.vault}>{children}</Unlocked> : null}
    </div>
  );
}

/** The open vault, once its recovery key is saved (recovery-setup.tsx). */
function Unlocked({ vault, children }: { vault: UnlockedVault; children: (vault: UnlockedVault) => ReactNode }) {
  const pending = useRecoveryPending(vault.userId);
  const [done, setDone] = useState(false);
  if (pending === null) return <WorkingStatus message="Opening your vault…" />;
  if (pending && !done) return <FinishRecoverySetup userId={vault.userId} onDone={() => setDone(true)} />;
  return <>{children(vault)}</>;
}
