// Plain-language messages for file actions. Never a stack trace, never a
// server internal: what happened and what the user can do (lib/client/errors.ts).
import { FormatError, IntegrityError } from '@/lib/crypto/errors';
import { isAbortError, isNotReadableError } from '../browser-errors';
import { userErrorMessage } from '../errors';
import { SaveCancelledError } from './download/download-sinks';

export function fileErrorMessage(error: unknown, action: string): string {
  // A header that does not parse is as much damage as a chunk that does not authenticate.
  if (error instanceof IntegrityError || error instanceof FormatError) return 'This file was altered or damaged and cannot be opened.';
  if (isNotReadableError(error)) return 'The browser could not read that file from your device. Select it again.';
  return userErrorMessage(error, action);
}

/** The user stopped it (a cancel, a closed save dialog): not a failure worth a message. */
export function isAbort(error: unknown): boolean {
  return isAbortError(error) || error instanceof SaveCancelledError;
}
