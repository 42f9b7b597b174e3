import { appDb } from '@/lib/server/db/app-db';
import { restoreItems } from '@/lib/server/folders/trash';
import { requireUserId } from '@/lib/server/auth/session';
import { handler, readJson } from '@/lib/server/http';
import { restoreItemsRequest } from '@/lib/shared/folders';

// Bulk restore from the trash, all or nothing (lib/server/folders/trash.ts).
export const POST = handler(async (request) => {
  const userId = await requireUserId();
  const input = await readJson(request, restoreItemsRequest);
  return restoreItems(await appDb(), userId, input);
});
