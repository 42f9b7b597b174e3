import 'server-only';
import { and, eq, lt } from 'drizzle-orm';
import { files } from '../db/schema-files';
import { log } from '../log/logger';
import { recordSweep } from '../metrics/record';
import type { FilesDeps } from './deps';
import { releaseStorage } from './storage-cleanup';
import { DEFAULT_TRASH_DAYS, purgeExpiredTrash } from '../folders/purge';
import { withSweepLock } from './sweep-lock';

/** A pending upload idle this long is abandoned: presigned URLs expire within the hour. */
export const STALE_PENDING_MS = 24 * 60 * 60 * 1000;
const SWEEP_EVERY_MS = 5 * 60 * 1000;
const BATCH = 100;

/**
 * Removes pending uploads with no activity since `olderThan`: the row (which
 * releases its quota reservation), the multipart upload and any object.
 * Returns how many were removed.
 *
 * Each row is claimed (deleted, still pending and still stale) before its
 * storage is touched. A complete that races the sweeper then either wins
 * (the claim fails, the file stays) or finds its row gone and cleans up its
 * own object. If storage fails after the claim, a multipart upload is left to
 * the bucket's stale-upload expiry and a single object is orphaned.
 */
export async function sweepStaleUploads(deps: FilesDeps, olderThan = new Date(Date.now() - STALE_PENDING_MS)): Promise<number> {
  const stale = await deps.db.select({ id: files.id }).from(files)
    .where(and(eq(files.status, 'pending'), lt(files.updatedAt, olderThan))).limit(BATCH);
  let removed = 0;
  for (const { id } of stale) {
    const claimed = await deps.db.delete(files)
      .where(and(eq(files.id, id), eq(files.status, 'pending'), lt(files.updatedAt, olderThan)))
      .returning({ objectKey: files.objectKey, uploadId: files.uploadId });
    const row = claimed[0];
    if (!row) continue;
    removed++;
    await releaseStorage(deps.store, row).catch((error: unknown) => {
      log.error({ fault: error instanceof Error ? error.name : 'error' }, "sweeper could not release an upload's storage");
    });
  }
  return removed;
}

// Kept on globalThis so dev-mode module reloads do not reset the throttle.
const state = globalThis as typeof globalThis & { __twofoldLastSweep?: number };

export type SweepOutcome = { ran: false } | { ran: true; uploads: number; trash: number };

/**
 * One sweep: stale uploads, then expired trash. Skipped (`ran: false`) while
 * another sweep runs on this or any other app server. [Note: sweep lock]
 */
export async function sweepOnce(deps: FilesDeps, now = Date.now()): Promise<SweepOutcome> {
  const result = await withSweepLock(deps.db, async () => ({
    uploads: await sweepStaleUploads(deps, new Date(now - STALE_PENDING_MS)),
    trash: await purgeExpiredTrash(deps, new Date(now - (deps.trashDays ?? DEFAULT_TRASH_DAYS) * 24 * 60 * 60 * 1000)),
  }));
  return result.ran ? { ran: true, ...result.value } : { ran: false };
}

/**
 * Sweeps at most once per SWEEP_EVERY_MS per process. Called from create
 * upload, so abandoned uploads are cleaned without a scheduler; a failed
 * sweep never fails the request that triggered it.
 */
export async function maybeSweep(deps: FilesDeps, now = Date.now()): Promise<void> {
  if (now - (state.__twofoldLastSweep ?? 0) < SWEEP_EVERY_MS) return;
  state.__twofoldLastSweep = now;
  try {
    const outcome = await sweepOnce(deps, now);
    // A sweep skipped because another server holds the lock is that server's run, counted there.
    if (outcome.ran) recordSweep({ staleUploads: outcome.uploads, trashEntries: outcome.trash });
  } catch (error) {
    recordSweep(undefined);
    log.error({ fault: error instanceof Error ? error.name : 'error' }, 'sweep failed');
  }
}
