// Plain-language messages for a visitor of a public link.
import { ApiError } from '@/lib/client/api-call';
import { fileErrorMessage } from '@/lib/client/files/messages';
import { plural } from '@/lib/shared/plural';

export function linkErrorMessage(error: unknown, action: string): string {
  if (error instanceof ApiError) {
    if (error.code === 'not_found') return 'This link does not exist or was revoked by its owner.';
    if (error.code === 'gone') return `This link can no longer be used: ${error.message}. Ask the sender for a new one.`;
    if (error.code === 'wrong_password') return 'Wrong password. Check it and try again.';
    if (error.code === 'forbidden') return 'This link is incomplete. Copy the whole address, including everything after #.';
    if (error.code === 'rate_limited') {
      return `Too many wrong attempts. Try again in ${plural(Math.ceil((error.retryAfterSeconds ?? 60) / 60), { one: '# minute', other: '# minutes' })}.`;
    }
  }
  return fileErrorMessage(error, action);
}
