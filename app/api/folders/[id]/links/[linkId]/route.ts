import { appDb } from '@/lib/server/db/app-db';
import { requireUserId } from '@/lib/server/auth/session';
import { handler } from '@/lib/server/http';
import { revokeFolderLink } from '@/lib/server/links/folder-owner';

type Context = { params: Promise<{ id: string; linkId: string }> };

// Revoke: the wrapped folder key is deleted, so the URL opens nothing from now on.
export const DELETE = handler(async (_request, { params }: Context) => {
  const userId = await requireUserId();
  const { id, linkId } = await params;
  await revokeFolderLink(await appDb(), userId, id, linkId);
  return { ok: true };
});
