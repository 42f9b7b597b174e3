import { clientIp } from '@/lib/server/auth/client-ip';
import { authDeps } from '@/lib/server/auth/deps';
import { deviceOf } from '@/lib/server/auth/device-cookie';
import { startSignIn } from '@/lib/server/auth/login';
import { handler, readJson } from '@/lib/server/http';
import { loginStartRequest } from '@/lib/shared/accounts';

// Open route: sign-in step 1. Step 2 is next-auth's authorize() (POST /api/auth/callback/opaque).
export const POST = handler(async (request) => {
  const input = await readJson(request, loginStartRequest);
  return startSignIn(await authDeps(), input, clientIp(request.headers), deviceOf(request.headers.get('cookie')));
});
