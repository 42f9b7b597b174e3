import { clientIp } from '@/lib/server/auth/client-ip';
import { authDeps } from '@/lib/server/auth/deps';
import { finishRecovery } from '@/lib/server/auth/recovery';
import { handler, readJson } from '@/lib/server/http';
import { recoveryFinishRequest } from '@/lib/shared/accounts';

export const POST = handler(async (request) => {
  const input = await readJson(request, recoveryFinishRequest);
  await finishRecovery(await authDeps(), input, clientIp(request.headers));
  return { ok: true };
});
