import { deleteFile } from '@/lib/server/files/discard';
import { filesDeps } from '@/lib/server/files/deps';
import { getFile, renameFile } from '@/lib/server/files/queries';
import { requireUserId } from '@/lib/server/auth/session';
import { handler, readJson } from '@/lib/server/http';
import { renameFileRequest } from '@/lib/shared/files';

// Ids are checked in lib/server/files/records.ts: a malformed id is a 404 like
// any id that is not the caller's ([Note: not found, never forbidden]).
type Context = { params: Promise<{ id: string }> };

export const GET = handler(async (_request, { params }: Context) => {
  const userId = await requireUserId();
  return getFile(await filesDeps(), userId, (await params).id);
});

// Rename: the client re-encrypts the metadata; the server swaps the blob.
export const PATCH = handler(async (request, { params }: Context) => {
  const userId = await requireUserId();
  const input = await readJson(request, renameFileRequest);
  return renameFile(await filesDeps(), userId, (await params).id, input.encryptedMetadata);
});

// Aborts a pending upload or deletes a ready file.
export const DELETE = handler(async (_request, { params }: Context) => {
  const userId = await requireUserId();
  await deleteFile(await filesDeps(), userId, (await params).id);
  return { ok: true };
});
