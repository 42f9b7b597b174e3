import 'server-only';
import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './schema';

// [Note: session records] A next-auth JWT alone cannot be revoked: a copied
// cookie would keep working until it expires. Each sign-in therefore creates
// one row here, whose id travels in the JWT (sid) and is looked up on every
// session read (lib/server/auth/sessions.ts). Deleting the row ends that
// session at once; deleting all of a user's rows ends every session (sign out
// everywhere, password change, recovery).
export const sessions = pgTable('sessions', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  /** A short "Browser on OS" label parsed from the User-Agent at sign-in; the raw header is not kept. */
  deviceLabel: text('device_label').notNull(),
  /** The client's /24 (IPv4) or /48 (IPv6) network at sign-in: enough to recognise a place, never a full address. */
  ipPrefix: text('ip_prefix').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** Refreshed at most once a minute, so reads stay cheap; drives the idle timeout. */
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('sessions_user_id_idx').on(t.userId)]);
