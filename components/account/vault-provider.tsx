'use client';

import { signOut as nextAuthSignOut } from 'next-auth/react';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { watchIdle } from '@/lib/client/account/auto-lock';
import { signInWithPassword, type Progress } from '@/lib/client/account/sign-in';
import { forgetVault, lockVault, restoreVault, type UnlockedVault } from '@/lib/client/account/vault-keys';
import { UploadQueue } from '@/lib/client/files/upload/upload-queue';
import { useLeaveWarning } from './use-leave-warning';

type VaultState = { status: 'loading' } | { status: 'locked' } | { status: 'unlocked'; vault: UnlockedVault };

interface VaultContextValue {
  state: VaultState;
  userId: string;
  email: string;
  unlock(password: string, progress: Progress): Promise<void>;
  adopt(vault: UnlockedVault): void;
  lock(): Promise<void>;
  signOut(): Promise<void>;
  /** The session's uploads: they outlive the vault page, so Lock and auto-lock never stop one. */
  uploads: UploadQueue;
}

const VaultContext = createContext<VaultContextValue | undefined>(undefined);

export function useVault(): VaultContextValue {
  const value = useContext(VaultContext);
  if (!value) throw new Error('useVault outside VaultProvider');
  return value;
}

/** The signed-in area's keys: restored from the device, locked, unlocked, auto-locked. */
export function VaultProvider({ userId, email, children }: { userId: string; email: string; children: ReactNode }) {
  const [state, setState] = useState<VaultState>({ status: 'loading' });
  // Disposed only when the signed-in area goes away (sign-out, leaving it): that is when uploads stop.
  const [uploads] = useState(() => new UploadQueue());
  useEffect(() => () => uploads.dispose(), [uploads]);
  useLeaveWarning(uploads);

  useEffect(() => {
    let live = true;
    void restoreVault(userId).then(
      (result) => live && setState(result.state === 'unlocked' ? { status: 'unlocked', vault: result.vault } : { status: 'locked' }),
      () => live && setState({ status: 'locked' }),
    );
    return () => {
      live = false;
    };
  }, [userId]);

  const lock = useCallback(async () => {
    await lockVault();
    setState({ status: 'locked' });
  }, []);

  useEffect(() => (state.status === 'unlocked' ? watchIdle(() => void lock()) : undefined), [state.status, lock]);

  const value = useMemo<VaultContextValue>(() => ({
    state,
    userId,
    email,
    // Unlocking runs the OPAQUE login again: the export key exists only then.
    unlock: async (password, progress) => {
      const vault = await signInWithPassword(email, password, progress);
      setState({ status: 'unlocked', vault });
    },
    adopt: (vault) => setState({ status: 'unlocked', vault }),
    lock,
    uploads,
    signOut: async () => {
      uploads.dispose();
      await forgetVault();
      await nextAuthSignOut({ callbackUrl: '/sign-in' });
    },
  }), [state, userId, email, lock, uploads]);

  return <VaultContext.Provider value={value}>{children}</VaultContext.Provider>;
}
