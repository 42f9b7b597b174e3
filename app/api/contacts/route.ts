import { appDb } from '@/lib/server/db/app-db';
import { requireUserId } from '@/lib/server/auth/session';
import { handler, readJson } from '@/lib/server/http';
import { getContacts, putContacts } from '@/lib/server/shares/contacts';
import { putContactsRequest } from '@/lib/shared/shares';

// The caller's contact list, encrypted in the browser under the root key.
export const GET = handler(async () => {
  const userId = await requireUserId();
  return { encryptedContacts: await getContacts(await appDb(), userId) };
});

export const PUT = handler(async (request) => {
  const userId = await requireUserId();
  const input = await readJson(request, putContactsRequest);
  await putContacts(await appDb(), userId, input.encryptedContacts);
  return { ok: true };
});
