import { filesDeps } from '@/lib/server/files/deps';
import { deleteForever } from '@/lib/server/folders/purge';
import { requireUserId } from '@/lib/server/auth/session';
import { handler, readJson } from '@/lib/server/http';
import { itemsRequest } from '@/lib/shared/folders';

// Delete forever: trash entries only; objects, then rows (lib/server/folders/purge.ts).
export const POST = handler(async (request) => {
  const userId = await requireUserId();
  const input = await readJson(request, itemsRequest);
  return deleteForever(await filesDeps(), userId, input);
});
