import { filesDeps } from '@/lib/server/files/deps';
import { requireUserId } from '@/lib/server/auth/session';
import { handler } from '@/lib/server/http';
import { deleteSharedFile } from '@/lib/server/shares/recipient-actions';

type Context = { params: Promise<{ shareId: string }> };

// A recipient deletes the owner's file, only if the owner allowed it ([Note: recipient permissions]).
export const DELETE = handler(async (_request, { params }: Context) => {
  const userId = await requireUserId();
  await deleteSharedFile(await filesDeps(), userId, (await params).shareId);
  return { ok: true };
});
