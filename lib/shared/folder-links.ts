import { z } from '@/lib/shared/zod';
import { encryptedMetadataSchema, fileIdSchema, wrappedFileKeySchema } from './files';
import { folderIdSchema, folderMetadataSchema, wrappedFolderKeySchema } from './folders';
import { accessKeySchema, createLinkRequest, linkIdSchema, linkSchema } from './links';

// Request and response bodies of public links to a folder (issue 10 item 4,
// docs/format.md §2.1 "Linking a folder", §6). The link machinery is the file
// links' (lib/shared/links.ts); only what is wrapped and what is served differ.

/** Files one download action may ask for: a whole folder as one zip counts once (format.md §6.3). */
export const MAX_LINK_DOWNLOAD_FILES = 1000;

export const createFolderLinkRequest = createLinkRequest.omit({ wrappedFileKey: true }).extend({ wrappedFolderKey: wrappedFolderKeySchema });
export type CreateFolderLinkRequest = z.infer<typeof createFolderLinkRequest>;

export const folderLinkDownloadRequest = z.strictObject({
  accessKey: accessKeySchema,
  fileIds: z.array(fileIdSchema).min(1).max(MAX_LINK_DOWNLOAD_FILES).refine((ids) => new Set(ids).size === ids.length, 'each file may appear once'),
});

export const folderLinkSchema = linkSchema.omit({ fileId: true }).extend({ folderId: folderIdSchema });
export type FolderLinkJson = z.infer<typeof folderLinkSchema>;
export const folderLinkListResponse = z.strictObject({ links: z.array(folderLinkSchema) });

const linkedFolderSchema = z.strictObject({
  id: folderIdSchema,
  /** Null only for the linked folder itself. */
  parentId: folderIdSchema.nullable(),
  /** The linked folder: under the link key (link-folder-key); below it: under the parent folder (folder-key-in-folder). */
  wrappedFolderKey: wrappedFolderKeySchema,
  encryptedMetadata: folderMetadataSchema,
});
export type LinkedFolderJson = z.infer<typeof linkedFolderSchema>;

const linkedFileSchema = z.strictObject({
  id: fileIdSchema,
  folderId: folderIdSchema,
  /** Under its folder's key (file-key-in-folder). */
  wrappedFileKey: wrappedFileKeySchema,
  encryptedMetadata: encryptedMetadataSchema,
  ciphertextSize: z.number().int().nonnegative(),
  chunkSize: z.number().int().positive(),
  createdAt: z.iso.datetime(),
});
export type LinkedFileJson = z.infer<typeof linkedFileSchema>;

/** After the access key checked out: the live subtree below the linked folder, as the server holds it. */
export const folderLinkTreeResponse = z.strictObject({
  linkId: linkIdSchema,
  folder: linkedFolderSchema,
  folders: z.array(linkedFolderSchema),
  files: z.array(linkedFileSchema),
  expiresAt: z.iso.datetime().nullable(),
  downloadsLeft: z.number().int().nonnegative().nullable(),
});
export type FolderLinkTreeJson = z.infer<typeof folderLinkTreeResponse>;

export const folderLinkDownloadResponse = z.strictObject({
  downloads: z.array(z.strictObject({
    fileId: fileIdSchema,
    url: z.url(),
    expiresAt: z.iso.datetime(),
    ciphertextSize: z.number().int().nonnegative(),
    chunkSize: z.number().int().positive(),
  })),
});
export type FolderLinkDownloadJson = z.infer<typeof folderLinkDownloadResponse>;
