import { authDeps } from '@/lib/server/auth/deps';
import { finishRegistration } from '@/lib/server/auth/registration';
import { handler, readJson } from '@/lib/server/http';
import { registerFinishRequest } from '@/lib/shared/accounts';

// Open route, gated by the single-use registration id from step 1.
export const POST = handler(async (request) => {
  const input = await readJson(request, registerFinishRequest);
  await finishRegistration(await authDeps(), input);
  return { ok: true };
});
