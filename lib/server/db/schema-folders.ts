import 'server-only';
import { type AnyPgColumn, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './schema';

// ── Folders (issue 10). Like files, the server holds only opaque blobs: the
// folder key wrapped for its place and the encrypted name (docs/format.md
// §2.1). The tree itself (parent ids) is visible to the server; names are not.

export const folders = pgTable('folders', {
  /** Chosen by the client: the wrapped key and the metadata are bound to it before the row exists. */
  id: uuid('id').primaryKey(),
  ownerId: text('owner_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  /**
   * Null at the top level. Deleting a folder row takes its subfolders with it,
   * but never a file: files.folder_id restricts, so storage is always released
   * (and quota freed) by code before a folder can go (lib/server/folders/purge.ts).
   */
  parentId: uuid('parent_id').references((): AnyPgColumn => folders.id, { onDelete: 'cascade' }),
  /** format.md §2.1: wrapped under the parent's key, bound to (parent, folder). */
  wrappedFolderKey: text('wrapped_folder_key').notNull(),
  /** format.md §2.1 folder metadata blob. */
  encryptedMetadata: text('encrypted_metadata').notNull(),
  /** Set when the folder itself was moved to the trash; everything under it is then in the trash too. */
  trashedAt: timestamp('trashed_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('folders_owner_parent_idx').on(t.ownerId, t.parentId),
  index('folders_trashed_at_idx').on(t.trashedAt),
]);

export type FolderRow = typeof folders.$inferSelect;
