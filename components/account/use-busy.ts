import { useCallback } from 'react';
import { useAction } from '@/components/hooks/use-action';
import { errorMessage } from './error-message';

/** Runs one long account action at a time, with its progress message and error (components/hooks/use-action.ts). */
export function useBusy() {
  const { busy, progress, error, run: runAction } = useAction(errorMessage);
  const run = useCallback(<T,>(work: (progress: (message: string) => void) => Promise<T>): Promise<T | undefined> =>
    runAction('', ({ progress: report }) => work(report)), [runAction]);
  return { busy, progress: progress ?? undefined, error: error ?? undefined, run };
}
