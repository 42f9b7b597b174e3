import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { VaultProvider } from '@/components/account/vault-provider';
import { SiteHeader } from '@/components/site-header';
import { currentSession } from '@/lib/server/auth/session';

// Everything under (vault) needs a valid session; the keys are the client's
// business (VaultProvider restores, locks and unlocks them).
export default async function VaultLayout({ children }: { children: ReactNode }) {
  const session = await currentSession();
  if (!session) redirect('/sign-in');
  return (
    <>
      <SiteHeader signedIn />
      <main className="mx-auto max-w-4xl px-4 py-10 sm:px-6">
        <VaultProvider userId={session.userId} email={session.user?.email ?? ''}>{children}</VaultProvider>
      </main>
    </>
  );
}
