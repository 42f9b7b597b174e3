import 'server-only';
import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { DownloadJson } from '@/lib/shared/files';
import type { LinkInfoJson, OpenLinkJson } from '@/lib/shared/links';
import { files } from '../db/schema-files';
import { links, type LinkRow } from '../db/schema-links';
import { AppError } from '../errors';
import type { FilesDeps } from '../files/deps';
import { signDownload } from '../files/download';
import { isFileLive } from '../folders/tree';
import { authorizeLink, findLink } from './access';
import { findFolderLinkOrNull, folderLinkInfo } from './folder-access';
import { assertUsable, linkNotFound } from './records';

// The anonymous side of public links: no session, by design. What stands in
// for one is the access key (format.md §6.1), which only the fragment (and
// the password) can produce. The only thing the link id alone yields is the
// salt and whether a password is needed, i.e. how to derive that key.

/** GET /api/links/[linkId]. */
export async function linkInfo(deps: FilesDeps, linkId: string): Promise<LinkInfoJson> {
  // One URL space for both kinds: the page learns here which one it holds.
  const folderLink = await findFolderLinkOrNull(deps.db, linkId);
  if (folderLink) return folderLinkInfo(deps.db, folderLink);
  const row = await findLink(deps.db, linkId);
  assertUsable(row);
  await readyFileOf(deps, row);
  return { id: row.id, kind: 'file', hasPassword: row.hasPassword, linkSalt: row.linkSalt };
}

async function readyFileOf(deps: FilesDeps, row: LinkRow) {
  const file = (await deps.db.select().from(files).where(and(eq(files.id, row.fileId), eq(files.status, 'ready'))))[0];
  // A file in the owner's trash answers like a missing one until it is restored (issue 10).
  if (!file?.wrappedFileKey || !file.encryptedMetadata || !(await isFileLive(deps.db, file))) throw linkNotFound();
  return file;
}

/** POST /api/links/[linkId]/open: the wrapped key and the encrypted name, counted as one access. */
export async function openLink(deps: FilesDeps, linkId: string, accessKey: string, ip: string): Promise<OpenLinkJson> {
  const row = await authorizeLink(deps.db, linkId, accessKey, ip);
  assertUsable(row);
  const file = await readyFileOf(deps, row);
  await deps.db.update(links).set({ openCount: sql`${links.openCount} + 1`, lastAccessAt: new Date() }).where(eq(links.id, row.id));
  return {
    fileId: file.id,
    wrappedFileKey: row.wrappedFileKey,
    encryptedMetadata: file.encryptedMetadata!,
    ciphertextSize: file.ciphertextSize,
    chunkSize: file.chunkSize,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    downloadsLeft: row.maxDownloads === null ? null : Math.max(0, row.maxDownloads - row.downloadCount),
  };
}

/**
 * POST /api/links/[linkId]/download: one download, counted before the URL is
 * signed. The count and the limit are checked in one UPDATE, so parallel
 * requests cannot overrun the limit. The presigned URL lives a minute
 * (DOWNLOAD_URL_SECONDS); whoever holds it may re-fetch within that minute.
 */
export async function linkDownloadUrl(deps: FilesDeps, linkId: string, accessKey: string, ip: string): Promise<DownloadJson> {
  const row = await authorizeLink(deps.db, linkId, accessKey, ip);
  assertUsable(row);
  const file = await readyFileOf(deps, row);
  const counted = await deps.db.update(links)
    .set({ downloadCount: sql`${links.downloadCount} + 1`, lastAccessAt: new Date() })
    .where(and(
      eq(links.id, row.id),
      or(isNull(links.maxDownloads), lt(links.downloadCount, links.maxDownloads)),
      or(isNull(links.expiresAt), gt(links.expiresAt, new Date())),
    ))
    .returning({ id: links.id });
  if (!counted[0]) {
    assertUsable(await findLink(deps.db, row.id));
    throw new AppError('gone', 'this link can no longer be used');
  }
  const signed = await signDownload(deps.store, file);
  return { url: signed.url, expiresAt: signed.expiresAt, ciphertextSize: file.ciphertextSize, chunkSize: file.chunkSize };
}
