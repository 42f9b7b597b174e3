import { z } from '@/lib/shared/zod';
import { b64urlExact } from './base64url';
import { fileIdSchema, wrappedFileKeySchema, encryptedMetadataSchema } from './files';

// Request and response bodies of public links (issue 6, docs/format.md §6).
// Binary values are base64url without padding; objects are strict.

/** "1 hour to 30 days, or never" (issue 6). */
export const MIN_LINK_SECONDS = 60 * 60;
export const MAX_LINK_SECONDS = 30 * 24 * 60 * 60;
export const MAX_LINK_DOWNLOADS = 10_000;


/** format.md §6: 16 random bytes. Also what the /s/[id] page accepts. */
export const linkIdSchema = b64urlExact(16, 'a link id');
export const linkSaltSchema = b64urlExact(16, 'a 16-byte link salt');
/** format.md §6.1: SHA-256 of the access key (stored) and the access key itself (presented). */
export const accessVerifierSchema = b64urlExact(32, 'a 32-byte access verifier');
export const accessKeySchema = b64urlExact(32, 'a 32-byte access key');

// ── requests

export const createLinkRequest = z.strictObject({
  id: linkIdSchema,
  linkSalt: linkSaltSchema,
  wrappedFileKey: wrappedFileKeySchema,
  accessVerifier: accessVerifierSchema,
  hasPassword: z.boolean(),
  /** Null: never expires. */
  expiresInSeconds: z.number().int().min(MIN_LINK_SECONDS).max(MAX_LINK_SECONDS).nullable(),
  /** Null: no limit. */
  maxDownloads: z.number().int().min(1).max(MAX_LINK_DOWNLOADS).nullable(),
});
export type CreateLinkRequest = z.infer<typeof createLinkRequest>;

export const linkAccessRequest = z.strictObject({ accessKey: accessKeySchema });

// ── responses

export const linkStatusSchema = z.enum(['active', 'expired', 'exhausted']);

/** The owner's view of one link: its settings and the audit counters. */
export const linkSchema = z.strictObject({
  id: linkIdSchema,
  fileId: fileIdSchema,
  hasPassword: z.boolean(),
  expiresAt: z.iso.datetime().nullable(),
  maxDownloads: z.number().int().positive().nullable(),
  downloadCount: z.number().int().nonnegative(),
  openCount: z.number().int().nonnegative(),
  failedAttempts: z.number().int().nonnegative(),
  lastAccessAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  status: linkStatusSchema,
});
export type LinkJson = z.infer<typeof linkSchema>;
export const linkListResponse = z.strictObject({ links: z.array(linkSchema) });

/** What anyone with the link id learns before proving the fragment: enough to derive the access key. */
export const linkInfoResponse = z.strictObject({
  id: linkIdSchema,
  /** A link to one file (links) or to a folder's subtree (folder links, format.md §2.1). */
  kind: z.enum(['file', 'folder']),
  hasPassword: z.boolean(),
  linkSalt: linkSaltSchema,
});
export type LinkInfoJson = z.infer<typeof linkInfoResponse>;

/** After the access key checked out: what the page needs to unwrap the key and show the name. */
export const openLinkResponse = z.strictObject({
  fileId: fileIdSchema,
  wrappedFileKey: wrappedFileKeySchema,
  encryptedMetadata: encryptedMetadataSchema,
  ciphertextSize: z.number().int().nonnegative(),
  chunkSize: z.number().int().positive(),
  expiresAt: z.iso.datetime().nullable(),
  /** Null: no limit. */
  downloadsLeft: z.number().int().nonnegative().nullable(),
});
export type OpenLinkJson = z.infer<typeof openLinkResponse>;
