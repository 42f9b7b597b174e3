import 'server-only';
import { and, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { FolderLinkDownloadJson, FolderLinkTreeJson, LinkedFileJson, LinkedFolderJson } from '@/lib/shared/folder-links';
import type { Db } from '../db/app-db';
import { folderLinks, type FolderLinkRow } from '../db/schema-folder-sharing';
import { files, type FileRow } from '../db/schema-files';
import { folders } from '../db/schema-folders';
import { AppError } from '../errors';
import type { FilesDeps } from '../files/deps';
import { signDownload } from '../files/download';
import { assertUsable } from './records';
import { authorizeFolderLink, findFolderLink, liveTreeOf } from './folder-access';

// The anonymous side of folder links (docs/format.md §2.1, §6.3). The access
// key stands in for a session. What it opens is the live subtree below the
// linked folder, computed on every request from the owner's tree: files the
// owner adds later appear, anything trashed or moved out disappears, and
// nothing outside is ever listed or signed.

interface Subtree {
  folderIds: Set<string>;
  files: FileRow[];
}

async function liveSubtree(db: Db, row: FolderLinkRow): Promise<Subtree> {
  const tree = await liveTreeOf(db, row);
  const folderIds = new Set(tree.subtree(row.folderId).filter((id) => tree.isLive(id)));
  const rows = await db.select().from(files).where(and(
    eq(files.ownerId, row.ownerId), eq(files.status, 'ready'), isNull(files.trashedAt), inArray(files.folderId, [...folderIds]),
  ));
  return { folderIds, files: rows.filter((f) => f.wrappedFileKey && f.encryptedMetadata) };
}

/** POST /api/links/[linkId]/tree: the wrapped folder key and the live subtree, counted as one open. */
export async function openFolderLink(deps: FilesDeps, linkId: string, accessKey: string, ip: string): Promise<FolderLinkTreeJson> {
  const row = await authorizeFolderLink(deps.db, linkId, accessKey, ip);
  const subtree = await liveSubtree(deps.db, row);
  const folderRows = await deps.db.select().from(folders).where(and(eq(folders.ownerId, row.ownerId), inArray(folders.id, [...subtree.folderIds])));
  const root = folderRows.find((f) => f.id === row.folderId);
  if (!root) throw new AppError('not_found', 'this link does not exist or was revoked');
  await deps.db.update(folderLinks).set({ openCount: sql`${folderLinks.openCount} + 1`, lastAccessAt: new Date() }).where(eq(folderLinks.id, row.id));
  const below: LinkedFolderJson[] = folderRows.filter((f) => f.id !== row.folderId)
    .map((f) => ({ id: f.id, parentId: f.parentId, wrappedFolderKey: f.wrappedFolderKey, encryptedMetadata: f.encryptedMetadata }));
  const linkedFiles: LinkedFileJson[] = subtree.files.map((f) => ({
    id: f.id, folderId: f.folderId!, wrappedFileKey: f.wrappedFileKey!, encryptedMetadata: f.encryptedMetadata!,
    ciphertextSize: f.ciphertextSize, chunkSize: f.chunkSize, createdAt: (f.completedAt ?? f.createdAt).toISOString(),
  }));
  return {
    linkId: row.id,
    // The linked folder's own key is the one the link wraps; its parent stays the owner's business.
    folder: { id: root.id, parentId: null, wrappedFolderKey: row.wrappedFolderKey, encryptedMetadata: root.encryptedMetadata },
    folders: below,
    files: linkedFiles,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    downloadsLeft: row.maxDownloads === null ? null : Math.max(0, row.maxDownloads - row.downloadCount),
  };
}

/**
 * POST /api/links/[linkId]/file-downloads: presigned GETs for files of the
 * live subtree. [Note: folder link downloads] One request is one visitor
 * action (one file, or the whole folder as a zip) and counts one download,
 * checked with the limit and the expiry in one UPDATE so parallel requests
 * cannot overrun it. Any id outside the subtree makes the whole request a
 * 404, before anything is counted or signed.
 */
export async function folderLinkDownloadUrls(
  deps: FilesDeps, linkId: string, accessKey: string, fileIds: readonly string[], ip: string,
): Promise<FolderLinkDownloadJson> {
  const row = await authorizeFolderLink(deps.db, linkId, accessKey, ip);
  const subtree = await liveSubtree(deps.db, row);
  const byId = new Map(subtree.files.map((f) => [f.id, f]));
  const wanted = fileIds.map((id) => byId.get(id));
  if (wanted.some((f) => !f)) throw new AppError('not_found', 'that file is not in this shared folder');
  const counted = await deps.db.update(folderLinks)
    .set({ downloadCount: sql`${folderLinks.downloadCount} + 1`, lastAccessAt: new Date() })
    .where(and(
      eq(folderLinks.id, row.id),
      or(isNull(folderLinks.maxDownloads), lt(folderLinks.downloadCount, folderLinks.maxDownloads)),
      or(isNull(folderLinks.expiresAt), gt(folderLinks.expiresAt, new Date())),
    ))
    .returning({ id: folderLinks.id });
  if (!counted[0]) {
    assertUsable(await findFolderLink(deps.db, row.id));
    throw new AppError('gone', 'this link can no longer be used');
  }
  const downloads = await Promise.all(wanted.map(async (f) => {
    const signed = await signDownload(deps.store, f!);
    return { fileId: f!.id, url: signed.url, expiresAt: signed.expiresAt, ciphertextSize: f!.ciphertextSize, chunkSize: f!.chunkSize };
  }));
  return { downloads };
}
