import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { CompleteUploadRequest } from '@/lib/shared/files';
import type { Db } from '../db/app-db';
import { files, type FileRow } from '../db/schema-files';
import { shares } from '../db/schema-shares';
import { AppError } from '../errors';
import { log } from '../log/logger';
import type { ObjectStore } from '../storage/object-store';
import { findOwnedFile } from './records';
import { releaseStorage } from './storage-cleanup';

// Revoke and re-encrypt (issue 6, docs/architecture.md). The owner's browser
// uploads the file again under a new file key as a new pending row that
// records `replacesFileId`; completing that row swaps it in for the old file
// in one transaction: new envelopes for the people who keep access, the old
// row (and with it its shares and public links) deleted. Then the old object
// is deleted, so a file key kept from before opens nothing that is stored.

type ReplacementShares = NonNullable<CompleteUploadRequest['shares']>;

function replacedGone(): AppError {
  return new AppError('conflict', 'the file being re-encrypted was deleted or replaced meanwhile; remove this upload');
}

/** At create: the file to replace must be the caller's (else the files' 404) and ready (else 409). */
/** Returns the folder the replacement goes into: the replaced file's own (its key is wrapped for that place). */
export async function assertReplaceable(db: Db, ownerId: string, fileId: string): Promise<string | null> {
  const row = await findOwnedFile(db, ownerId, fileId);
  if (row.status !== 'ready') throw new AppError('conflict', 'only a completed file can be re-encrypted');
  if (row.trashedAt) throw new AppError('conflict', 'the file is in the trash; restore it first');
  return row.folderId;
}

/**
 * Inside the completing transaction: the replaced file, locked so a
 * concurrent replacement of the same file waits and then finds it gone.
 * It must still exist, be the caller's and be ready, else 409: the new
 * upload stays pending for the client to remove.
 */
export async function lockReplacedFile(tx: Db, replacement: FileRow): Promise<FileRow> {
  const rows = await tx.select().from(files)
    .where(and(eq(files.id, replacement.replacesFileId!), eq(files.ownerId, replacement.ownerId)))
    .for('update');
  const replaced = rows[0];
  if (!replaced || replaced.status !== 'ready') throw replacedGone();
  return replaced;
}

/**
 * Inside the completing transaction, after the replacement was marked ready:
 * carries over the shares named in `carried` (each recipient must hold a
 * share of the replaced file, once: this path revokes, it never adds), then
 * deletes the replaced row. The foreign keys cascade its remaining shares
 * (the revoked people) and its public links.
 */
export async function swapInReplacement(tx: Db, replaced: FileRow, replacement: FileRow, carried: ReplacementShares): Promise<void> {
  const current = await tx.select().from(shares).where(eq(shares.fileId, replaced.id));
  const byRecipient = new Map(current.map((s) => [s.recipientId, s]));
  const seen = new Set<string>();
  for (const { recipientId } of carried) {
    if (!byRecipient.has(recipientId) || seen.has(recipientId)) {
      throw new AppError('bad_request', 'shares may only name people who hold a share of the replaced file, each once');
    }
    seen.add(recipientId);
  }
  if (carried.length > 0) {
    await tx.insert(shares).values(carried.map(({ recipientId, envelope }) => {
      const old = byRecipient.get(recipientId)!;
      // Same person, same permissions, same "shared since": only the key
      // changed. The owner's browser sealed and signed every new envelope, so
      // the owner is now the sender, also of what someone else had re-shared.
      return {
        fileId: replacement.id, ownerId: replacement.ownerId, sharedBy: replacement.ownerId, recipientId, envelope,
        canReshare: old.canReshare, canDelete: old.canDelete, createdAt: old.createdAt,
      };
    }));
  }
  await tx.delete(files).where(eq(files.id, replaced.id));
}

/** Tries at deleting the replaced object before giving up; a store hiccup usually passes within a second. */
const RELEASE_ATTEMPTS = 3;

/**
 * After the swap committed: deletes the replaced object (idempotent, so it
 * is simply tried again). If it still fails, an orphan object is left that no
 * row points to, ciphertext under a key no longer wrapped for anyone. It is
 * logged by object key only (random, says nothing about the file) so an
 * operator can delete it; the completion still succeeds, since the swap is
 * what the owner asked for and cannot be undone.
 */
export async function releaseReplacedStorage(store: ObjectStore, replaced: Pick<FileRow, 'objectKey' | 'uploadId'>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await releaseStorage(store, replaced);
      return;
    } catch (error) {
      if (attempt >= RELEASE_ATTEMPTS) {
        const reason = error instanceof Error ? error.name : 'error';
        log.error({ objectKey: replaced.objectKey, fault: reason }, 'could not delete the replaced object; delete it by hand');
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}
