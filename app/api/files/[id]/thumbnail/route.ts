import { filesDeps } from '@/lib/server/files/deps';
import { presignThumbnailUpload, thumbnailUrl } from '@/lib/server/files/thumbnail';
import { requireUserId } from '@/lib/server/auth/session';
import { handler, readJson } from '@/lib/server/http';
import { thumbnailUploadRequest } from '@/lib/shared/thumbnails';

type Context = { params: Promise<{ id: string }> };

// A short-lived GET of the sealed thumbnail, or null; the browser decrypts (format.md §13).
export const GET = handler(async (_request, { params }: Context) => {
  const userId = await requireUserId();
  return thumbnailUrl(await filesDeps(), userId, (await params).id);
});

// A create-only PUT of exactly `size` bytes for the sealed thumbnail.
export const POST = handler(async (request, { params }: Context) => {
  const userId = await requireUserId();
  const { size } = await readJson(request, thumbnailUploadRequest);
  return presignThumbnailUpload(await filesDeps(), userId, (await params).id, size);
});
