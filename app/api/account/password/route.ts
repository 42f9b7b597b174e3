import { changePassword } from '@/lib/server/auth/account';
import { clientIp } from '@/lib/server/auth/client-ip';
import { authDeps } from '@/lib/server/auth/deps';
import { requireUserId } from '@/lib/server/auth/session';
import { handler, readJson } from '@/lib/server/http';
import { changePasswordRequest } from '@/lib/shared/accounts';

export const PUT = handler(async (request) => {
  const userId = await requireUserId();
  const input = await readJson(request, changePasswordRequest);
  await changePassword(await authDeps(), userId, input, clientIp(request.headers));
  return { ok: true };
});
