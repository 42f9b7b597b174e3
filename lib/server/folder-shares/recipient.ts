import 'server-only';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DownloadJson } from '@/lib/shared/files';
import { fileIdSchema } from '@/lib/shared/files';
import type { SharedFolderJson, SharedSubtreeJson } from '@/lib/shared/folder-shares';
import { shareIdSchema } from '@/lib/shared/shares';
import type { Db } from '../db/app-db';
import { userKeys, users } from '../db/schema';
import { files } from '../db/schema-files';
import { folderShares } from '../db/schema-folder-sharing';
import { folders, type FolderRow } from '../db/schema-folders';
import { AppError } from '../errors';
import type { FilesDeps } from '../files/deps';
import { signDownload } from '../files/download';
import { toFileJson } from '../files/records';
import { toFolderJson } from '../folders/records';
import { loadTree, type FolderTree } from '../folders/tree';

// The recipient's side of a folder share. A grant reaches items only through
// the owner's tree, evaluated at each request: what lies below the folder now
// (a file added later included) is shared, anything else is not, and a
// trashed folder or ancestor, or a deleted envelope, ends access at once.
// Every miss is the same 404, so share ids and file ids leak nothing.

function notFound(): AppError {
  return new AppError('not_found', 'share not found');
}

interface Grant {
  share: SharedFolderJson;
  tree: FolderTree;
}

const columns = { share: folderShares, folder: folders, ownerEmail: users.email, ownerIdentityPublicKey: userKeys.identityPublicKey };

function toSharedFolderJson(row: { share: typeof folderShares.$inferSelect; folder: FolderRow; ownerEmail: string; ownerIdentityPublicKey: string }): SharedFolderJson {
  return {
    shareId: row.share.id, folderId: row.folder.id, ownerId: row.share.ownerId, ownerEmail: row.ownerEmail,
    ownerIdentityPublicKey: row.ownerIdentityPublicKey, envelope: row.share.envelope,
    encryptedMetadata: row.folder.encryptedMetadata, createdAt: row.share.createdAt.toISOString(),
  };
}

function sharedQuery(db: Db) {
  return db.select(columns).from(folderShares)
    .innerJoin(folders, and(eq(folders.id, folderShares.folderId), eq(folders.ownerId, folderShares.ownerId)))
    .innerJoin(users, eq(users.id, folderShares.ownerId))
    .innerJoin(userKeys, eq(userKeys.userId, folderShares.ownerId));
}

/** GET /api/shared-folders: folders others shared with the caller and not in their trash, newest first. */
export async function listFoldersSharedWithMe(db: Db, recipientId: string): Promise<SharedFolderJson[]> {
  const rows = await sharedQuery(db).where(eq(folderShares.recipientId, recipientId))
    .orderBy(desc(folderShares.createdAt), desc(folderShares.id));
  const trees = new Map<string, FolderTree>();
  const out: SharedFolderJson[] = [];
  for (const row of rows) {
    let tree = trees.get(row.share.ownerId);
    if (!tree) trees.set(row.share.ownerId, (tree = await loadTree(db, row.share.ownerId)));
    if (tree.isLive(row.folder.id)) out.push(toSharedFolderJson(row));
  }
  return out;
}

/** The caller's live grant, or the 404. */
async function findGrant(db: Db, recipientId: string, shareId: string): Promise<Grant> {
  if (!shareIdSchema.safeParse(shareId).success) throw notFound();
  const row = (await sharedQuery(db).where(and(eq(folderShares.id, shareId), eq(folderShares.recipientId, recipientId))))[0];
  if (!row) throw notFound();
  const tree = await loadTree(db, row.share.ownerId);
  if (!tree.isLive(row.folder.id)) throw notFound();
  return { share: toSharedFolderJson(row), tree };
}

/** Live folders strictly below the shared one: a trashed folder hides its whole subtree. */
function liveBelow(grant: Grant): string[] {
  return grant.tree.subtree(grant.share.folderId).filter((id) => id !== grant.share.folderId && grant.tree.isLive(id));
}

/** GET /api/shared-folders/[shareId]: the subtree the recipient may open, and nothing outside it. */
export async function sharedSubtree(db: Db, recipientId: string, shareId: string): Promise<SharedSubtreeJson> {
  const grant = await findGrant(db, recipientId, shareId);
  const below = liveBelow(grant);
  const ownerId = grant.share.ownerId;
  const folderRows = below.length === 0 ? [] : await db.select().from(folders)
    .where(and(eq(folders.ownerId, ownerId), inArray(folders.id, below)));
  const places = [grant.share.folderId, ...below];
  const fileRows = await db.select().from(files)
    .where(and(eq(files.ownerId, ownerId), eq(files.status, 'ready'), inArray(files.folderId, places)))
    .orderBy(desc(files.createdAt), desc(files.id));
  return {
    share: grant.share,
    folders: folderRows.map(toFolderJson),
    files: fileRows.filter((f) => f.trashedAt === null).map(toFileJson),
  };
}

/** GET /api/shared-folders/[shareId]/files/[fileId]/download: a presigned GET for a live file in the subtree. */
export async function sharedFolderDownloadUrl(deps: FilesDeps, recipientId: string, shareId: string, fileId: string): Promise<DownloadJson> {
  const grant = await findGrant(deps.db, recipientId, shareId);
  if (!fileIdSchema.safeParse(fileId).success) throw notFound();
  const file = (await deps.db.select().from(files)
    .where(and(eq(files.id, fileId), eq(files.ownerId, grant.share.ownerId), eq(files.status, 'ready'))))[0];
  if (!file || file.trashedAt || file.folderId === null) throw notFound();
  if (!grant.tree.isWithin(file.folderId, grant.share.folderId) || !grant.tree.isLive(file.folderId)) throw notFound();
  const signed = await signDownload(deps.store, file);
  return { url: signed.url, expiresAt: signed.expiresAt, ciphertextSize: file.ciphertextSize, chunkSize: file.chunkSize };
}
