import { useCallback, useEffect, useMemo, useRef } from 'react';

/**
 * One AbortController per action: `start()` aborts the run before it and hands
 * out a fresh signal; unmounting aborts the last one, so a closed dialog or a
 * left page stops its download, upload or re-encryption instead of finishing
 * it unseen.
 */
export function useCancellable(): { start: () => AbortSignal; cancel: () => void } {
  const current = useRef<AbortController | null>(null);
  const cancel = useCallback(() => {
    current.current?.abort(new DOMException('cancelled', 'AbortError'));
    current.current = null;
  }, []);
  const start = useCallback(() => {
    cancel();
    const controller = new AbortController();
    current.current = controller;
    return controller.signal;
  }, [cancel]);
  useEffect(() => cancel, [cancel]);
  return useMemo(() => ({ start, cancel }), [start, cancel]);
}
