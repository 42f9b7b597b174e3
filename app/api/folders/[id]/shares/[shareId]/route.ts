import { appDb } from '@/lib/server/db/app-db';
import { requireUserId } from '@/lib/server/auth/session';
import { revokeFolderShare } from '@/lib/server/folder-shares/owner';
import { handler } from '@/lib/server/http';

type Context = { params: Promise<{ id: string; shareId: string }> };

// Revoke: the envelope is deleted and the subtree is no longer served; what the recipient already opened stays with them.
export const DELETE = handler(async (_request, { params }: Context) => {
  const userId = await requireUserId();
  const { id, shareId } = await params;
  await revokeFolderShare(await appDb(), userId, id, shareId);
  return { ok: true };
});
