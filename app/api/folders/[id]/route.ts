import { appDb } from '@/lib/server/db/app-db';
import { getFolder, renameFolder } from '@/lib/server/folders/folders';
import { requireUserId } from '@/lib/server/auth/session';
import { handler, readJson } from '@/lib/server/http';
import { renameFolderRequest } from '@/lib/shared/folders';

// A malformed id is a 404 like any id that is not the caller's (lib/server/folders/records.ts).
type Context = { params: Promise<{ id: string }> };

export const GET = handler(async (_request, { params }: Context) => {
  const userId = await requireUserId();
  return getFolder(await appDb(), userId, (await params).id);
});

// Rename: the client encrypts the new name under the folder's metadata key.
export const PATCH = handler(async (request, { params }: Context) => {
  const userId = await requireUserId();
  const input = await readJson(request, renameFolderRequest);
  return renameFolder(await appDb(), userId, (await params).id, input.encryptedMetadata);
});
