import { useCallback, useState } from 'react';
import { errorMessage } from './error-message';

/** Runs one long account action at a time, with its progress message and error. */
export function useBusy() {
  const [progress, setProgress] = useState<string>();
  const [error, setError] = useState<string>();
  const run = useCallback(async <T,>(work: (progress: (message: string) => void) => Promise<T>): Promise<T | undefined> => {
    setError(undefined);
    setProgress('Working…');
    try {
      return await work(setProgress);
    } catch (e) {
      setError(errorMessage(e));
      return undefined;
    } finally {
      setProgress(undefined);
    }
  }, []);
  return { busy: progress !== undefined, progress, error, run };
}
