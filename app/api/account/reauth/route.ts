import { clientIp } from '@/lib/server/auth/client-ip';
import { authDeps } from '@/lib/server/auth/deps';
import { startReauth } from '@/lib/server/auth/login';
import { requireUserId } from '@/lib/server/auth/session';
import { handler, readJson } from '@/lib/server/http';
import { reauthStartRequest } from '@/lib/shared/accounts';

// Confirm the current password (fresh OPAQUE login) before a sensitive change.
export const POST = handler(async (request) => {
  const userId = await requireUserId();
  const input = await readJson(request, reauthStartRequest);
  return startReauth(await authDeps(), userId, input, clientIp(request.headers));
});
