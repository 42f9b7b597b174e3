import { signOutEverywhere } from '@/lib/server/auth/account';
import { authDeps } from '@/lib/server/auth/deps';
import { requireSession, requireUserId } from '@/lib/server/auth/session';
import { listSessions, sessionPolicy } from '@/lib/server/auth/sessions';
import { handler } from '@/lib/server/http';

// The signed-in user's sessions, this one marked current.
export const GET = handler(async () => {
  const { userId, sessionId } = await requireSession();
  return { sessions: await listSessions((await authDeps()).db, userId, sessionId, sessionPolicy()) };
});

// Sign out everywhere: revokes every session of the user, this one included.
export const DELETE = handler(async () => {
  const userId = await requireUserId();
  await signOutEverywhere(await authDeps(), userId);
  return { ok: true };
});
