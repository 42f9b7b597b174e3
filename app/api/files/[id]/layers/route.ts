import { fileLayers } from '@/lib/server/files/download';
import { filesDeps } from '@/lib/server/files/deps';
import { requireUserId } from '@/lib/server/auth/session';
import { handler } from '@/lib/server/http';

type Context = { params: Promise<{ id: string }> };

// Live HeadObject of the stored object plus a URL for its first 64 bytes.
export const GET = handler(async (_request, { params }: Context) => {
  const userId = await requireUserId();
  return fileLayers(await filesDeps(), userId, (await params).id);
});
