import { appDb } from '@/lib/server/db/app-db';
import { requireUserId } from '@/lib/server/auth/session';
import { handler, readJson } from '@/lib/server/http';
import { createLink, listFileLinks } from '@/lib/server/links/owner';
import { createLinkRequest } from '@/lib/shared/links';

type Context = { params: Promise<{ id: string }> };

// Owner only: anyone else gets the files' 404. The body carries a wrapped key
// and a verifier, never the fragment secret (docs/format.md §6).
export const POST = handler(async (request, { params }: Context) => {
  const userId = await requireUserId();
  const input = await readJson(request, createLinkRequest);
  return createLink(await appDb(), userId, (await params).id, input);
});

export const GET = handler(async (_request, { params }: Context) => {
  const userId = await requireUserId();
  return { links: await listFileLinks(await appDb(), userId, (await params).id) };
});
