import { createUpload } from '@/lib/server/files/create-upload';
import { filesDeps } from '@/lib/server/files/deps';
import { listFiles } from '@/lib/server/files/queries';
import { requireUserId } from '@/lib/server/auth/session';
import { handler, readJson } from '@/lib/server/http';
import { createUploadRequest } from '@/lib/shared/files';

// Start an upload: reserve quota, get presigned URLs (lib/server/files/create-upload.ts).
export const POST = handler(async (request) => {
  const userId = await requireUserId();
  const input = await readJson(request, createUploadRequest);
  return createUpload(await filesDeps(), userId, input);
});

export const GET = handler(async () => {
  const userId = await requireUserId();
  return { files: await listFiles(await filesDeps(), userId) };
});
