import { filesDeps } from '@/lib/server/files/deps';
import { presignParts } from '@/lib/server/files/presign-parts';
import { requireUserId } from '@/lib/server/auth/session';
import { handler, readJson } from '@/lib/server/http';
import { presignPartsRequest } from '@/lib/shared/files';

type Context = { params: Promise<{ id: string }> };

// More (or fresh) part URLs for a pending upload.
export const POST = handler(async (request, { params }: Context) => {
  const userId = await requireUserId();
  const input = await readJson(request, presignPartsRequest);
  return { parts: await presignParts(await filesDeps(), userId, (await params).id, input.partNumbers) };
});
