'use client';

import { useEffect, useState } from 'react';
import { recoveryKeyConfirmed } from '@/lib/client/account/sensitive-changes';
import { RegenerateRecoveryKey } from './regenerate-recovery-key';

// Users whose recovery key is known to be confirmed, so moving between the
// vault's pages asks the server once per page load, not on every page.
const confirmedUsers = new Set<string>();

/**
 * Whether this account still needs to save a recovery key: sign-up shows
 * the key once, and a reload (or a closed tab) there must not skip the step.
 * Null while asking. A failed check does not block the vault: the step is a
 * safety net, and the next page load asks again.
 */
export function useRecoveryPending(userId: string): boolean | null {
  const [pending, setPending] = useState<boolean | null>(confirmedUsers.has(userId) ? false : null);
  useEffect(() => {
    if (confirmedUsers.has(userId)) return;
    let live = true;
    recoveryKeyConfirmed().then(
      (confirmed) => {
        if (confirmed) confirmedUsers.add(userId);
        if (live) setPending(!confirmed);
      },
      () => live && setPending(false),
    );
    return () => void (live = false);
  }, [userId]);
  return pending;
}

/** The vault's step until a recovery key is saved: a new key (the one sign-up showed is gone), typed back, then the vault. */
export function FinishRecoverySetup({ userId, onDone }: { userId: string; onDone: () => void }) {
  return (
    <section aria-labelledby="finish-recovery-title" className="space-y-4 rounded-xl border border-amber-300 bg-surface p-5">
      <h1 id="finish-recovery-title" className="text-2xl font-bold tracking-tight">Save a recovery key to finish setting up</h1>
      <p className="text-sm text-slate-700">
        Your recovery key was not saved yet. It is the only way back to your files if you forget your password: nobody,
        not even Twofold, can reset it. The key shown before is not kept anywhere, so make a new one now.
      </p>
      <RegenerateRecoveryKey onSaved={() => (confirmedUsers.add(userId), onDone())} />
    </section>
  );
}
