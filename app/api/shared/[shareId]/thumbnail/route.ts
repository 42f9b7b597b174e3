import { filesDeps } from '@/lib/server/files/deps';
import { signThumbnail } from '@/lib/server/files/thumbnail';
import { requireUserId } from '@/lib/server/auth/session';
import { handler } from '@/lib/server/http';
import { readableSharedFile } from '@/lib/server/shares/recipient';

type Context = { params: Promise<{ shareId: string }> };

// A current recipient may see the thumbnail of what they may download; 404 after revoke.
export const GET = handler(async (_request, { params }: Context) => {
  const userId = await requireUserId();
  const deps = await filesDeps();
  return signThumbnail(deps.store, await readableSharedFile(deps, userId, (await params).shareId));
});
