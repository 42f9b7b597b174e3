import { clientIp } from '@/lib/server/auth/client-ip';
import { authDeps } from '@/lib/server/auth/deps';
import { startRegistration } from '@/lib/server/auth/registration';
import { handler, readJson } from '@/lib/server/http';
import { registerStartRequest } from '@/lib/shared/accounts';

// Open route: sign-up step 1 (OPAQUE registration request → response).
export const POST = handler(async (request) => {
  const input = await readJson(request, registerStartRequest);
  return startRegistration(await authDeps(), input, clientIp(request.headers));
});
