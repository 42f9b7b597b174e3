import { useCallback, useState } from 'react';
import { isAbort } from '@/lib/client/files/messages';
import { useCancellable } from './use-cancellable';

export interface ActionContext {
  /** Aborted when the component unmounts or the next run starts. */
  signal: AbortSignal;
  /** Replaces the "Working…" message while the action runs. */
  progress: (message: string) => void;
}

/**
 * The busy flag, progress message and error of a component's one action at a
 * time, in place of a useState pair and a try/catch per component. A failure
 * becomes `toMessage(error, action)` (lib/client/errors.ts and the feature
 * mappers); a cancelled run is no failure and shows nothing.
 */
export function useAction(toMessage: (error: unknown, action: string) => string) {
  const [progress, setProgress] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { start, cancel } = useCancellable();
  const run = useCallback(async <T,>(action: string, work: (context: ActionContext) => Promise<T>): Promise<T | undefined> => {
    const signal = start();
    setError(null);
    setProgress('Working…');
    try {
      return await work({ signal, progress: setProgress });
    } catch (e) {
      if (!signal.aborted && !isAbort(e)) setError(toMessage(e, action));
      return undefined;
    } finally {
      // A run aborted by the next one leaves the busy state to it.
      if (!signal.aborted) setProgress(null);
    }
  }, [start, toMessage]);
  return { busy: progress !== null, progress, error, setError, run, cancel };
}
