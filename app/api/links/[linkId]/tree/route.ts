import { clientIp } from '@/lib/server/auth/client-ip';
import { filesDeps } from '@/lib/server/files/deps';
import { handler, readJson } from '@/lib/server/http';
import { openFolderLink } from '@/lib/server/links/folder-visitor';
import { linkAccessRequest } from '@/lib/shared/links';

type Context = { params: Promise<{ linkId: string }> };

// Anonymous: the access key stands in for a session ([Note: link attempts]); a folder link's subtree.
export const POST = handler(async (request, { params }: Context) => {
  const { accessKey } = await readJson(request, linkAccessRequest);
  return openFolderLink(await filesDeps(), (await params).linkId, accessKey, clientIp(request.headers));
});
