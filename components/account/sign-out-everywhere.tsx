'use client';

import { api } from '@/lib/client/account/api';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { useBusy } from './use-busy';
import { useVault } from './vault-provider';

export function SignOutEverywhere() {
  const { signOut } = useVault();
  const { busy, error, run } = useBusy();
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">Signs out every browser and device where you are signed in, including this one.</p>
      {error ? <Notice tone="error">{error}</Notice> : null}
      <Button
        variant="danger"
        disabled={busy}
        onClick={async () => {
          const done = await run(async () => api.signOutEverywhere());
          if (done) await signOut();
        }}
      >
        Sign out everywhere
      </Button>
    </div>
  );
}
