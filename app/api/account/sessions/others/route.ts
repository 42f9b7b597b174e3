import { authDeps } from '@/lib/server/auth/deps';
import { requireSession } from '@/lib/server/auth/session';
import { revokeOtherSessions } from '@/lib/server/auth/sessions';
import { AppError } from '@/lib/server/errors';
import { handler } from '@/lib/server/http';

// "Sign out all other sessions": every session of the user but this one ends.
export const DELETE = handler(async () => {
  const { userId, sessionId } = await requireSession();
  if (!sessionId) throw new AppError('unauthorized', 'sign in again first');
  await revokeOtherSessions((await authDeps()).db, userId, sessionId);
  return { ok: true };
});
