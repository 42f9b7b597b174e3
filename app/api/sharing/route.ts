import { appDb } from '@/lib/server/db/app-db';
import { requireUserId } from '@/lib/server/auth/session';
import { handler } from '@/lib/server/http';
import { listOwnerLinks } from '@/lib/server/links/owner';
import { listOwnerShares } from '@/lib/server/shares/owner';

// The owner's audit view: every share and link they made, with the counters.
export const GET = handler(async () => {
  const userId = await requireUserId();
  const db = await appDb();
  return { shares: await listOwnerShares(db, userId), links: await listOwnerLinks(db, userId) };
});
