import 'server-only';
import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './schema';
import { files } from './schema-files';

// ── Sharing (issue 6, docs/format.md §5). The server stores envelopes it
// cannot open: the file key sealed to the recipient's HPKE key and signed by
// the owner's identity key. Revoking deletes the row; it cannot take back a
// copy the recipient already downloaded.

export const shares = pgTable('shares', {
  id: uuid('id').primaryKey().defaultRandom(),
  fileId: uuid('file_id').notNull().references(() => files.id, { onDelete: 'cascade' }),
  ownerId: text('owner_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  recipientId: text('recipient_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  /**
   * Who sealed and signed the envelope: the owner, or a recipient the owner
   * allowed to re-share. The recipient verifies the envelope against this
   * user's (pinned) identity key.
   */
  sharedBy: text('shared_by').notNull().references(() => users.id, { onDelete: 'cascade' }),
  /** format.md §5 envelope, base64url; the recipient verifies its signature. */
  envelope: text('envelope').notNull(),
  /**
   * What the owner allowed this recipient (issue 6). Enforced by the server:
   * a recipient holds the file key either way, so these are policy, not
   * cryptography ([Note: recipient permissions] in lib/server/shares/recipient-actions.ts).
   */
  canReshare: boolean('can_reshare').notNull().default(false),
  canDelete: boolean('can_delete').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('shares_file_recipient_idx').on(t.fileId, t.recipientId),
  index('shares_recipient_idx').on(t.recipientId),
]);

/**
 * Each user's contact list (pinned identity keys of people they shared with or
 * received from), encrypted on the client under the root key. Opaque here.
 */
export const contacts = pgTable('contacts', {
  userId: text('user_id').primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  encryptedContacts: text('encrypted_contacts').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type ShareRow = typeof shares.$inferSelect;
