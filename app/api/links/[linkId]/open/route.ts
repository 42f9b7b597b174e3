import { clientIp } from '@/lib/server/auth/client-ip';
import { filesDeps } from '@/lib/server/files/deps';
import { handler, readJson } from '@/lib/server/http';
import { openLink } from '@/lib/server/links/visitor';
import { linkAccessRequest } from '@/lib/shared/links';

type Context = { params: Promise<{ linkId: string }> };

// Anonymous: the access key stands in for a session ([Note: link attempts]).
export const POST = handler(async (request, { params }: Context) => {
  const { accessKey } = await readJson(request, linkAccessRequest);
  return openLink(await filesDeps(), (await params).linkId, accessKey, clientIp(request.headers));
});
