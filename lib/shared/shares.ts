import { z } from '@/lib/shared/zod';
import { emailSchema } from './accounts';
import { b64url, b64urlExact } from './base64url';
import { fileIdSchema, fileSchema } from './files';
import { linkSchema } from './links';
import { ENVELOPE_BYTES, envelopeSchema, userIdSchema } from './share-envelope';

// Request and response bodies of the sharing API (issue 6, docs/format.md §5).
// Binary values are base64url without padding; objects are strict.

/** Each user's encrypted contact list; JSON bodies are capped at 64 KiB anyway. */
export const MAX_ENCRYPTED_CONTACTS_BYTES = 40 * 1024;

export { ENVELOPE_BYTES, envelopeSchema, userIdSchema };
export const shareIdSchema = z.uuid();
export const identityPublicKeySchema = b64urlExact(32, 'an Ed25519 public key');
export const hpkePublicKeySchema = b64urlExact(65, 'an uncompressed P-256 public key');
export const signatureSchema = b64urlExact(64, 'an Ed25519 signature');

// ── requests

export const lookupQuery = z.strictObject({ email: emailSchema });
export const createShareRequest = z.strictObject({
  recipientId: userIdSchema,
  envelope: envelopeSchema,
  /** What the owner allows the recipient; both default to no. */
  canReshare: z.boolean().optional(),
  canDelete: z.boolean().optional(),
});
/** A recipient the owner allowed to re-share seals the file key to someone else; no permissions pass on. */
export const reshareRequest = z.strictObject({ recipientId: userIdSchema, envelope: envelopeSchema });
export const putContactsRequest = z.strictObject({ encryptedContacts: b64url(MAX_ENCRYPTED_CONTACTS_BYTES) });

// ── responses

/** The public-key directory's answer; clients verify the binding and pin the identity key. */
export const publicKeysResponse = z.strictObject({
  userId: userIdSchema,
  identityPublicKey: identityPublicKeySchema,
  hpkePublicKey: hpkePublicKeySchema,
  hpkeKeyBindingSignature: signatureSchema,
});
export type PublicKeysJson = z.infer<typeof publicKeysResponse>;

/** The owner's audit view of one share. */
export const shareSchema = z.strictObject({
  id: shareIdSchema,
  fileId: fileIdSchema,
  recipientId: userIdSchema,
  recipientEmail: z.string(),
  /** Null when the owner shared it; otherwise the recipient who re-shared it. */
  sharedByEmail: z.string().nullable(),
  canReshare: z.boolean(),
  canDelete: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type ShareJson = z.infer<typeof shareSchema>;
export const shareListResponse = z.strictObject({ shares: z.array(shareSchema) });

/** A file shared with the caller: everything needed to verify and open it. */
export const sharedFileSchema = z.strictObject({
  shareId: shareIdSchema,
  /** Who sealed and signed the envelope: the owner, or a recipient who re-shared. */
  senderId: userIdSchema,
  senderEmail: z.string(),
  senderIdentityPublicKey: identityPublicKeySchema,
  ownerEmail: z.string(),
  envelope: envelopeSchema,
  canReshare: z.boolean(),
  canDelete: z.boolean(),
  createdAt: z.iso.datetime(),
  file: fileSchema,
});
export type SharedFileJson = z.infer<typeof sharedFileSchema>;
export const sharedListResponse = z.strictObject({ shared: z.array(sharedFileSchema) });

export const contactsResponse = z.strictObject({ encryptedContacts: z.string().nullable() });

/** The owner's sharing activity across all files (the audit page); names are decrypted by the browser. */
export const sharingActivityResponse = z.strictObject({ shares: z.array(shareSchema), links: z.array(linkSchema) });
export type SharingActivityJson = z.infer<typeof sharingActivityResponse>;
