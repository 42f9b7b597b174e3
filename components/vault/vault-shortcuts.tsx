'use client';

// The vault page's keyboard shortcuts and their "?" help. The actions are
// the page's own (vault-files.tsx passes them in); the picker and the search
// field are found in the page by their role, so this module needs no refs
// into components it does not own.
import { Keyboard } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, type RefObject } from 'react';
import { Button } from '@/components/ui/button';
import type { VaultView } from '@/components/shell/nav-items';
import { ShortcutsDialog } from './shortcuts-dialog';
import { useShortcuts, type Shortcut } from './use-shortcuts';

export function VaultShortcuts({ root, view, onNewFolder, onTrashSelected, onClearSelection }: {
  /** The page's root element: the picker and the search field are looked up inside it. */
  root: RefObject<HTMLElement | null>;
  view: VaultView;
  onNewFolder: () => void;
  onTrashSelected: () => void;
  onClearSelection: () => void;
}) {
  const [help, setHelp] = useState(false);
  const router = useRouter();
  const inFiles = view === 'files';
  const find = <T extends HTMLElement>(selector: string) => root.current?.querySelector<T>(selector) ?? null;
  const shortcuts: Shortcut[] = [
    { keys: '?', label: 'Show keyboard shortcuts', run: () => setHelp(true) },
    ...(inFiles ? [
      { keys: '/', label: 'Search all folders', run: () => find<HTMLInputElement>('input[type="search"]')?.focus() },
      // A click from a key press counts as a user gesture: the browser opens its picker.
      { keys: 'u', label: 'Upload files', run: () => find<HTMLInputElement>('[role="toolbar"][aria-label="File actions"] input[type="file"]:not([webkitdirectory])')?.click() },
      { keys: 'n', label: 'New folder', run: onNewFolder },
      { keys: 'Delete', label: 'Move the selected items to the trash', run: onTrashSelected },
    ] : []),
    { keys: 'Escape', label: 'Clear the selection', run: onClearSelection },
    { keys: 'g f', label: 'Go to My files', run: () => router.push('/vault') },
    { keys: 'g s', label: 'Go to Shared with me', run: () => router.push('/vault?view=shared') },
    { keys: 'g t', label: 'Go to Trash', run: () => router.push('/vault?view=trash') },
  ];
  useShortcuts(shortcuts);
  return (
    <>
      {/* Phones have no keyboard to press them with; a paired one still gets "?". */}
      <span className="hidden md:contents">
        <Button variant="secondary" className="gap-2 px-3 py-1.5" onClick={() => setHelp(true)} aria-keyshortcuts="?">
          <Keyboard aria-hidden="true" className="size-4" />
          Keyboard shortcuts
        </Button>
      </span>
      {help ? <ShortcutsDialog shortcuts={shortcuts} onClose={() => setHelp(false)} /> : null}
    </>
  );
}
