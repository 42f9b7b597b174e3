import { z } from '@/lib/shared/zod';
import { fileSchema } from './files';
import { folderIdSchema, folderMetadataSchema, folderSchema } from './folders';
import { envelopeSchema, userIdSchema } from './share-envelope';
import { identityPublicKeySchema, shareIdSchema } from './shares';

// Request and response bodies of folder sharing (issue 10, docs/format.md
// §2.1): the folder key sealed in a folder-share envelope (§5 layout, 178
// bytes), and the subtree below the folder as the recipient may see it.

export const createFolderShareRequest = z.strictObject({ recipientId: userIdSchema, envelope: envelopeSchema });

/** The owner's view of one folder share. */
export const folderShareSchema = z.strictObject({
  id: shareIdSchema,
  folderId: folderIdSchema,
  recipientId: userIdSchema,
  recipientEmail: z.string(),
  createdAt: z.iso.datetime(),
});
export type FolderShareJson = z.infer<typeof folderShareSchema>;
export const folderShareListResponse = z.strictObject({ shares: z.array(folderShareSchema) });

/**
 * A folder shared with the caller. `encryptedMetadata` is the shared folder's
 * own name, which the folder key opens; its wrapped key (under the owner's
 * parent) is not sent: it is useless to the recipient.
 */
export const sharedFolderSchema = z.strictObject({
  shareId: shareIdSchema,
  folderId: folderIdSchema,
  ownerId: userIdSchema,
  ownerEmail: z.string(),
  ownerIdentityPublicKey: identityPublicKeySchema,
  envelope: envelopeSchema,
  encryptedMetadata: folderMetadataSchema,
  createdAt: z.iso.datetime(),
});
export type SharedFolderJson = z.infer<typeof sharedFolderSchema>;
export const sharedFolderListResponse = z.strictObject({ shared: z.array(sharedFolderSchema) });

/** Every live folder and ready file below the shared folder, with keys wrapped for their places (§2.1). */
export const sharedSubtreeResponse = z.strictObject({
  share: sharedFolderSchema,
  folders: z.array(folderSchema),
  files: z.array(fileSchema),
});
export type SharedSubtreeJson = z.infer<typeof sharedSubtreeResponse>;
