import { appDb } from '@/lib/server/db/app-db';
import { requireUserId } from '@/lib/server/auth/session';
import { handler, readJson } from '@/lib/server/http';
import { createShare, listShares } from '@/lib/server/shares/owner';
import { createShareRequest } from '@/lib/shared/shares';

type Context = { params: Promise<{ id: string }> };

// Owner only: anyone else gets the files' 404 (lib/server/shares/owner.ts).
export const POST = handler(async (request, { params }: Context) => {
  const userId = await requireUserId();
  const input = await readJson(request, createShareRequest);
  return createShare(await appDb(), userId, (await params).id, input.recipientId, input.envelope, {
    canReshare: input.canReshare, canDelete: input.canDelete,
  });
});

export const GET = handler(async (_request, { params }: Context) => {
  const userId = await requireUserId();
  return { shares: await listShares(await appDb(), userId, (await params).id) };
});
