import { ApiError } from '@/lib/client/account/api';
import { plural } from '@/lib/shared/plural';

/** What the user reads when an account action fails; never a stack or internals. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'rate_limited') {
      return `Too many attempts. Try again in ${plural(error.retryAfterSeconds ?? 60, { one: '# second', other: '# seconds' })}.`;
    }
    return error.message.charAt(0).toUpperCase() + error.message.slice(1) + '.';
  }
  if (error instanceof Error) {
    if (error.name === 'WrongCredentialsError' || error.name === 'WeakParamsError') return error.message;
    if (error.name === 'IntegrityError') return 'Your keys could not be opened: the stored data failed an integrity check.';
    if (error.name === 'RangeError') return 'That recovery key is not valid: it is 32 characters from A-Z and 2-7.';
  }
  return 'Something went wrong. Please try again.';
}
