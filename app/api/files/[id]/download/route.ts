import { downloadUrl } from '@/lib/server/files/download';
import { filesDeps } from '@/lib/server/files/deps';
import { requireUserId } from '@/lib/server/auth/session';
import { handler } from '@/lib/server/http';

type Context = { params: Promise<{ id: string }> };

// A short-lived presigned GET of the ciphertext; the browser decrypts.
export const GET = handler(async (_request, { params }: Context) => {
  const userId = await requireUserId();
  return downloadUrl(await filesDeps(), userId, (await params).id);
});
