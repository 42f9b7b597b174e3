import { appDb } from '@/lib/server/db/app-db';
import { requireUserId } from '@/lib/server/auth/session';
import { handler, readJson } from '@/lib/server/http';
import { reshare } from '@/lib/server/shares/recipient-actions';
import { reshareRequest } from '@/lib/shared/shares';

type Context = { params: Promise<{ shareId: string }> };

// A recipient re-shares, only if the owner allowed it ([Note: recipient permissions]).
export const POST = handler(async (request, { params }: Context) => {
  const userId = await requireUserId();
  const input = await readJson(request, reshareRequest);
  return reshare(await appDb(), userId, (await params).shareId, input.recipientId, input.envelope);
});
