import { completeUpload } from '@/lib/server/files/complete-upload';
import { filesDeps } from '@/lib/server/files/deps';
import { requireUserId } from '@/lib/server/auth/session';
import { handler, readJson } from '@/lib/server/http';
import { completeUploadRequest } from '@/lib/shared/files';

type Context = { params: Promise<{ id: string }> };

// Verifies the stored object and marks the file ready (idempotent).
export const POST = handler(async (request, { params }: Context) => {
  const userId = await requireUserId();
  const input = await readJson(request, completeUploadRequest);
  return completeUpload(await filesDeps(), userId, (await params).id, input);
});
