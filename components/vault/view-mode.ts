'use client';

import { useCallback, useSyncExternalStore } from 'react';

export type ViewMode = 'list' | 'grid';

// [Note: view mode] A preference of this browser, not of the account: it is
// kept in localStorage, never sent to the server. Tabs follow each other
// through the storage event; this tab through the listeners below.
const KEY = 'twofold:files-view';
const listeners = new Set<() => void>();

function read(): ViewMode {
  try {
    return localStorage.getItem(KEY) === 'grid' ? 'grid' : 'list';
  } catch {
    return 'list'; // storage refused (privacy mode): the default, every time
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === KEY) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** The files section's layout, list or grid, remembered across reloads. */
export function useViewMode(): [ViewMode, (mode: ViewMode) => void] {
  const mode = useSyncExternalStore(subscribe, read, () => 'list' as const);
  const set = useCallback((next: ViewMode) => {
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // Not remembered; the switch still applies until the page is left.
    }
    for (const listener of listeners) listener();
  }, []);
  return [mode, set];
}
