import { FolderClosed, Link2, Settings, Trash2, Users, type LucideIcon } from 'lucide-react';

/** The vault's views: /vault shows one of them from ?view=, so the decrypted tree stays mounted between them. */
export type VaultView = 'files' | 'shared' | 'trash';

export function vaultView(param: string | null): VaultView {
  return param === 'shared' || param === 'trash' ? param : 'files';
}

/** Each view's page title, the same words as its navigation item. */
export const VIEW_TITLES: Readonly<Record<VaultView, string>> = { files: 'My files', shared: 'Shared with me', trash: 'Trash' };

export interface NavItem {
  label: string;
  href: string;
  icon: LucideIcon;
  /** Whether this item is the page being shown (aria-current="page"). */
  current(pathname: string, view: VaultView): boolean;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { label: 'My files', href: '/vault', icon: FolderClosed, current: (p, v) => p === '/vault' && v === 'files' },
  { label: 'Shared with me', href: '/vault?view=shared', icon: Users, current: (p, v) => p === '/vault' && v === 'shared' },
  { label: 'Links and sharing', href: '/sharing', icon: Link2, current: (p) => p.startsWith('/sharing') },
  { label: 'Trash', href: '/vault?view=trash', icon: Trash2, current: (p, v) => p === '/vault' && v === 'trash' },
  { label: 'Settings', href: '/settings', icon: Settings, current: (p) => p.startsWith('/settings') },
];
