import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/app-db';
import { contacts } from '../db/schema-shares';

// The contact list (pinned identity keys) is encrypted under the user's root
// key in the browser; the server stores and returns the blob unread.

export async function getContacts(db: Db, userId: string): Promise<string | null> {
  const rows = await db.select({ blob: contacts.encryptedContacts }).from(contacts).where(eq(contacts.userId, userId));
  return rows[0]?.blob ?? null;
}

export async function putContacts(db: Db, userId: string, encryptedContacts: string): Promise<void> {
  await db.insert(contacts).values({ userId, encryptedContacts })
    .onConflictDoUpdate({ target: contacts.userId, set: { encryptedContacts, updatedAt: new Date() } });
}
