import { clientIp } from '@/lib/server/auth/client-ip';
import { authDeps } from '@/lib/server/auth/deps';
import { startRecovery } from '@/lib/server/auth/recovery';
import { handler, readJson } from '@/lib/server/http';
import { recoveryStartRequest } from '@/lib/shared/accounts';

// Open route: "forgot password", gated by the recovery auth token.
export const POST = handler(async (request) => {
  const input = await readJson(request, recoveryStartRequest);
  return startRecovery(await authDeps(), input, clientIp(request.headers));
});
