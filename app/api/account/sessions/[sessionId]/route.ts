import { authDeps } from '@/lib/server/auth/deps';
import { requireUserId } from '@/lib/server/auth/session';
import { revokeSession } from '@/lib/server/auth/sessions';
import { AppError } from '@/lib/server/errors';
import { handler } from '@/lib/server/http';
import { sessionIdSchema } from '@/lib/shared/sessions';

// Ends one session; another user's session id is as unknown as a made-up one (404).
export const DELETE = handler(async (_request, { params }: { params: Promise<{ sessionId: string }> }) => {
  const userId = await requireUserId();
  const sessionId = sessionIdSchema.parse((await params).sessionId);
  if (!(await revokeSession((await authDeps()).db, userId, sessionId))) throw new AppError('not_found', 'no such session; it may have ended already');
  return { ok: true };
});
