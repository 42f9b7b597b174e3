'use client';

import { useCallback, useMemo, useState } from 'react';

/**
 * Which rows of the list on screen are selected. `scope` names the list
 * (view, folder, search): a new scope starts empty, so a selection never
 * reaches items the person can no longer see. `ids` is the list in screen
 * order; ids that left it (moved, trashed elsewhere) drop out.
 */
export function useSelection(ids: readonly string[], scope: string) {
  const [state, setState] = useState<{ scope: string; picked: ReadonlySet<string>; anchor: string | null }>({ scope, picked: new Set(), anchor: null });
  // Derived rather than reset in an effect: no render ever shows the old scope's selection.
  const current = state.scope === scope ? state : { scope, picked: new Set<string>(), anchor: null };
  const selected = useMemo(() => new Set(ids.filter((id) => current.picked.has(id))), [ids, current.picked]);

  /** A click: toggles one row; with shift, sets every row from the last clicked one to this one as this one becomes. */
  const toggle = useCallback((id: string, range = false) => {
    setState((s) => {
      const base = s.scope === scope ? s : { scope, picked: new Set<string>(), anchor: null };
      const next = new Set(base.picked);
      const on = !next.has(id);
      const from = base.anchor === null ? -1 : ids.indexOf(base.anchor);
      const to = ids.indexOf(id);
      if (range && from !== -1 && to !== -1) {
        for (let i = Math.min(from, to); i <= Math.max(from, to); i++) {
          if (on) next.add(ids[i]!);
          else next.delete(ids[i]!);
        }
      } else if (on) next.add(id);
      else next.delete(id);
      return { scope, picked: next, anchor: id };
    });
  }, [ids, scope]);

  const allSelected = ids.length > 0 && selected.size === ids.length;
  const toggleAll = useCallback(() => {
    setState({ scope, picked: allSelected ? new Set() : new Set(ids), anchor: null });
  }, [ids, scope, allSelected]);
  const clear = useCallback(() => setState({ scope, picked: new Set(), anchor: null }), [scope]);

  return { selected, toggle, toggleAll, clear, allSelected, someSelected: selected.size > 0 && !allSelected };
}

/** What a list row needs to show and change its checkbox; keys are "file:<id>" / "folder:<id>". */
export interface RowSelection {
  isSelected(key: string): boolean;
  toggle(key: string, range: boolean): void;
}
