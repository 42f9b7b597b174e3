import { appDb } from '@/lib/server/db/app-db';
import { createFolder, listFolders } from '@/lib/server/folders/folders';
import { requireUserId } from '@/lib/server/auth/session';
import { handler, readJson } from '@/lib/server/http';
import { createFolderRequest } from '@/lib/shared/folders';

// Folders (issue 10; docs/format.md §2.1): the server keeps the tree's shape and opaque blobs.
export const GET = handler(async () => {
  const userId = await requireUserId();
  return { folders: await listFolders(await appDb(), userId) };
});

export const POST = handler(async (request) => {
  const userId = await requireUserId();
  const input = await readJson(request, createFolderRequest);
  return createFolder(await appDb(), userId, input);
});
