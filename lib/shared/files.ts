import { z } from '@/lib/shared/zod';
import { b64url, b64urlExact } from './base64url';
import { envelopeSchema, userIdSchema } from './share-envelope';
import { SSE_MODES } from './sse-mode';

// Request and response bodies of the files API (issue 5). Binary values are
// base64url without padding (docs/format.md conventions). Objects are strict:
// a client that sends an unexpected field (say, a file name) gets a 400.

/** S3's largest object; the quota is normally far below it. */
export const MAX_CIPHERTEXT_SIZE = 5 * 1024 ** 4;
/** Part URLs a client may ask for in one request. */
export const MAX_PART_BATCH = 100;
/** S3 numbers parts 1..10,000. */
export const MAX_PART_COUNT = 10_000;
/** format.md §3: 01 || nonce (12) || AES-GCM(32-byte file key) with its 16-byte tag. */
export const WRAPPED_FILE_KEY_BYTES = 61;
/**
 * format.md §4 allows names of 1024 UTF-8 bytes and types of 255; JSON
 * escaping can grow them several times over. 16 KiB holds any valid document.
 */
export const MAX_ENCRYPTED_METADATA_BYTES = 16 * 1024;
/** Recipients one re-encryption may carry over; 64 KiB request bodies fit about 180. */
export const MAX_REPLACEMENT_SHARES = 100;


export const fileIdSchema = z.uuid();
export const wrappedFileKeySchema = b64urlExact(WRAPPED_FILE_KEY_BYTES, 'a wrapped file key');
export const encryptedMetadataSchema = b64url(MAX_ENCRYPTED_METADATA_BYTES);

// ── requests

export const createUploadRequest = z.strictObject({
  /** Exactly what the client will upload: ciphertextSizeFromPlaintextSize (format.md §1.4). */
  ciphertextSize: z.number().int().positive().max(MAX_CIPHERTEXT_SIZE),
  chunkSize: z.number().int().positive(),
  /**
   * Revoke and re-encrypt (docs/architecture.md): this upload is the caller's
   * ready file `replaces` under a new file key; completing it replaces that file.
   */
  replaces: fileIdSchema.optional(),
  /** The folder the file goes into (issue 10); null or absent: the top level. */
  folderId: z.uuid().nullable().optional(),
});
export type CreateUploadRequest = z.infer<typeof createUploadRequest>;

const partNumber = z.number().int().min(1).max(MAX_PART_COUNT);
/** An S3 ETag goes back to S3 in XML: printable ASCII only (no NUL or other control characters). */
const etagSchema = z.string().min(1).max(256).regex(/^[\x21-\x7e]+$/, 'must be an ETag');

export const presignPartsRequest = z.strictObject({
  partNumbers: z.array(partNumber).min(1).max(MAX_PART_BATCH)
    .refine((list) => new Set(list).size === list.length, 'part numbers must be distinct'),
});

export const completeUploadRequest = z.strictObject({
  /** Every part's ETag as S3 returned it (multipart only; omit for a single PUT). */
  parts: z.array(z.strictObject({ partNumber, etag: etagSchema })).max(MAX_PART_COUNT).optional(),
  wrappedFileKey: wrappedFileKeySchema,
  encryptedMetadata: encryptedMetadataSchema,
  /**
   * Only for an upload that replaces a file: new envelopes (format.md §5, bound
   * to this upload's id) for people who hold a share of the replaced file and
   * keep access. Everyone left out loses access; nobody new can be added.
   */
  shares: z.array(z.strictObject({
    recipientId: userIdSchema,
    envelope: envelopeSchema,
  })).max(MAX_REPLACEMENT_SHARES).optional(),
});
export type CompleteUploadRequest = z.infer<typeof completeUploadRequest>;

export const renameFileRequest = z.strictObject({ encryptedMetadata: encryptedMetadataSchema });

// ── responses

/** A presigned request: the browser sends exactly these headers (they are signed). */
export const presignedPartSchema = z.strictObject({
  partNumber,
  url: z.url(),
  headers: z.record(z.string(), z.string()),
  expiresAt: z.iso.datetime(),
});
export type PresignedPart = z.infer<typeof presignedPartSchema>;

export const uploadPlanSchema = z.strictObject({
  /** single: one PUT of the whole ciphertext (part 1 of 1); multipart: S3 parts. */
  kind: z.enum(['single', 'multipart']),
  partSize: z.number().int().positive(),
  partCount: z.number().int().min(1).max(MAX_PART_COUNT),
  /** The first batch of part URLs; ask /parts for the rest and for expired ones. */
  parts: z.array(presignedPartSchema),
});
export type UploadPlan = z.infer<typeof uploadPlanSchema>;

export const createUploadResponse = z.strictObject({ id: fileIdSchema, upload: uploadPlanSchema });
export type CreateUploadResponse = z.infer<typeof createUploadResponse>;

export const presignPartsResponse = z.strictObject({ parts: z.array(presignedPartSchema) });

export const fileSchema = z.strictObject({
  id: fileIdSchema,
  status: z.enum(['pending', 'ready']),
  ciphertextSize: z.number().int().nonnegative(),
  chunkSize: z.number().int().positive(),
  /** Null while pending: both are bound to the id, which the client learns at create. */
  encryptedMetadata: encryptedMetadataSchema.nullable(),
  wrappedFileKey: wrappedFileKeySchema.nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  completedAt: z.iso.datetime().nullable(),
  /** Null at the top level; the file key is wrapped for this place (format.md §2.1). */
  folderId: z.uuid().nullable(),
  /** Set when the file itself is in the trash. */
  trashedAt: z.iso.datetime().nullable(),
});
export type FileJson = z.infer<typeof fileSchema>;

export const fileListResponse = z.strictObject({ files: z.array(fileSchema) });

export const downloadResponse = z.strictObject({
  url: z.url(),
  expiresAt: z.iso.datetime(),
  ciphertextSize: z.number().int().nonnegative(),
  chunkSize: z.number().int().positive(),
});
export type DownloadJson = z.infer<typeof downloadResponse>;

/** What the bucket itself reports about the stored object, read live (the second layer). */
export const layersResponse = z.strictObject({
  storage: z.strictObject({
    /** The deployment's SSE mode (SSE_MODE): what the panel compares against and explains. */
    mode: z.enum(SSE_MODES),
    sse: z.string().nullable(),
    kmsKeyId: z.string().nullable(),
    bucketKeyEnabled: z.boolean(),
    size: z.number().int().nonnegative(),
    /** The key the deployment expects (under SSE-S3: no KMS key at all); a mismatch is worth showing. */
    expectedKmsKey: z.boolean(),
    /** The object carries exactly the deployment's mode (and key): the second layer as configured. */
    matchesMode: z.boolean(),
  }),
  /** A GET for bytes 0..63 only (the Range header is signed): the browser shows the raw ciphertext header. */
  firstBytes: z.strictObject({ url: z.url(), headers: z.record(z.string(), z.string()), expiresAt: z.iso.datetime() }),
});
export type LayersJson = z.infer<typeof layersResponse>;

export const usageResponse = z.strictObject({
  /** Ciphertext bytes of ready files. */
  usedBytes: z.number().int().nonnegative(),
  /** Ciphertext bytes reserved by pending uploads. */
  reservedBytes: z.number().int().nonnegative(),
  quotaBytes: z.number().int().positive(),
});
export type UsageJson = z.infer<typeof usageResponse>;

export const okResponse = z.strictObject({ ok: z.literal(true) });
