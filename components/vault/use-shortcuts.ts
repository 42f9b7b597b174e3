'use client';

import { useEffect, useRef } from 'react';

/** One key (`?`, `/`, `u`, `Delete`) or a two-key sequence written `g t`. */
export interface Shortcut {
  keys: string;
  /** What it does, for the help dialog ("Open the file picker"). */
  label: string;
  run: () => void;
}

/** Inputs that take no typing: a key pressed on them is still the page's. */
const NOT_TYPED = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color']);

/** How long the second key of a sequence (g then t) may take. */
const SEQUENCE_MS = 1000;

/**
 * Whether a key press belongs to the page rather than to what has focus:
 * typing in a field, a modifier chord (the browser's and the screen
 * reader's), or a key a dialog or menu already handled is never a shortcut.
 */
export function isShortcutEvent(event: KeyboardEvent): boolean {
  if (event.defaultPrevented || event.isComposing || event.ctrlKey || event.metaKey || event.altKey) return false;
  const target = event.target;
  if (target instanceof HTMLElement) {
    if (target.isContentEditable || target.closest('textarea, select')) return false;
    if (target instanceof HTMLInputElement && !NOT_TYPED.has(target.type)) return false;
    // A modal dialog or an open menu owns the keyboard; Escape there closes it and nothing else.
    if (target.closest('dialog, [role="menu"], [role="listbox"]')) return false;
  }
  return !document.querySelector('dialog[open]');
}

/** Page-wide single-key shortcuts, as Gmail and GitHub have them; `enabled` false while they must not fire. */
export function useShortcuts(shortcuts: readonly Shortcut[], enabled = true): void {
  // The latest list, without re-binding the listener on every render.
  const ref = useRef(shortcuts);
  useEffect(() => {
    ref.current = shortcuts;
  });
  useEffect(() => {
    if (!enabled) return;
    let pending: { key: string; at: number } | null = null;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isShortcutEvent(event)) return;
      const key = event.key;
      const now = event.timeStamp;
      const first = pending && now - pending.at < SEQUENCE_MS ? pending.key : null;
      pending = null;
      const match = (first ? ref.current.find((s) => s.keys === `${first} ${key}`) : undefined)
        ?? ref.current.find((s) => s.keys === key);
      if (match) {
        event.preventDefault();
        match.run();
        return;
      }
      if (ref.current.some((s) => s.keys.startsWith(`${key} `))) pending = { key, at: now };
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
