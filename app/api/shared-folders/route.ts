import { appDb } from '@/lib/server/db/app-db';
import { requireUserId } from '@/lib/server/auth/session';
import { listFoldersSharedWithMe } from '@/lib/server/folder-shares/recipient';
import { handler } from '@/lib/server/http';

// Folders shared with the caller, with envelopes the browser verifies and opens.
export const GET = handler(async () => {
  const userId = await requireUserId();
  return { shared: await listFoldersSharedWithMe(await appDb(), userId) };
});
