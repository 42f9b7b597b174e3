'use client';

// A list row's actions, twice over: a "⋯" button opening a dropdown menu, and
// the same items as a context menu on right-click or long-press of the row.
// Radix handles roles, arrow keys, typeahead and focus return on Escape.
//
// [Note: menus are not modal] Radix's modal menus lock scrolling through
// react-remove-scroll, which injects a <style> element; the CSP refuses it
// (lib/server/security/csp.ts). modal={false} leaves scrolling alone, so
// nothing is injected. The portalled content itself is plain elements.
import * as ContextMenu from '@radix-ui/react-context-menu';
import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { MoreHorizontal, type LucideIcon } from 'lucide-react';
import { Fragment, type ReactElement } from 'react';
import { TOUCH_TARGET } from './button';

export interface RowMenuItem {
  /** The item's text and accessible name ("Download"). */
  label: string;
  onSelect: () => void;
  icon?: LucideIcon;
  disabled?: boolean;
  /** Destructive: shown in the danger colour, after a separator. */
  danger?: boolean;
}

const CONTENT = 'z-50 min-w-48 overflow-hidden rounded-lg border border-slate-200 bg-surface p-1 text-sm text-slate-900 shadow-lg';
// min-h-11 on phones: a finger's 44 px target (WCAG 2.5.5); 36 px with a mouse.
const ITEM = 'flex min-h-11 cursor-default select-none items-center gap-2 rounded-md px-3 outline-none data-[disabled]:opacity-50 data-[highlighted]:bg-slate-100 sm:min-h-9';

type Parts = typeof DropdownMenu | typeof ContextMenu;

function Items({ parts: P, items }: { parts: Parts; items: readonly RowMenuItem[] }) {
  const firstDanger = items.findIndex((item) => item.danger);
  return items.map((item, i) => {
    const Icon = item.icon;
    return (
      <Fragment key={item.label}>
        {i === firstDanger && i > 0 ? <P.Separator className="my-1 h-px bg-slate-200" /> : null}
        <P.Item disabled={item.disabled} onSelect={item.onSelect} className={`${ITEM} ${item.danger ? 'text-rose-800' : ''}`}>
          {Icon ? <Icon aria-hidden="true" className="size-4 shrink-0" /> : null}
          {item.label}
        </P.Item>
      </Fragment>
    );
  });
}

/**
 * The "⋯" button for a row ("More actions for report.pdf"); its menu is
 * named by it (aria-labelledby, from Radix).
 */
export function RowMenuButton({ name, items }: { name: string; items: readonly RowMenuItem[] }) {
  return (
    <DropdownMenu.Root modal={false /* [Note: menus are not modal] */}>
      <DropdownMenu.Trigger
        aria-label={`More actions for ${name}`}
        className={`inline-flex shrink-0 items-center justify-center rounded-lg text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-700 data-[state=open]:bg-slate-100 ${TOUCH_TARGET}`}
      >
        <MoreHorizontal aria-hidden="true" className="size-5" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={4} collisionPadding={8} className={CONTENT}>
          <Items parts={DropdownMenu} items={items} />
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

/** Wraps a row (its single child, e.g. an <li>) so right-click or long-press opens the same items. */
export function RowContextMenu({ name, items, children }: { name: string; items: readonly RowMenuItem[]; children: ReactElement }) {
  return (
    <ContextMenu.Root modal={false /* [Note: menus are not modal] */}>
      <ContextMenu.Trigger asChild>{children}</ContextMenu.Trigger>
      <ContextMenu.Portal>
        <ContextMenu.Content aria-label={`Actions for ${name}`} collisionPadding={8} className={CONTENT}>
          <Items parts={ContextMenu} items={items} />
        </ContextMenu.Content>
      </ContextMenu.Portal>
    </ContextMenu.Root>
  );
}
