import { appDb } from '@/lib/server/db/app-db';
import { requireUserId } from '@/lib/server/auth/session';
import { sharedSubtree } from '@/lib/server/folder-shares/recipient';
import { handler } from '@/lib/server/http';

type Context = { params: Promise<{ shareId: string }> };

// The live subtree below a folder shared with the caller; 404 after revoke or while it is in the trash.
export const GET = handler(async (_request, { params }: Context) => {
  const userId = await requireUserId();
  return sharedSubtree(await appDb(), userId, (await params).shareId);
});
