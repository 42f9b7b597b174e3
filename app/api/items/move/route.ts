import { appDb } from '@/lib/server/db/app-db';
import { moveItems } from '@/lib/server/folders/move';
import { requireUserId } from '@/lib/server/auth/session';
import { handler, readJson } from '@/lib/server/http';
import { moveItemsRequest } from '@/lib/shared/folders';

// Bulk move: one re-wrapped key per item, all or nothing (lib/server/folders/move.ts).
export const POST = handler(async (request) => {
  const userId = await requireUserId();
  const input = await readJson(request, moveItemsRequest);
  return moveItems(await appDb(), userId, input);
});
