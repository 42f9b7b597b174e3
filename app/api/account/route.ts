import { getAccount } from '@/lib/server/auth/account';
import { authDeps } from '@/lib/server/auth/deps';
import { requireUserId } from '@/lib/server/auth/session';
import { handler } from '@/lib/server/http';

export const GET = handler(async () => {
  const userId = await requireUserId();
  return getAccount(await authDeps(), userId);
});
