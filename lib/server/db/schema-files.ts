import 'server-only';
import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './schema';
import { folders } from './schema-folders';

// ── Files (issue 5). The server holds ciphertext sizes and opaque blobs only:
// never a name, a type, a plaintext size field or a key. Binary columns are
// base64url text, like the account tables.

export const files = pgTable('files', {
  id: uuid('id').primaryKey().defaultRandom(),
  ownerId: text('owner_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  /** Random (ObjectStore.newObjectKey), never derived from anything a user typed. */
  objectKey: text('object_key').notNull().unique(),
  status: text('status', { enum: ['pending', 'ready'] }).notNull(),
  /** Plaintext bytes per chunk of the file format (docs/format.md §1.1); public. */
  chunkSize: integer('chunk_size').notNull(),
  /**
   * Exact ciphertext size the client declared at create time. It is reserved
   * against the quota while pending and must equal the stored object's size
   * before the file becomes ready.
   */
  ciphertextSize: bigint('ciphertext_size', { mode: 'number' }).notNull(),
  /** format.md §4 blob; null until complete (it is bound to this row's id). */
  encryptedMetadata: text('encrypted_metadata'),
  /** format.md §3 blob (purpose file-key, ids ownerId + id); null until complete. */
  wrappedFileKey: text('wrapped_file_key'),
  /** S3 multipart upload id while a multipart upload is pending; null otherwise. */
  uploadId: text('upload_id'),
  /** Ciphertext bytes per part; equals ciphertextSize for a single PUT. */
  partSize: bigint('part_size', { mode: 'number' }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** Bumped by every upload step: the sweeper removes pending uploads idle for too long. */
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  completedAt: timestamp('completed_at', { withTimezone: true }),
  /**
   * Set on a pending upload that re-encrypts an existing file under a new key
   * ("revoke and re-encrypt", issue 6): completing it replaces that file.
   * No foreign key: the replaced file may be deleted meanwhile, which the
   * completion then reports.
   */
  replacesFileId: uuid('replaces_file_id'),
  /**
   * The folder the file sits in (issue 10), null at the top level. Its key is
   * wrapped for exactly this place (format.md §2.1). Restrict: a folder row
   * cannot vanish from under a file whose object still holds quota.
   */
  folderId: uuid('folder_id').references(() => folders.id, { onDelete: 'restrict' }),
  /** Set when the file itself was moved to the trash; it still counts towards the quota. */
  trashedAt: timestamp('trashed_at', { withTimezone: true }),
}, (t) => [
  index('files_folder_idx').on(t.ownerId, t.folderId),
  index('files_trashed_at_idx').on(t.trashedAt),
  index('files_owner_status_idx').on(t.ownerId, t.status),
  index('files_status_updated_at_idx').on(t.status, t.updatedAt),
  // A ready file always carries what a client needs to open it.
  check('files_ready_has_keys', sql`${t.status} = 'pending' OR (${t.wrappedFileKey} IS NOT NULL AND ${t.encryptedMetadata} IS NOT NULL AND ${t.completedAt} IS NOT NULL)`),
]);

export type FileRow = typeof files.$inferSelect;
