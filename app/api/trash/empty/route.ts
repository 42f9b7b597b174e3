import { filesDeps } from '@/lib/server/files/deps';
import { emptyTrash } from '@/lib/server/folders/purge';
import { requireUserId } from '@/lib/server/auth/session';
import { handler } from '@/lib/server/http';

// Empty the trash: every entry of the caller's, for good (lib/server/folders/purge.ts).
export const POST = handler(async () => {
  const userId = await requireUserId();
  return emptyTrash(await filesDeps(), userId);
});
