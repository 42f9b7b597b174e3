import 'server-only';
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './schema';
import { files } from './schema-files';

// ── Public links (issue 6, docs/format.md §6). The server keeps what it needs
// to hand the ciphertext to whoever holds the URL fragment, and nothing that
// opens it: the file key is wrapped under a key derived from the fragment
// secret (and the password), and the access verifier is a hash of a value
// derived from the same secret, so the database alone opens nothing.

export const links = pgTable('links', {
  /** format.md §6: 16 random bytes the creating browser chose, base64url; bound into the link key. */
  id: text('id').primaryKey(),
  fileId: uuid('file_id').notNull().references(() => files.id, { onDelete: 'cascade' }),
  ownerId: text('owner_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  /** format.md §6 linkSalt (16 bytes, base64url): HKDF salt and Argon2id salt. */
  linkSalt: text('link_salt').notNull(),
  /** format.md §3 blob, purpose link-file-key, ids (linkId, fileId). */
  wrappedFileKey: text('wrapped_file_key').notNull(),
  /** format.md §6.1: SHA-256 of the access key, base64url; proves the fragment (and password) without revealing either. */
  accessVerifier: text('access_verifier').notNull(),
  hasPassword: boolean('has_password').notNull(),
  /** Null: never expires. */
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  /** Null: no limit. */
  maxDownloads: integer('max_downloads'),
  downloadCount: integer('download_count').notNull().default(0),
  /** Successful opens (the page decrypted the name), for the owner's audit view. */
  openCount: integer('open_count').notNull().default(0),
  /** Attempts with a wrong password or fragment. */
  failedAttempts: integer('failed_attempts').notNull().default(0),
  lastAccessAt: timestamp('last_access_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('links_file_idx').on(t.fileId),
  index('links_owner_idx').on(t.ownerId),
  check('links_max_downloads_positive', sql`${t.maxDownloads} IS NULL OR ${t.maxDownloads} > 0`),
]);

export type LinkRow = typeof links.$inferSelect;
