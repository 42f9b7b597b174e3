import { filesDeps } from '@/lib/server/files/deps';
import { requireUserId } from '@/lib/server/auth/session';
import { handler } from '@/lib/server/http';
import { listSharedWithMe } from '@/lib/server/shares/recipient';

// Files shared with the caller, with envelopes the browser verifies and opens.
export const GET = handler(async () => {
  const userId = await requireUserId();
  return { shared: await listSharedWithMe(await filesDeps(), userId) };
});
