import { filesDeps } from '@/lib/server/files/deps';
import { requireUserId } from '@/lib/server/auth/session';
import { sharedFolderDownloadUrl } from '@/lib/server/folder-shares/recipient';
import { handler } from '@/lib/server/http';

type Context = { params: Promise<{ shareId: string; fileId: string }> };

// A presigned GET of a file below the shared folder; 404 for any file outside it or in the trash.
export const GET = handler(async (_request, { params }: Context) => {
  const userId = await requireUserId();
  const { shareId, fileId } = await params;
  return sharedFolderDownloadUrl(await filesDeps(), userId, shareId, fileId);
});
