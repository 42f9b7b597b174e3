import { z } from '@/lib/shared/zod';
import { b64url, b64urlExact } from './base64url';
import { fileIdSchema, wrappedFileKeySchema } from './files';

// Request and response bodies of the folders, bulk and trash API (issue 10).
// The server sees the tree's shape (parent ids) and nothing of its names.

/** format.md §2.1: a wrapped folder key has the layout of a wrapped file key. */
export const WRAPPED_FOLDER_KEY_BYTES = 61;
/** A folder's metadata is a 255-byte name and an mtime; JSON escaping can grow the name sixfold. */
export const MAX_FOLDER_METADATA_BYTES = 4 * 1024;
/** Items one bulk request may carry: 300 moves with their keys (~160 bytes each) fit the 64 KiB body limit. */
export const MAX_BULK_ITEMS = 300;

export const folderIdSchema = z.uuid();
export const wrappedFolderKeySchema = b64urlExact(WRAPPED_FOLDER_KEY_BYTES, 'a wrapped folder key');
export const folderMetadataSchema = b64url(MAX_FOLDER_METADATA_BYTES);
/** Null is the top level. */
export const parentIdSchema = folderIdSchema.nullable();

export const itemKindSchema = z.enum(['file', 'folder']);
export type ItemKind = z.infer<typeof itemKindSchema>;

const itemRef = z.strictObject({ kind: itemKindSchema, id: z.uuid() });
export type ItemRef = z.infer<typeof itemRef>;

function distinctItems<T extends ItemRef>(list: T[]): boolean {
  return new Set(list.map((i) => `${i.kind}:${i.id}`)).size === list.length;
}

// ── requests

export const createFolderRequest = z.strictObject({
  id: folderIdSchema,
  parentId: parentIdSchema,
  wrappedFolderKey: wrappedFolderKeySchema,
  encryptedMetadata: folderMetadataSchema,
});
export type CreateFolderRequest = z.infer<typeof createFolderRequest>;

export const renameFolderRequest = z.strictObject({ encryptedMetadata: folderMetadataSchema });

/** Both wrapped-key layouts are 61 bytes; the kind says which one it is. */
const wrappedKeySchema = wrappedFileKeySchema;

/** Move: every item's key re-wrapped for the new parent (format.md §2.1); nothing else changes. */
export const moveItemsRequest = z.strictObject({
  parentId: parentIdSchema,
  items: z.array(itemRef.extend({ wrappedKey: wrappedKeySchema })).min(1).max(MAX_BULK_ITEMS)
    .refine(distinctItems, 'each item may appear once'),
});
export type MoveItemsRequest = z.infer<typeof moveItemsRequest>;

export const itemsRequest = z.strictObject({
  items: z.array(itemRef).min(1).max(MAX_BULK_ITEMS).refine(distinctItems, 'each item may appear once'),
});
export type ItemsRequest = z.infer<typeof itemsRequest>;

/**
 * Restore puts an item back in its folder. When that folder is in the trash
 * or gone, the item goes to the top level instead, and then needs its key
 * wrapped under the root key (`wrappedKey`); the client learns which case
 * applies from the folder list.
 */
export const restoreItemsRequest = z.strictObject({
  items: z.array(itemRef.extend({ wrappedKey: wrappedKeySchema.optional() })).min(1).max(MAX_BULK_ITEMS)
    .refine(distinctItems, 'each item may appear once'),
});
export type RestoreItemsRequest = z.infer<typeof restoreItemsRequest>;

// ── responses

export const folderSchema = z.strictObject({
  id: folderIdSchema,
  parentId: parentIdSchema,
  wrappedFolderKey: wrappedFolderKeySchema,
  encryptedMetadata: folderMetadataSchema,
  trashedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type FolderJson = z.infer<typeof folderSchema>;

export const folderListResponse = z.strictObject({ folders: z.array(folderSchema) });

/** Per-item outcome of a bulk request. */
export const itemResultSchema = z.strictObject({
  kind: itemKindSchema,
  id: z.string(),
  ok: z.boolean(),
  code: z.string().optional(),
  message: z.string().optional(),
});
export type ItemResult = z.infer<typeof itemResultSchema>;

export const bulkResponse = z.strictObject({ results: z.array(itemResultSchema) });
export type BulkResponse = z.infer<typeof bulkResponse>;

export const emptyTrashResponse = z.strictObject({ files: z.number().int().nonnegative(), folders: z.number().int().nonnegative() });

export { fileIdSchema };
