import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { LinkInfoJson } from '@/lib/shared/links';
import { linkIdSchema } from '@/lib/shared/links';
import type { Db } from '../db/app-db';
import { folderLinks, type FolderLinkRow } from '../db/schema-folder-sharing';
import { folders } from '../db/schema-folders';
import { countAttempt, forgiveOne } from '../auth/rate-limit';
import { AppError } from '../errors';
import { loadTree, type FolderTree } from '../folders/tree';
import { LINK_IP_LIMIT, LINK_LIMIT, verifierMatches } from './access';
import { assertUsable, linkNotFound } from './records';

// Folder links behind the same door as file links ([Note: link attempts] in
// access.ts): every presented key is counted before the constant-time check,
// a wrong one is recorded on the link, a right one gives its attempt back.

export async function findFolderLinkOrNull(db: Db, linkId: string): Promise<FolderLinkRow | null> {
  if (!linkIdSchema.safeParse(linkId).success) return null;
  return (await db.select().from(folderLinks).where(eq(folderLinks.id, linkId)))[0] ?? null;
}

export async function findFolderLink(db: Db, linkId: string): Promise<FolderLinkRow> {
  const row = await findFolderLinkOrNull(db, linkId);
  if (!row) throw linkNotFound();
  return row;
}

/**
 * The owner's tree, once the linked folder is known to be live: a folder in
 * the trash (itself or through an ancestor) answers like a revoked link until
 * it is restored (issue 10), and a restore brings the link back unchanged.
 */
export async function liveTreeOf(db: Db, row: FolderLinkRow): Promise<FolderTree> {
  const tree = await loadTree(db, row.ownerId);
  if (!tree.isLive(row.folderId)) throw linkNotFound();
  return tree;
}

export async function folderLinkInfo(db: Db, row: FolderLinkRow): Promise<LinkInfoJson> {
  assertUsable(row);
  await liveTreeOf(db, row);
  // The folder row must still be there (a cascade removes the link with it, but be plain about it).
  if (!(await db.select({ id: folders.id }).from(folders).where(eq(folders.id, row.folderId)))[0]) throw linkNotFound();
  return { id: row.id, kind: 'folder', hasPassword: row.hasPassword, linkSalt: row.linkSalt };
}

/** The folder link, once the caller proved it holds the fragment (and password); 403 otherwise, 429 past the limits. */
export async function authorizeFolderLink(db: Db, linkId: string, accessKey: string, ip: string): Promise<FolderLinkRow> {
  const row = await findFolderLink(db, linkId);
  const keys = [
    { key: `link:${row.id}:ip:${ip}`, limit: LINK_IP_LIMIT },
    { key: `link:${row.id}`, limit: LINK_LIMIT },
  ];
  await countAttempt(db, keys);
  if (!verifierMatches(row, accessKey)) {
    await db.update(folderLinks).set({ failedAttempts: sql`${folderLinks.failedAttempts} + 1` }).where(eq(folderLinks.id, row.id));
    throw row.hasPassword
      ? new AppError('wrong_password', 'wrong password, or the link is incomplete')
      : new AppError('forbidden', 'the link is incomplete: copy the whole address');
  }
  for (const { key } of keys) await forgiveOne(db, key);
  assertUsable(row);
  return row;
}
