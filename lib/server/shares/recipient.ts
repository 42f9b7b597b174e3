import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DownloadJson } from '@/lib/shared/files';
import { shareIdSchema, type SharedFileJson } from '@/lib/shared/shares';
import { userKeys, users } from '../db/schema';
import { files, type FileRow } from '../db/schema-files';
import { shares } from '../db/schema-shares';
import { AppError } from '../errors';
import type { FilesDeps } from '../files/deps';
import { signDownload } from '../files/download';
import { toFileJson } from '../files/records';
import { isFileLive, keepLiveFiles } from '../folders/tree';

// The recipient's side: list and download. Renaming stays owner-only;
// re-sharing and deleting only where the owner allowed it
// (recipient-actions.ts). The server hands
// out the sender's identity key as stored, but the client verifies the
// envelope against the key it pinned, so a swapped key is caught there.

function shareNotFound(): AppError {
  return new AppError('not_found', 'share not found');
}

// The sender is whoever signed the envelope (shares.shared_by): the owner, or
// a recipient the owner allowed to re-share.
const owner = alias(users, 'owner');
const sharedColumns = {
  share: shares, file: files, senderEmail: users.email, senderIdentityPublicKey: userKeys.identityPublicKey, ownerEmail: owner.email,
};

/** GET /api/shared: ready files others shared with the caller, newest first. */
export async function listSharedWithMe(deps: FilesDeps, recipientId: string): Promise<SharedFileJson[]> {
  const rows = await deps.db.select(sharedColumns).from(shares)
    .innerJoin(files, eq(files.id, shares.fileId))
    .innerJoin(users, eq(users.id, shares.sharedBy))
    .innerJoin(userKeys, eq(userKeys.userId, shares.sharedBy))
    .innerJoin(owner, eq(owner.id, shares.ownerId))
    .where(and(eq(shares.recipientId, recipientId), eq(files.status, 'ready')))
    .orderBy(desc(shares.createdAt), desc(shares.id));
  // A file in the owner's trash is not shared while it is there (issue 10); a restore brings it back.
  const live = await keepLiveFiles(deps.db, rows, (r) => r.file);
  return live.map(({ share, file, senderEmail, senderIdentityPublicKey, ownerEmail }) => ({
    shareId: share.id,
    senderId: share.sharedBy,
    senderEmail,
    senderIdentityPublicKey,
    ownerEmail,
    envelope: share.envelope,
    canReshare: share.canReshare,
    canDelete: share.canDelete,
    createdAt: share.createdAt.toISOString(),
    // The owner's root-key wrapping is useless to anyone else; leave it out.
    file: { ...toFileJson(file), wrappedFileKey: null },
  }));
}

/** The ready, live file behind a current share of the recipient's, or 404 (revoked, trashed, someone else's). */
export async function readableSharedFile(deps: FilesDeps, recipientId: string, shareId: string): Promise<FileRow> {
  if (!shareIdSchema.safeParse(shareId).success) throw shareNotFound();
  const rows = await deps.db.select({ file: files }).from(shares)
    .innerJoin(files, eq(files.id, shares.fileId))
    .where(and(eq(shares.id, shareId), eq(shares.recipientId, recipientId), eq(files.status, 'ready')));
  const file = rows[0]?.file;
  if (!file || !(await isFileLive(deps.db, file))) throw shareNotFound();
  return file;
}

/** GET /api/shared/[shareId]/download: a presigned GET for a current recipient. */
export async function sharedDownloadUrl(deps: FilesDeps, recipientId: string, shareId: string): Promise<DownloadJson> {
  const file = await readableSharedFile(deps, recipientId, shareId);
  const signed = await signDownload(deps.store, file);
  return { url: signed.url, expiresAt: signed.expiresAt, ciphertextSize: file.ciphertextSize, chunkSize: file.chunkSize };
}
