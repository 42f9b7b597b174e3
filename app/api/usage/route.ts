import { filesDeps } from '@/lib/server/files/deps';
import { getUsage } from '@/lib/server/files/quota';
import { requireUserId } from '@/lib/server/auth/session';
import { handler } from '@/lib/server/http';

// Ciphertext bytes used and reserved, against the quota.
export const GET = handler(async () => {
  const userId = await requireUserId();
  const deps = await filesDeps();
  return getUsage(deps.db, userId, deps.quotaBytes);
});
