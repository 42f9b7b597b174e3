import { ApiError } from '@/lib/client/api-call';
import { IntegrityError } from '@/lib/crypto/errors';
import { plural } from '@/lib/shared/plural';
import { UserFacingError } from '@/lib/shared/user-facing-error';

/** What the user reads when an account action fails; never a stack or internals. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'rate_limited') {
      return `Too many attempts. Try again in ${plural(error.retryAfterSeconds ?? 60, { one: '# second', other: '# seconds' })}.`;
    }
    // The account routes word their refusals for people ("that email is already registered").
    return error.message.charAt(0).toUpperCase() + error.message.slice(1) + '.';
  }
  // WrongCredentialsError, WeakParamsError and every other message written for the user.
  if (error instanceof UserFacingError) return error.message;
  if (error instanceof IntegrityError) return 'Your keys could not be opened: the stored data failed an integrity check.';
  // The recovery key's base32 decoder refuses a malformed key with a RangeError.
  if (error instanceof RangeError) return 'That recovery key is not valid: it is 32 characters from A-Z and 2-7.';
  return 'Something went wrong. Please try again.';
}
