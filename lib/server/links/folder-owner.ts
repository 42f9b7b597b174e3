import 'server-only';
import { and, asc, desc, eq } from 'drizzle-orm';
import type { CreateFolderLinkRequest, FolderLinkJson } from '@/lib/shared/folder-links';
import { linkIdSchema } from '@/lib/shared/links';
import type { Db } from '../db/app-db';
import { folderLinks, type FolderLinkRow } from '../db/schema-folder-sharing';
import { links } from '../db/schema-links';
import { AppError } from '../errors';
import { findOwnedFolder } from '../folders/records';
import { loadTree } from '../folders/tree';
import { linkNotFound, linkStatus } from './records';

// The owner's side of folder links. Every function starts from
// findOwnedFolder, so anyone else gets the folders' 404 ([Note: not found,
// never forbidden] in lib/server/files/records.ts).

export function toFolderLinkJson(row: FolderLinkRow): FolderLinkJson {
  return {
    id: row.id,
    folderId: row.folderId,
    hasPassword: row.hasPassword,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    maxDownloads: row.maxDownloads,
    downloadCount: row.downloadCount,
    openCount: row.openCount,
    failedAttempts: row.failedAttempts,
    lastAccessAt: row.lastAccessAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    status: linkStatus(row),
  };
}

/** POST /api/folders/[id]/links: stores a link whose key only the creating browser ever held. */
export async function createFolderLink(db: Db, ownerId: string, folderId: string, input: CreateFolderLinkRequest): Promise<FolderLinkJson> {
  const folder = await findOwnedFolder(db, ownerId, folderId);
  if (!(await loadTree(db, ownerId)).isLive(folder.id)) throw new AppError('conflict', 'the folder is in the trash; restore it first');
  // File links and folder links share /s/[id]: an id may name only one of them.
  if ((await db.select({ id: links.id }).from(links).where(eq(links.id, input.id)))[0]) {
    throw new AppError('conflict', 'that link id is already taken; create the link again');
  }
  const expiresAt = input.expiresInSeconds === null ? null : new Date(Date.now() + input.expiresInSeconds * 1000);
  const inserted = await db.insert(folderLinks).values({
    id: input.id,
    folderId: folder.id,
    ownerId,
    linkSalt: input.linkSalt,
    wrappedFolderKey: input.wrappedFolderKey,
    accessVerifier: input.accessVerifier,
    hasPassword: input.hasPassword,
    expiresAt,
    maxDownloads: input.maxDownloads,
  }).onConflictDoNothing().returning();
  if (!inserted[0]) throw new AppError('conflict', 'that link id is already taken; create the link again');
  return toFolderLinkJson(inserted[0]);
}

/** GET /api/folders/[id]/links: the folder's links with their counters, newest first. */
export async function listFolderLinks(db: Db, ownerId: string, folderId: string): Promise<FolderLinkJson[]> {
  const folder = await findOwnedFolder(db, ownerId, folderId);
  const rows = await db.select().from(folderLinks)
    .where(and(eq(folderLinks.folderId, folder.id), eq(folderLinks.ownerId, ownerId)))
    .orderBy(desc(folderLinks.createdAt), asc(folderLinks.id));
  return rows.map(toFolderLinkJson);
}

/** DELETE /api/folders/[id]/links/[linkId]: the row and its wrapped key go; the URL opens nothing from then on. */
export async function revokeFolderLink(db: Db, ownerId: string, folderId: string, linkId: string): Promise<void> {
  const folder = await findOwnedFolder(db, ownerId, folderId);
  if (!linkIdSchema.safeParse(linkId).success) throw linkNotFound();
  const deleted = await db.delete(folderLinks)
    .where(and(eq(folderLinks.id, linkId), eq(folderLinks.folderId, folder.id), eq(folderLinks.ownerId, ownerId)))
    .returning({ id: folderLinks.id });
  if (!deleted[0]) throw linkNotFound();
}
