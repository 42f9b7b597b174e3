import { appDb } from '@/lib/server/db/app-db';
import { requireUserId } from '@/lib/server/auth/session';
import { handler, readJson } from '@/lib/server/http';
import { createFolderLink, listFolderLinks } from '@/lib/server/links/folder-owner';
import { createFolderLinkRequest } from '@/lib/shared/folder-links';

type Context = { params: Promise<{ id: string }> };

// Owner only: anyone else gets the folders' 404. The body carries the folder
// key wrapped under the link key and a verifier, never the fragment secret (docs/format.md §2.1, §6).
export const POST = handler(async (request, { params }: Context) => {
  const userId = await requireUserId();
  const input = await readJson(request, createFolderLinkRequest);
  return createFolderLink(await appDb(), userId, (await params).id, input);
});

export const GET = handler(async (_request, { params }: Context) => {
  const userId = await requireUserId();
  return { links: await listFolderLinks(await appDb(), userId, (await params).id) };
});
