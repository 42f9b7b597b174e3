// Public links to a folder (issue 10 item 4, docs/format.md §2.1, §6) as
// Next.js runs the routes: owner-only create/list/revoke (401 without a
// session, 404 for anyone else and for a trashed folder's link); the visitor's
// access key checked, wrong ones counted; expiry, the download limit (one per
// download action), revoke; trashing the folder stops the link and a restore
// brings it back; only the live subtree is listed and signed, including files
// added after the link was made. Real crypto for the link keys, real MinIO,
// the suite's database; nothing is mocked.
// First: it must run before any Next.js module loads (see the helper).
import '../helpers/request-scope';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import * as filesRoute from '@/app/api/files/route';
import * as completeRoute from '@/app/api/files/[id]/complete/route';
import * as foldersRoute from '@/app/api/folders/route';
import * as folderLinksRoute from '@/app/api/folders/[id]/links/route';
import * as folderLinkRoute from '@/app/api/folders/[id]/links/[linkId]/route';
import * as trashRoute from '@/app/api/items/trash/route';
import * as restoreRoute from '@/app/api/items/restore/route';
import * as moveRoute from '@/app/api/items/move/route';
import * as infoRoute from '@/app/api/links/[linkId]/route';
import * as openRoute from '@/app/api/links/[linkId]/open/route';
import * as treeRoute from '@/app/api/links/[linkId]/tree/route';
import * as downloadsRoute from '@/app/api/links/[linkId]/file-downloads/route';
import { fromBase64Url, toBase64Url } from '@/lib/crypto/bytes';
import { ciphertextSizeFromPlaintextSize } from '@/lib/crypto/file-format';
import { generateFolderKeyBytes } from '@/lib/crypto/folder-key';
import { deriveLinkKeys, generateLinkSecrets, linkAccessVerifier, unwrapFolderKeyFromLink, wrapFolderKeyForLink } from '@/lib/crypto/link';
import { asDb } from '@/lib/server/db/app-db';
import { getDatabase } from '@/lib/server/db/db';
import { folderLinks } from '@/lib/server/db/schema-folder-sharing';
import { createUploadResponse, okResponse } from '@/lib/shared/files';
import { folderLinkDownloadResponse, folderLinkListResponse, folderLinkSchema, folderLinkTreeResponse } from '@/lib/shared/folder-links';
import { folderSchema } from '@/lib/shared/folders';
import { linkInfoResponse } from '@/lib/shared/links';
import { restoreAppEnv, useAppEnv } from '../helpers/app-env';
import { testContext } from '../helpers/context';
import { callRoute, sessionCookie, type RouteHandler } from '../helpers/route-call';
import { createUser, fakeSealed, put } from '../helpers/files';

const ctx = testContext();
const CHUNK = 256 * 1024;
const HOUR = 3600;
type Params = Record<string, string>;

let alice: string;
let bob: string;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  const conn = await useAppEnv('folder-links-routes');
  alice = await createUser(conn);
  bob = await createUser(conn);
  for (const user of [alice, bob]) cookies[user] = await sessionCookie(user, ctx.appEnv.NEXTAUTH_SECRET!);
});
afterAll(async () => {
  await restoreAppEnv();
});

const call = (handler: unknown, method: string, path: string, options: { cookie?: string; body?: unknown; params?: Params; headers?: Record<string, string> } = {}) =>
  callRoute(handler as RouteHandler, method, path, options);
const db = async () => asDb((await getDatabase()).db);
const wrapped = () => toBase64Url(randomBytes(61));

async function newFolder(parentId: string | null, owner = alice): Promise<string> {
  const id = randomUUID();
  const res = await call(foldersRoute.POST, 'POST', '/api/folders', { cookie: cookies[owner], body: { id, parentId, wrappedFolderKey: wrapped(), encryptedMetadata: toBase64Url(randomBytes(60)) } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return folderSchema.parse(res.body).id;
}

async function uploadInto(folderId: string | null, owner = alice): Promise<{ id: string; bytes: Buffer }> {
  const ciphertextSize = ciphertextSizeFromPlaintextSize(700, CHUNK);
  const created = await call(filesRoute.POST, 'POST', '/api/files', { cookie: cookies[owner], body: { ciphertextSize, chunkSize: CHUNK, folderId } });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  const { id, upload } = createUploadResponse.parse(created.body);
  const bytes = randomBytes(ciphertextSize);
  await put(upload.parts[0]!.url, bytes, upload.parts[0]!.headers);
  expect((await call(completeRoute.POST, 'POST', `/api/files/${id}/complete`, { cookie: cookies[owner], body: fakeSealed(), params: { id } })).status).toBe(200);
  return { id, bytes };
}

/** What the owner's browser does: fresh secrets, the folder key wrapped under the link key, the verifier. */
async function makeLink(folderId: string, options: { password?: string; expiresInSeconds?: number | null; maxDownloads?: number | null } = {}) {
  const { linkId, fragmentSecret, linkSalt } = generateLinkSecrets();
  const { linkKey, accessKeyBytes } = await deriveLinkKeys({ fragmentSecret, linkSalt, linkId, password: options.password });
  const folderKeyBytes = generateFolderKeyBytes();
  const body = {
    id: linkId,
    linkSalt: toBase64Url(linkSalt),
    wrappedFolderKey: toBase64Url(await wrapFolderKeyForLink(linkKey, folderKeyBytes, linkId, folderId)),
    accessVerifier: toBase64Url(await linkAccessVerifier(accessKeyBytes)),
    hasPassword: options.password !== undefined,
    expiresInSeconds: options.expiresInSeconds === undefined ? 24 * HOUR : options.expiresInSeconds,
    maxDownloads: options.maxDownloads ?? null,
  };
  return { linkId, fragmentSecret, linkSalt, linkKey, folderKeyBytes, accessKey: toBase64Url(accessKeyBytes), body };
}

const createFor = (owner: string | undefined, folderId: string, body: unknown) =>
  call(folderLinksRoute.POST, 'POST', `/api/folders/${folderId}/links`, { cookie: owner ? cookies[owner] : undefined, body, params: { id: folderId } });

async function createdLink(folderId: string, options: Parameters<typeof makeLink>[1] = {}) {
  const link = await makeLink(folderId, options);
  const res = await createFor(alice, folderId, link.body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return link;
}

const visitor = (linkId: string) => ({
  info: () => call(infoRoute.GET, 'GET', `/api/links/${linkId}`, { params: { linkId } }),
  tree: (accessKey: string, headers?: Record<string, string>) => call(treeRoute.POST, 'POST', `/api/links/${linkId}/tree`, { params: { linkId }, body: { accessKey }, headers }),
  download: (accessKey: string, fileIds: string[]) => call(downloadsRoute.POST, 'POST', `/api/links/${linkId}/file-downloads`, { params: { linkId }, body: { accessKey, fileIds } }),
});

const items = (kind: 'file' | 'folder', id: string) => ({ items: [{ kind, id }] });

describe('owner routes without a valid session', () => {
  const id = randomUUID();
  const linkId = toBase64Url(randomBytes(16));
  const cases: Array<[string, unknown, string, string, Params, unknown?]> = [
    ['POST /api/folders/[id]/links', folderLinksRoute.POST, 'POST', `/api/folders/${id}/links`, { id }, {}],
    ['GET /api/folders/[id]/links', folderLinksRoute.GET, 'GET', `/api/folders/${id}/links`, { id }],
    ['DELETE /api/folders/[id]/links/[linkId]', folderLinkRoute.DELETE, 'DELETE', `/api/folders/${id}/links/${linkId}`, { id, linkId }],
  ];
  for (const [name, handler, method, path, params, body] of cases) {
    it(`${name} answers 401 JSON (no cookie, forged cookie)`, async () => {
      for (const cookie of [undefined, `next-auth.session-token=${randomBytes(64).toString('base64url')}`]) {
        const res = await call(handler, method, path, { cookie, body, params });
        expect(res.status).toBe(401);
        expect(res.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
      }
    });
  }
});

describe('folder links', () => {
  it('owner only: another user gets 404 for create, list and revoke; a trashed folder cannot be linked', async () => {
    const folder = await newFolder(null);
    const link = await makeLink(folder);
    expect((await createFor(bob, folder, link.body)).status).toBe(404);
    expect((await createFor(alice, randomUUID(), link.body)).status).toBe(404);
    expect((await createFor(alice, folder, link.body)).status).toBe(200);
    expect((await createFor(alice, folder, link.body)).status).toBe(409);
    expect((await call(folderLinksRoute.GET, 'GET', `/api/folders/${folder}/links`, { cookie: cookies[bob], params: { id: folder } })).status).toBe(404);
    const bobRevoke = await call(folderLinkRoute.DELETE, 'DELETE', `/api/folders/${folder}/links/${link.linkId}`, { cookie: cookies[bob], params: { id: folder, linkId: link.linkId } });
    expect(bobRevoke.status).toBe(404);
    expect(bobRevoke.body).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    const listed = folderLinkListResponse.parse((await call(folderLinksRoute.GET, 'GET', `/api/folders/${folder}/links`, { cookie: cookies[alice], params: { id: folder } })).body);
    expect(listed.links.map((l) => l.id)).toEqual([link.linkId]);
    // A file link's body (wrappedFileKey) is not a folder link's.
    const { wrappedFolderKey, ...rest } = link.body;
    expect((await createFor(alice, folder, { ...rest, wrappedFileKey: wrappedFolderKey })).status).toBe(400);

    const trashed = await newFolder(null);
    expect((await call(trashRoute.POST, 'POST', '/api/items/trash', { cookie: cookies[alice], body: items('folder', trashed) })).status).toBe(200);
    expect((await createFor(alice, trashed, (await makeLink(trashed)).body)).status).toBe(409);
  });

  it('the visitor gets the wrapped key and the live subtree only; wrong keys are refused and counted', async () => {
    const outside = await newFolder(null);
    const top = await newFolder(null);
    const sub = await newFolder(top);
    const trashedSub = await newFolder(top);
    const inTop = await uploadInto(top);
    const inSub = await uploadInto(sub);
    const inTrashedSub = await uploadInto(trashedSub);
    const trashedFile = await uploadInto(sub);
    const outsideFile = await uploadInto(outside);
    const topLevelFile = await uploadInto(null);
    const bobsFile = await uploadInto(null, bob);
    for (const [kind, id] of [['folder', trashedSub], ['file', trashedFile.id]] as const) {
      expect((await call(trashRoute.POST, 'POST', '/api/items/trash', { cookie: cookies[alice], body: items(kind, id) })).status).toBe(200);
    }
    const link = await createdLink(top, { password: 'correct horse' });
    const v = visitor(link.linkId);

    expect(linkInfoResponse.parse((await v.info()).body)).toEqual({ id: link.linkId, kind: 'folder', hasPassword: true, linkSalt: link.body.linkSalt });
    // The file-link routes do not serve a folder link.
    expect((await call(openRoute.POST, 'POST', `/api/links/${link.linkId}/open`, { params: { linkId: link.linkId }, body: { accessKey: link.accessKey } })).status).toBe(404);

    const wrong = await deriveLinkKeys({ fragmentSecret: link.fragmentSecret, linkSalt: link.linkSalt, linkId: link.linkId, password: 'correct horsE' });
    for (const res of [await v.tree(toBase64Url(wrong.accessKeyBytes)), await v.download(toBase64Url(wrong.accessKeyBytes), [inTop.id])]) {
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ error: { code: 'wrong_password', message: 'wrong password, or the link is incomplete' } });
    }

    const tree = folderLinkTreeResponse.parse((await v.tree(link.accessKey)).body);
    expect(tree.folder).toMatchObject({ id: top, parentId: null, wrappedFolderKey: link.body.wrappedFolderKey });
    const unwrapped = await unwrapFolderKeyFromLink(link.linkKey, fromBase64Url(tree.folder.wrappedFolderKey), link.linkId, top);
    expect(Buffer.from(unwrapped).equals(Buffer.from(link.folderKeyBytes))).toBe(true);
    expect(tree.folders.map((f) => f.id)).toEqual([sub]);
    expect(tree.files.map((f) => f.id).sort()).toEqual([inTop.id, inSub.id].sort());

    // Only files of the live subtree are signed; one outside makes the whole request a 404 and counts nothing.
    for (const id of [outsideFile.id, topLevelFile.id, bobsFile.id, inTrashedSub.id, trashedFile.id, randomUUID()]) {
      const res = await v.download(link.accessKey, [inTop.id, id]);
      expect(res.status, id).toBe(404);
      expect(res.body).toEqual({ error: { code: 'not_found', message: 'that file is not in this shared folder' } });
    }
    const dl = folderLinkDownloadResponse.parse((await v.download(link.accessKey, [inSub.id])).body);
    const fetched = Buffer.from(await (await fetch(dl.downloads[0]!.url)).arrayBuffer());
    expect(fetched.equals(inSub.bytes)).toBe(true);

    // A file added after the link was made is there on the next open.
    const later = await uploadInto(sub);
    const again = folderLinkTreeResponse.parse((await v.tree(link.accessKey)).body);
    expect(again.files.map((f) => f.id)).toContain(later.id);
    expect((await v.download(link.accessKey, [later.id])).status).toBe(200);

    // Moved out of the subtree: gone from the link.
    const moved = await call(moveRoute.POST, 'POST', '/api/items/move', { cookie: cookies[alice], body: { parentId: outside, items: [{ kind: 'file', id: later.id, wrappedKey: wrapped() }] } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect((await v.download(link.accessKey, [later.id])).status).toBe(404);

    const audit = folderLinkListResponse.parse((await call(folderLinksRoute.GET, 'GET', `/api/folders/${top}/links`, { cookie: cookies[alice], params: { id: top } })).body).links[0]!;
    expect(audit).toMatchObject({ openCount: 2, downloadCount: 2, failedAttempts: 2 });
  });

  it('the download limit counts one per download action, also for several files at once, and holds under a burst', async () => {
    const top = await newFolder(null);
    const a = await uploadInto(top);
    const b = await uploadInto(top);
    const link = await createdLink(top, { maxDownloads: 3 });
    const v = visitor(link.linkId);
    expect(folderLinkTreeResponse.parse((await v.tree(link.accessKey)).body).downloadsLeft).toBe(3);
    // The whole folder in one action: two URLs, one download.
    expect(folderLinkDownloadResponse.parse((await v.download(link.accessKey, [a.id, b.id])).body).downloads).toHaveLength(2);
    expect(folderLinkTreeResponse.parse((await v.tree(link.accessKey)).body).downloadsLeft).toBe(2);
    const burst = await Promise.all(Array.from({ length: 6 }, () => v.download(link.accessKey, [a.id])));
    expect(burst.filter((r) => r.status === 200)).toHaveLength(2);
    for (const r of burst.filter((x) => x.status !== 200)) {
      expect(r.status).toBe(410);
      expect(r.body).toEqual({ error: { code: 'gone', message: 'this link has reached its download limit' } });
    }
    expect((await v.info()).status).toBe(410);
    expect((await v.tree(link.accessKey)).status).toBe(410);
    expect(folderLinkSchema.parse(folderLinkListResponse.parse((await call(folderLinksRoute.GET, 'GET', `/api/folders/${top}/links`, { cookie: cookies[alice], params: { id: top } })).body).links[0]).status).toBe('exhausted');
  });

  it('an expired link answers 410; a revoked one 404', async () => {
    const top = await newFolder(null);
    const file = await uploadInto(top);
    const link = await createdLink(top);
    const v = visitor(link.linkId);
    expect((await v.tree(link.accessKey)).status).toBe(200);
    await (await db()).update(folderLinks).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(folderLinks.id, link.linkId));
    for (const res of [await v.info(), await v.tree(link.accessKey), await v.download(link.accessKey, [file.id])]) {
      expect(res.status).toBe(410);
      expect(res.body).toEqual({ error: { code: 'gone', message: 'this link has expired' } });
    }

    const other = await createdLink(top);
    const revoke = await call(folderLinkRoute.DELETE, 'DELETE', `/api/folders/${top}/links/${other.linkId}`, { cookie: cookies[alice], params: { id: top, linkId: other.linkId } });
    expect(okResponse.parse(revoke.body)).toEqual({ ok: true });
    const w = visitor(other.linkId);
    for (const res of [await w.info(), await w.tree(other.accessKey), await w.download(other.accessKey, [file.id])]) {
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: { code: 'not_found', message: 'this link does not exist or was revoked' } });
    }
  });

  it('trashing the folder or an ancestor stops the link; restoring brings it back', async () => {
    const parent = await newFolder(null);
    const top = await newFolder(parent);
    const file = await uploadInto(top);
    const link = await createdLink(top);
    const v = visitor(link.linkId);
    for (const target of [top, parent]) {
      expect((await call(trashRoute.POST, 'POST', '/api/items/trash', { cookie: cookies[alice], body: items('folder', target) })).status).toBe(200);
      for (const res of [await v.info(), await v.tree(link.accessKey), await v.download(link.accessKey, [file.id])]) expect(res.status).toBe(404);
      const restored = await call(restoreRoute.POST, 'POST', '/api/items/restore', { cookie: cookies[alice], body: items('folder', target) });
      expect(restored.status, JSON.stringify(restored.body)).toBe(200);
      expect(folderLinkTreeResponse.parse((await v.tree(link.accessKey)).body).files.map((f) => f.id)).toEqual([file.id]);
    }
  });

  it('wrong access keys are rate limited per link and address: the 11th attempt is 429', async () => {
    const top = await newFolder(null);
    const link = await createdLink(top);
    const v = visitor(link.linkId);
    const headers = { 'x-forwarded-for': '203.0.113.77' };
    for (let i = 0; i < 10; i++) expect((await v.tree(toBase64Url(randomBytes(32)), headers)).status).toBe(403);
    const limited = await v.tree(link.accessKey, headers);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
    expect((await v.tree(link.accessKey, { 'x-forwarded-for': '203.0.113.78' })).status).toBe(200);
  });
});
