import { filesDeps } from '@/lib/server/files/deps';
import { handler } from '@/lib/server/http';
import { linkInfo } from '@/lib/server/links/visitor';

type Context = { params: Promise<{ linkId: string }> };

// Anonymous by design (lib/server/links/visitor.ts): only how to derive the access key.
export const GET = handler(async (_request, { params }: Context) => linkInfo(await filesDeps(), (await params).linkId));
