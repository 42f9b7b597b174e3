'use client';

// The signed-in area's frame, as a file manager lays it out: a sidebar with
// the views on wide screens, a top bar with a Menu on phones, the page in the
// middle and the upload tray in the corner. It sits in the (vault) layout, so
// it, the tray and the toasts stay mounted while the user moves between
// My files, Sharing and Settings.
import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import type { ReactNode } from 'react';
import { useVault } from '@/components/account/vault-provider';
import { Button } from '@/components/ui/button';
import { NAV_ITEMS, vaultView } from './nav-items';
import { PhoneMenu } from './phone-menu';
import { UploadTray } from './upload-tray';

const LINK = 'flex min-h-11 items-center gap-3 rounded-lg px-3 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-950 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-700 sm:min-h-9 aria-[current=page]:bg-indigo-50 aria-[current=page]:text-indigo-800';

function useCurrent() {
  const pathname = usePathname();
  const view = vaultView(useSearchParams().get('view'));
  return (item: (typeof NAV_ITEMS)[number]) => item.current(pathname, view);
}

function Brand() {
  return <Link href="/" className="inline-flex min-h-11 items-center text-lg font-bold tracking-tight text-slate-900 sm:min-h-9">Twofold</Link>;
}

export function VaultShell({ children }: { children: ReactNode }) {
  const { state, email, lock, signOut } = useVault();
  const isCurrent = useCurrent();
  const unlocked = state.status === 'unlocked';
  return (
    <div className="min-h-dvh md:flex">
      <aside className="hidden shrink-0 border-r border-slate-200 bg-surface md:sticky md:top-0 md:flex md:h-dvh md:w-60 md:flex-col md:gap-6 md:p-4">
        <Brand />
        <nav aria-label="Main" className="flex-1">
          <ul className="space-y-1">
            {NAV_ITEMS.map((item) => {
              const Icon = item.icon;
              return (
                <li key={item.href}>
                  <Link href={item.href} aria-current={isCurrent(item) ? 'page' : undefined} className={LINK}>
                    <Icon aria-hidden="true" className="size-4 shrink-0" />
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <div className="space-y-3 border-t border-slate-200 pt-4">
          <p className="truncate text-xs text-slate-600" title={email}>Signed in as <strong className="font-medium text-slate-800">{email}</strong></p>
          <div className="flex gap-2">
            {unlocked ? <Button variant="secondary" className="flex-1 px-3 py-1.5" onClick={() => void lock()}>Lock</Button> : null}
            <Button variant="secondary" className="flex-1 px-3 py-1.5" onClick={() => void signOut()}>Sign out</Button>
          </div>
        </div>
      </aside>
      <div className="min-w-0 flex-1">
        <header className="sticky top-0 z-30 flex items-center justify-between gap-3 border-b border-slate-200 bg-surface px-4 py-1 md:hidden">
          <div className="min-w-0">
            <Brand />
            <p className="-mt-2 truncate pb-1 text-xs text-slate-600" title={email}>Signed in as {email}</p>
          </div>
          <PhoneMenu unlocked={unlocked} isCurrent={isCurrent} onLock={() => void lock()} onSignOut={() => void signOut()} />
        </header>
        {/* pb: room under the upload tray ([Note: room under the tray] in upload-tray.tsx). */}
        <main className="mx-auto max-w-4xl px-4 pt-6 pb-[calc(var(--upload-tray-height,0px)+2.5rem)] sm:px-6 md:pt-10">{children}</main>
      </div>
      <UploadTray />
    </div>
  );
}
