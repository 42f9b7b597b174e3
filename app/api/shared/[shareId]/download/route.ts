import { filesDeps } from '@/lib/server/files/deps';
import { requireUserId } from '@/lib/server/auth/session';
import { handler } from '@/lib/server/http';
import { sharedDownloadUrl } from '@/lib/server/shares/recipient';

type Context = { params: Promise<{ shareId: string }> };

// A presigned GET of the ciphertext for a current recipient; 404 after revoke.
export const GET = handler(async (_request, { params }: Context) => {
  const userId = await requireUserId();
  return sharedDownloadUrl(await filesDeps(), userId, (await params).shareId);
});
