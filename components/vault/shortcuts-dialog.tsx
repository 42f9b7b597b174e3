'use client';

import { Dialog } from '@/components/ui/dialog';
import type { Shortcut } from './use-shortcuts';

function Keys({ keys }: { keys: string }) {
  const parts = keys.split(' ');
  return (
    <span className="flex shrink-0 items-center gap-1">
      {parts.map((k, i) => (
        <span key={i} className="flex items-center gap-1">
          {i > 0 ? <span className="text-xs text-slate-600">then</span> : null}
          <kbd className="min-w-7 rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 text-center font-mono text-xs text-slate-900">{k}</kbd>
        </span>
      ))}
    </span>
  );
}

/** The "?" help: every shortcut the vault page answers to. */
export function ShortcutsDialog({ shortcuts, onClose }: { shortcuts: readonly Shortcut[]; onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" description="They work when no text field has focus." onClose={onClose}>
      <ul aria-label="Keyboard shortcuts" className="divide-y divide-slate-100 text-sm">
        {shortcuts.map((s) => (
          <li key={s.keys} className="flex items-center justify-between gap-4 py-2">
            <span>{s.label}</span>
            <Keys keys={s.keys} />
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
