import { signOutEverywhere } from '@/lib/server/auth/account';
import { authDeps } from '@/lib/server/auth/deps';
import { requireUserId } from '@/lib/server/auth/session';
import { handler } from '@/lib/server/http';

// Sign out everywhere: revokes every session of the user, this one included.
export const DELETE = handler(async () => {
  const userId = await requireUserId();
  await signOutEverywhere(await authDeps(), userId);
  return { ok: true };
});
