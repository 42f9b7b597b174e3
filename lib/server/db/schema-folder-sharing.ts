import 'server-only';
import { sql } from 'drizzle-orm';
import { check, index, integer, boolean, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './schema';
import { folders } from './schema-folders';

// ── Sharing a folder (issue 10, docs/format.md §2.1). Tables of their own
// rather than a nullable folder_id beside file_id in shares and links: every
// existing query on those tables keeps meaning "a file", and a folder grant
// reaches files only through the tree (lib/server/folders/tree.ts), so a
// file added to the folder later is shared without a new row.

/** The folder key sealed to one recipient (format.md §2.1, folder-share labels). */
export const folderShares = pgTable('folder_shares', {
  id: uuid('id').primaryKey().defaultRandom(),
  folderId: uuid('folder_id').notNull().references(() => folders.id, { onDelete: 'cascade' }),
  ownerId: text('owner_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  recipientId: text('recipient_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  /** format.md §2.1 folder-share envelope (§5 layout), base64url; signed by the owner. */
  envelope: text('envelope').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('folder_shares_folder_recipient_idx').on(t.folderId, t.recipientId),
  index('folder_shares_recipient_idx').on(t.recipientId),
]);

/** A public link to a folder: the same machinery as links (format.md §6), wrapping the folder key. */
export const folderLinks = pgTable('folder_links', {
  /** format.md §6: 16 random bytes the creating browser chose, base64url. */
  id: text('id').primaryKey(),
  folderId: uuid('folder_id').notNull().references(() => folders.id, { onDelete: 'cascade' }),
  ownerId: text('owner_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  linkSalt: text('link_salt').notNull(),
  /** format.md §3 blob, purpose link-folder-key, ids (linkId, folderId). */
  wrappedFolderKey: text('wrapped_folder_key').notNull(),
  accessVerifier: text('access_verifier').notNull(),
  hasPassword: boolean('has_password').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  maxDownloads: integer('max_downloads'),
  downloadCount: integer('download_count').notNull().default(0),
  openCount: integer('open_count').notNull().default(0),
  failedAttempts: integer('failed_attempts').notNull().default(0),
  lastAccessAt: timestamp('last_access_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('folder_links_folder_idx').on(t.folderId),
  index('folder_links_owner_idx').on(t.ownerId),
  check('folder_links_max_downloads_positive', sql`${t.maxDownloads} IS NULL OR ${t.maxDownloads} > 0`),
]);

export type FolderShareRow = typeof folderShares.$inferSelect;
export type FolderLinkRow = typeof folderLinks.$inferSelect;
