import { appDb } from '@/lib/server/db/app-db';
import { requireUserId } from '@/lib/server/auth/session';
import { createFolderShare, listFolderShares } from '@/lib/server/folder-shares/owner';
import { handler, readJson } from '@/lib/server/http';
import { createFolderShareRequest } from '@/lib/shared/folder-shares';

type Context = { params: Promise<{ id: string }> };

// Owner only: anyone else gets the folders' 404 (lib/server/folder-shares/owner.ts).
export const POST = handler(async (request, { params }: Context) => {
  const userId = await requireUserId();
  const input = await readJson(request, createFolderShareRequest);
  return createFolderShare(await appDb(), userId, (await params).id, input.recipientId, input.envelope);
});

export const GET = handler(async (_request, { params }: Context) => {
  const userId = await requireUserId();
  return { shares: await listFolderShares(await appDb(), userId, (await params).id) };
});
