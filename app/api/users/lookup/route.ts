import { clientIp } from '@/lib/server/auth/client-ip';
import { appDb } from '@/lib/server/db/app-db';
import { requireUserId } from '@/lib/server/auth/session';
import { handler } from '@/lib/server/http';
import { lookupPublicKeys } from '@/lib/server/shares/directory';
import { lookupQuery } from '@/lib/shared/shares';

// The public-key directory: sign-in required; 404 for unknown emails
// ([Note: directory enumeration] in lib/server/shares/directory.ts).
export const GET = handler(async (request) => {
  const userId = await requireUserId();
  const { email } = lookupQuery.parse({ email: new URL(request.url).searchParams.get('email') ?? '' });
  return lookupPublicKeys(await appDb(), email, { userId, ip: clientIp(request.headers) });
});
