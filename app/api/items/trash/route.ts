import { appDb } from '@/lib/server/db/app-db';
import { trashItems } from '@/lib/server/folders/trash';
import { requireUserId } from '@/lib/server/auth/session';
import { handler, readJson } from '@/lib/server/http';
import { itemsRequest } from '@/lib/shared/folders';

// Bulk move to the trash, all or nothing (lib/server/folders/trash.ts).
export const POST = handler(async (request) => {
  const userId = await requireUserId();
  const input = await readJson(request, itemsRequest);
  return trashItems(await appDb(), userId, input);
});
