import { clientIp } from '@/lib/server/auth/client-ip';
import { filesDeps } from '@/lib/server/files/deps';
import { handler, readJson } from '@/lib/server/http';
import { folderLinkDownloadUrls } from '@/lib/server/links/folder-visitor';
import { folderLinkDownloadRequest } from '@/lib/shared/folder-links';

type Context = { params: Promise<{ linkId: string }> };

// Anonymous: one call is one download action ([Note: folder link downloads]).
export const POST = handler(async (request, { params }: Context) => {
  const { accessKey, fileIds } = await readJson(request, folderLinkDownloadRequest);
  return folderLinkDownloadUrls(await filesDeps(), (await params).linkId, accessKey, fileIds, clientIp(request.headers));
});
