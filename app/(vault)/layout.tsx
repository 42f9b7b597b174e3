import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { VaultProvider } from '@/components/account/vault-provider';
import { VaultShell } from '@/components/shell/vault-shell';
import { ToastProvider } from '@/components/ui/toast';
import { currentSession } from '@/lib/server/auth/session';

// Everything under (vault) needs a valid session; the keys are the client's
// business (VaultProvider restores, locks and unlocks them). The provider,
// the shell (navigation, upload tray) and the toasts sit here, above the
// pages, so uploads and results outlive a move between pages.
export default async function VaultLayout({ children }: { children: ReactNode }) {
  const session = await currentSession();
  if (!session) redirect('/sign-in');
  return (
    <VaultProvider userId={session.userId} email={session.user?.email ?? ''}>
      <ToastProvider>
        <VaultShell>{children}</VaultShell>
      </ToastProvider>
    </VaultProvider>
  );
}
