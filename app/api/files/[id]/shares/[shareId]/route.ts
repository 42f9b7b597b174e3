import { appDb } from '@/lib/server/db/app-db';
import { requireUserId } from '@/lib/server/auth/session';
import { handler } from '@/lib/server/http';
import { revokeShare } from '@/lib/server/shares/owner';

type Context = { params: Promise<{ id: string; shareId: string }> };

// Revoke: the envelope is deleted; copies already downloaded stay with the recipient.
export const DELETE = handler(async (_request, { params }: Context) => {
  const userId = await requireUserId();
  const { id, shareId } = await params;
  await revokeShare(await appDb(), userId, id, shareId);
  return { ok: true };
});
