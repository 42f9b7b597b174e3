import { confirmRecoveryKey } from '@/lib/server/auth/account';
import { authDeps } from '@/lib/server/auth/deps';
import { requireUserId } from '@/lib/server/auth/session';
import { handler, readJson } from '@/lib/server/http';
import { confirmRecoveryKeyRequest } from '@/lib/shared/accounts';

export const POST = handler(async (request) => {
  const userId = await requireUserId();
  const input = await readJson(request, confirmRecoveryKeyRequest);
  await confirmRecoveryKey(await authDeps(), userId, input);
  return { ok: true };
});
