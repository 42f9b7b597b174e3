'use client';

// The views, Lock and Sign out on a phone, where there is no room for the
// sidebar. Radix DropdownMenu gives the menu roles, arrow keys and focus
// return; modal={false} for the CSP (see [Note: menus are not modal] in
// components/ui/row-menu.tsx).
import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { Lock, LogOut, Menu } from 'lucide-react';
import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { NAV_ITEMS, type NavItem } from './nav-items';

const ITEM = 'flex min-h-11 cursor-default select-none items-center gap-3 rounded-md px-3 text-sm outline-none data-[highlighted]:bg-slate-100 aria-[current=page]:font-semibold aria-[current=page]:text-indigo-800';

export function PhoneMenu({ unlocked, isCurrent, onLock, onSignOut }: {
  unlocked: boolean;
  isCurrent: (item: NavItem) => boolean;
  onLock: () => void;
  onSignOut: () => void;
}) {
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger className={buttonClass('secondary', 'shrink-0 gap-2 px-3')}>
        <Menu aria-hidden="true" className="size-5 shrink-0" />
        Menu
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 w-[min(20rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-surface p-1 text-slate-900 shadow-lg">
          {NAV_ITEMS.map((item) => {
            const Icon = item.icon;
            return (
              <DropdownMenu.Item key={item.href} asChild className={ITEM}>
                <Link href={item.href} aria-current={isCurrent(item) ? 'page' : undefined}>
                  <Icon aria-hidden="true" className="size-4 shrink-0" />
                  {item.label}
                </Link>
              </DropdownMenu.Item>
            );
          })}
          <DropdownMenu.Separator className="my-1 h-px bg-slate-200" />
          {unlocked ? (
            <DropdownMenu.Item onSelect={onLock} className={ITEM}>
              <Lock aria-hidden="true" className="size-4 shrink-0" />
              Lock
            </DropdownMenu.Item>
          ) : null}
          <DropdownMenu.Item onSelect={onSignOut} className={ITEM}>
            <LogOut aria-hidden="true" className="size-4 shrink-0" />
            Sign out
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
