import 'server-only';
import { and, asc, desc, eq } from 'drizzle-orm';
import { linkIdSchema, type CreateLinkRequest, type LinkJson } from '@/lib/shared/links';
import type { Db } from '../db/app-db';
import { links } from '../db/schema-links';
import { AppError } from '../errors';
import { findOwnedFile } from '../files/records';
import { linkNotFound, toLinkJson } from './records';

// The owner's side of public links. Every function starts from findOwnedFile
// or filters on ownerId, so anyone else gets a 404 ([Note: not found, never
// forbidden] in lib/server/files/records.ts).

/** POST /api/files/[id]/links: stores a link whose key only the creating browser ever held. */
export async function createLink(db: Db, ownerId: string, fileId: string, input: CreateLinkRequest): Promise<LinkJson> {
  const file = await findOwnedFile(db, ownerId, fileId);
  if (file.status !== 'ready') throw new AppError('conflict', 'the upload is not complete yet');
  const expiresAt = input.expiresInSeconds === null ? null : new Date(Date.now() + input.expiresInSeconds * 1000);
  const inserted = await db.insert(links).values({
    id: input.id,
    fileId: file.id,
    ownerId,
    linkSalt: input.linkSalt,
    wrappedFileKey: input.wrappedFileKey,
    accessVerifier: input.accessVerifier,
    hasPassword: input.hasPassword,
    expiresAt,
    maxDownloads: input.maxDownloads,
  }).onConflictDoNothing().returning();
  // 16 random bytes never collide by chance: a reused id is a client bug or a replay.
  if (!inserted[0]) throw new AppError('conflict', 'that link id is already taken; create the link again');
  return toLinkJson(inserted[0]);
}

/** GET /api/files/[id]/links: the file's links with their counters, newest first. */
export async function listFileLinks(db: Db, ownerId: string, fileId: string): Promise<LinkJson[]> {
  const file = await findOwnedFile(db, ownerId, fileId);
  const rows = await db.select().from(links)
    .where(and(eq(links.fileId, file.id), eq(links.ownerId, ownerId)))
    .orderBy(desc(links.createdAt), asc(links.id));
  return rows.map(toLinkJson);
}

/** Every link of the owner, for the sharing-activity page. */
export async function listOwnerLinks(db: Db, ownerId: string): Promise<LinkJson[]> {
  const rows = await db.select().from(links).where(eq(links.ownerId, ownerId)).orderBy(desc(links.createdAt), asc(links.id));
  return rows.map(toLinkJson);
}

/** DELETE /api/files/[id]/links/[linkId]: the row goes, and with it the wrapped key; the URL opens nothing from then on. */
export async function revokeLink(db: Db, ownerId: string, fileId: string, linkId: string): Promise<void> {
  const file = await findOwnedFile(db, ownerId, fileId);
  if (!linkIdSchema.safeParse(linkId).success) throw linkNotFound();
  const deleted = await db.delete(links)
    .where(and(eq(links.id, linkId), eq(links.fileId, file.id), eq(links.ownerId, ownerId))).returning({ id: links.id });
  if (!deleted[0]) throw linkNotFound();
}
