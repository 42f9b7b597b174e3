// Folders, moves, the trash and bulk actions through the routes, against the
// real MinIO and the suite's database (PGlite or PostgreSQL). The server
// never opens a key or a name, so the blobs here are random bytes of the
// right shape; what is checked is what the server decides: ownership (401,
// 404), the tree (no cycles), all-or-nothing bulk requests, what the trash
// does to shares, links and quota, and that purging removes the objects.
// First: it must run before any Next.js module loads (see the helper).
import '../helpers/request-scope';
import { randomBytes, randomUUID } from 'node:crypto';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as filesRoute from '@/app/api/files/route';
import * as fileRoute from '@/app/api/files/[id]/route';
import * as completeRoute from '@/app/api/files/[id]/complete/route';
import * as downloadRoute from '@/app/api/files/[id]/download/route';
import * as foldersRoute from '@/app/api/folders/route';
import * as folderRoute from '@/app/api/folders/[id]/route';
import * as moveRoute from '@/app/api/items/move/route';
import * as trashRoute from '@/app/api/items/trash/route';
import * as restoreRoute from '@/app/api/items/restore/route';
import * as deleteRoute from '@/app/api/items/delete/route';
import * as emptyRoute from '@/app/api/trash/empty/route';
import * as usageRoute from '@/app/api/usage/route';
import { toBase64Url } from '@/lib/crypto/bytes';
import { ciphertextSizeFromPlaintextSize } from '@/lib/crypto/file-format';
import { appDb } from '@/lib/server/db/app-db';
import { files } from '@/lib/server/db/schema-files';
import { filesDeps } from '@/lib/server/files/deps';
import { purgeExpiredTrash } from '@/lib/server/folders/purge';
import { isFileLive } from '@/lib/server/folders/tree';
import { createUploadResponse, fileListResponse, usageResponse } from '@/lib/shared/files';
import { bulkResponse, folderListResponse, folderSchema } from '@/lib/shared/folders';
import { restoreAppEnv, useAppEnv } from '../helpers/app-env';
import { rootS3, testContext } from '../helpers/context';
import { callRoute, sessionCookie, type RouteHandler } from '../helpers/route-call';
import { createUser, fakeSealed, put } from '../helpers/files';

const ctx = testContext();
const CHUNK = 256 * 1024;
let alice: string;
let aliceCookie: string;
let malloryCookie: string;

beforeAll(async () => {
  const conn = await useAppEnv('folders-routes');
  alice = await createUser(conn);
  const mallory = await createUser(conn);
  aliceCookie = await sessionCookie(alice, ctx.appEnv.NEXTAUTH_SECRET!);
  malloryCookie = await sessionCookie(mallory, ctx.appEnv.NEXTAUTH_SECRET!);
});
afterAll(async () => {
  await restoreAppEnv();
});

const wrapped = () => toBase64Url(randomBytes(61));
const call = (handler: unknown, method: string, path: string, options: { cookie?: string; body?: unknown; id?: string } = {}) =>
  callRoute(handler as RouteHandler, method, path, { cookie: options.cookie ?? aliceCookie, body: options.body, params: { id: options.id ?? '' } });

async function newFolder(parentId: string | null, cookie = aliceCookie): Promise<string> {
  const id = randomUUID();
  const res = await call(foldersRoute.POST, 'POST', '/api/folders', { cookie, body: { id, parentId, wrappedFolderKey: wrapped(), encryptedMetadata: toBase64Url(randomBytes(60)) } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return folderSchema.parse(res.body).id;
}

async function uploadInto(folderId: string | null, bytes = 1000): Promise<{ id: string; body: Buffer; size: number }> {
  const size = ciphertextSizeFromPlaintextSize(bytes, CHUNK);
  const created = await call(filesRoute.POST, 'POST', '/api/files', { body: { ciphertextSize: size, chunkSize: CHUNK, folderId } });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  const { id, upload } = createUploadResponse.parse(created.body);
  const body = randomBytes(size);
  expect((await put(upload.parts[0]!.url, body, upload.parts[0]!.headers)).status).toBe(200);
  expect((await call(completeRoute.POST, 'POST', `/api/files/${id}/complete`, { body: fakeSealed(), id })).status).toBe(200);
  return { id, body, size };
}

async function listed() {
  const filesList = fileListResponse.parse((await call(filesRoute.GET, 'GET', '/api/files')).body).files;
  const folderList = folderListResponse.parse((await call(foldersRoute.GET, 'GET', '/api/folders')).body).folders;
  return { files: new Map(filesList.map((f) => [f.id, f])), folders: new Map(folderList.map((f) => [f.id, f])) };
}

async function objectKeyOf(fileId: string): Promise<string> {
  return (await (await appDb()).select({ key: files.objectKey }).from(files).where(eq(files.id, fileId)))[0]!.key;
}

async function head(fileId: string): Promise<{ status: number; etag?: string }> {
  const key = await objectKeyOf(fileId);
  return rootS3(ctx).send(new HeadObjectCommand({ Bucket: ctx.bucket, Key: key })).then(
    (r) => ({ status: 200, etag: r.ETag }),
    (e: { $metadata?: { httpStatusCode?: number } }) => ({ status: e.$metadata?.httpStatusCode ?? 0 }),
  );
}

const usage = async () => usageResponse.parse((await call(usageRoute.GET, 'GET', '/api/usage')).body);

describe('folder routes: sessions and ownership', () => {
  const validId = randomUUID();
  const routes: Array<[string, unknown, string, string, unknown?]> = [
    ['GET /api/folders', foldersRoute.GET, 'GET', '/api/folders'],
    ['POST /api/folders', foldersRoute.POST, 'POST', '/api/folders', { id: validId, parentId: null, wrappedFolderKey: wrapped(), encryptedMetadata: 'AAAA' }],
    ['GET /api/folders/[id]', folderRoute.GET, 'GET', `/api/folders/${validId}`],
    ['PATCH /api/folders/[id]', folderRoute.PATCH, 'PATCH', `/api/folders/${validId}`, { encryptedMetadata: 'AAAA' }],
    ['POST /api/items/move', moveRoute.POST, 'POST', '/api/items/move', { parentId: null, items: [{ kind: 'file', id: validId, wrappedKey: wrapped() }] }],
    ['POST /api/items/trash', trashRoute.POST, 'POST', '/api/items/trash', { items: [{ kind: 'file', id: validId }] }],
    ['POST /api/items/restore', restoreRoute.POST, 'POST', '/api/items/restore', { items: [{ kind: 'file', id: validId }] }],
    ['POST /api/items/delete', deleteRoute.POST, 'POST', '/api/items/delete', { items: [{ kind: 'file', id: validId }] }],
    ['POST /api/trash/empty', emptyRoute.POST, 'POST', '/api/trash/empty'],
  ];

  for (const [name, handler, method, path, body] of routes) {
    it(`${name} answers 401 JSON without a session`, async () => {
      const res = await callRoute(handler as RouteHandler, method, path, { body, params: { id: validId } });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    });
  }

  it("answers 404 for another user's folders and files, exactly as for unknown ids, and changes nothing", async () => {
    const folder = await newFolder(null);
    const file = await uploadInto(folder);
    const before = await listed();
    const probes: Array<[unknown, string, string, unknown]> = [
      [folderRoute.GET, 'GET', `/api/folders/${folder}`, undefined],
      [folderRoute.PATCH, 'PATCH', `/api/folders/${folder}`, { encryptedMetadata: 'AAAA' }],
      [moveRoute.POST, 'POST', '/api/items/move', { parentId: null, items: [{ kind: 'folder', id: folder, wrappedKey: wrapped() }] }],
      [moveRoute.POST, 'POST', '/api/items/move', { parentId: null, items: [{ kind: 'file', id: file.id, wrappedKey: wrapped() }] }],
      [trashRoute.POST, 'POST', '/api/items/trash', { items: [{ kind: 'file', id: file.id }] }],
      [restoreRoute.POST, 'POST', '/api/items/restore', { items: [{ kind: 'folder', id: folder }] }],
      [deleteRoute.POST, 'POST', '/api/items/delete', { items: [{ kind: 'file', id: file.id }] }],
      // Mallory's own new folder cannot be made inside Alice's, and her uploads cannot land there.
      [foldersRoute.POST, 'POST', '/api/folders', { id: randomUUID(), parentId: folder, wrappedFolderKey: wrapped(), encryptedMetadata: 'AAAA' }],
      [filesRoute.POST, 'POST', '/api/files', { ciphertextSize: ciphertextSizeFromPlaintextSize(10, CHUNK), chunkSize: CHUNK, folderId: folder }],
    ];
    for (const [handler, method, path, body] of probes) {
      const res = await call(handler, method, path, { cookie: malloryCookie, body, id: folder });
      expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(404);
    }
    const unknown = await call(folderRoute.GET, 'GET', `/api/folders/${randomUUID()}`, { cookie: malloryCookie, id: randomUUID() });
    const theirs = await call(folderRoute.GET, 'GET', `/api/folders/${folder}`, { cookie: malloryCookie, id: folder });
    expect(theirs.body).toEqual(unknown.body);
    expect(await listed()).toEqual(before);
    // Mallory sees nothing of Alice's tree.
    expect(folderListResponse.parse((await call(foldersRoute.GET, 'GET', '/api/folders', { cookie: malloryCookie })).body).folders).toEqual([]);
  });

  it('refuses bad input with 400, never 500: unknown fields, a folder id reused, duplicate items, too many items', async () => {
    const id = randomUUID();
    const body = { id, parentId: null, wrappedFolderKey: wrapped(), encryptedMetadata: 'AAAA' };
    expect((await call(foldersRoute.POST, 'POST', '/api/folders', { body: { ...body, name: 'Taxes' } })).status).toBe(400);
    expect((await call(foldersRoute.POST, 'POST', '/api/folders', { body })).status).toBe(200);
    const again = await call(foldersRoute.POST, 'POST', '/api/folders', { body, cookie: malloryCookie });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
    const item = { kind: 'folder', id };
    expect((await call(trashRoute.POST, 'POST', '/api/items/trash', { body: { items: [item, item] } })).status).toBe(400);
    const many = Array.from({ length: 301 }, () => ({ kind: 'file', id: randomUUID() }));
    expect((await call(trashRoute.POST, 'POST', '/api/items/trash', { body: { items: many } })).status).toBe(400);
  });
});

describe('a 3-level tree', () => {
  let top: string;
  let middle: string;
  let bottom: string;
  let sibling: string;
  let deep: { id: string; body: Buffer; size: number };

  it('is built, and uploads land in its folders', async () => {
    top = await newFolder(null);
    middle = await newFolder(top);
    bottom = await newFolder(middle);
    sibling = await newFolder(top);
    deep = await uploadInto(bottom);
    const { files: f, folders: d } = await listed();
    expect(f.get(deep.id)).toMatchObject({ folderId: bottom, trashedAt: null });
    expect([d.get(middle)?.parentId, d.get(bottom)?.parentId, d.get(sibling)?.parentId]).toEqual([top, middle, top]);
  });

  it('moves a file with one re-wrapped key: the stored object keeps its ETag and bytes', async () => {
    const before = await head(deep.id);
    const key = wrapped();
    const res = await call(moveRoute.POST, 'POST', '/api/items/move', { body: { parentId: sibling, items: [{ kind: 'file', id: deep.id, wrappedKey: key }] } });
    expect(bulkResponse.parse(res.body).results).toEqual([{ kind: 'file', id: deep.id, ok: true }]);
    expect((await listed()).files.get(deep.id)).toMatchObject({ folderId: sibling, wrappedFileKey: key });
    expect(await head(deep.id)).toEqual(before);
    const download = await call(downloadRoute.GET, 'GET', `/api/files/${deep.id}/download`, { id: deep.id });
    const bytes = Buffer.from(await (await fetch((download.body as { url: string }).url)).arrayBuffer());
    expect(bytes.equals(deep.body)).toBe(true);
  });

  it('moves a folder with its subtree, and refuses to move a folder into itself or below itself (409, nothing changed)', async () => {
    const res = await call(moveRoute.POST, 'POST', '/api/items/move', { body: { parentId: sibling, items: [{ kind: 'folder', id: middle, wrappedKey: wrapped() }] } });
    expect(res.status).toBe(200);
    expect((await listed()).folders.get(middle)?.parentId).toBe(sibling);
    const before = await listed();
    for (const target of [middle, bottom]) {
      const cycle = await call(moveRoute.POST, 'POST', '/api/items/move', { body: { parentId: target, items: [{ kind: 'folder', id: middle, wrappedKey: wrapped() }] } });
      expect(cycle.status, `into ${target === middle ? 'itself' : 'its child'}`).toBe(409);
      expect(cycle.body).toMatchObject({ error: { code: 'conflict', items: [{ kind: 'folder', id: middle, ok: false, code: 'conflict' }] } });
    }
    // top → under its own grandchild
    const up = await call(moveRoute.POST, 'POST', '/api/items/move', { body: { parentId: bottom, items: [{ kind: 'folder', id: top, wrappedKey: wrapped() }] } });
    expect(up.status).toBe(409);
    expect(await listed()).toEqual(before);
  });

  it('applies a bulk move all or nothing: one unknown id leaves every item where it was, with a per-item answer', async () => {
    const a = await uploadInto(top);
    const b = await uploadInto(top);
    const before = await listed();
    const missing = randomUUID();
    const res = await call(moveRoute.POST, 'POST', '/api/items/move', {
      body: { parentId: bottom, items: [a, b].map((f) => ({ kind: 'file', id: f.id, wrappedKey: wrapped() })).concat([{ kind: 'file', id: missing, wrappedKey: wrapped() }]) },
    });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({
      error: {
        code: 'not_found',
        items: [
          { kind: 'file', id: a.id, ok: true, message: expect.stringContaining('not changed') },
          { kind: 'file', id: b.id, ok: true },
          { kind: 'file', id: missing, ok: false, code: 'not_found' },
        ],
      },
    });
    expect(await listed()).toEqual(before);
  });

  it('moves a thousand files in four requests', async () => {
    // Rows only: the move never touches storage, so these need no objects.
    const db = await appDb();
    const ids: string[] = [];
    for (let i = 0; i < 1000; i++) ids.push(randomUUID());
    for (let i = 0; i < ids.length; i += 250) {
      await db.insert(files).values(ids.slice(i, i + 250).map((id) => ({
        id, ownerId: alice, objectKey: `bulk/${id}`, status: 'ready' as const, chunkSize: CHUNK, ciphertextSize: 1000, partSize: 1000,
        completedAt: new Date(), folderId: top, ...fakeSealed(),
      })));
    }
    const started = performance.now();
    for (let i = 0; i < ids.length; i += 250) {
      const res = await call(moveRoute.POST, 'POST', '/api/items/move', { body: { parentId: sibling, items: ids.slice(i, i + 250).map((id) => ({ kind: 'file', id, wrappedKey: wrapped() })) } });
      expect(res.status).toBe(200);
    }
    console.log(`moved 1000 files in ${Math.round(performance.now() - started)} ms`);
    const after = await listed();
    expect(ids.every((id) => after.files.get(id)?.folderId === sibling)).toBe(true);
    await db.delete(files).where(inArray(files.id, ids));
  });

  it('trashes a folder: its subtree goes with it, stays counted in the quota, and comes back on restore', async () => {
    const used = (await usage()).usedBytes;
    const res = await call(trashRoute.POST, 'POST', '/api/items/trash', { body: { items: [{ kind: 'folder', id: sibling }] } });
    expect(res.status).toBe(200);
    const { files: f, folders: d } = await listed();
    expect(d.get(sibling)?.trashedAt).not.toBeNull();
    // The file inside is not itself marked: it is in the trash through its folder.
    expect(f.get(deep.id)?.trashedAt).toBeNull();
    const row = (await (await appDb()).select().from(files).where(eq(files.id, deep.id)))[0]!;
    expect(await isFileLive(await appDb(), row)).toBe(false);
    expect((await usage()).usedBytes).toBe(used);
    // Nothing new can go into a trashed folder, and nothing can be moved there.
    const into = await call(foldersRoute.POST, 'POST', '/api/folders', { body: { id: randomUUID(), parentId: middle, wrappedFolderKey: wrapped(), encryptedMetadata: 'AAAA' } });
    expect(into.status).toBe(409);
    const restore = await call(restoreRoute.POST, 'POST', '/api/items/restore', { body: { items: [{ kind: 'folder', id: sibling }] } });
    expect(restore.status).toBe(200);
    expect(await isFileLive(await appDb(), row)).toBe(true);
    expect((await listed()).folders.get(sibling)).toMatchObject({ parentId: top, trashedAt: null });
  });

  it('restores an item whose folder is in the trash only to the top level, with its key wrapped for the root', async () => {
    const file = await uploadInto(bottom);
    await uploadInto(bottom); // stays in `bottom`, in the trash with `middle`, for the next test
    expect((await call(trashRoute.POST, 'POST', '/api/items/trash', { body: { items: [{ kind: 'file', id: file.id }] } })).status).toBe(200);
    expect((await call(trashRoute.POST, 'POST', '/api/items/trash', { body: { items: [{ kind: 'folder', id: middle }] } })).status).toBe(200);
    const refused = await call(restoreRoute.POST, 'POST', '/api/items/restore', { body: { items: [{ kind: 'file', id: file.id }] } });
    expect(refused).toMatchObject({ status: 409, body: { error: { items: [{ id: file.id, ok: false, message: expect.stringContaining('parent_unavailable') }] } } });
    const key = wrapped();
    const restored = await call(restoreRoute.POST, 'POST', '/api/items/restore', { body: { items: [{ kind: 'file', id: file.id, wrappedKey: key }] } });
    expect(restored.status).toBe(200);
    expect((await listed()).files.get(file.id)).toMatchObject({ folderId: null, trashedAt: null, wrappedFileKey: key });
  });

  it('deletes forever only from the trash; empty trash and the sweeper remove the objects and free the quota', async () => {
    // `middle` (with `bottom` and its file) is in the trash from the test above.
    const inBottom = (await listed()).files;
    const victims = [...inBottom.values()].filter((f) => f.folderId === bottom);
    expect(victims.length).toBeGreaterThan(0);
    const live = await uploadInto(null);
    const notTrashed = await call(deleteRoute.POST, 'POST', '/api/items/delete', { body: { items: [{ kind: 'file', id: live.id }] } });
    expect(notTrashed.status).toBe(409);
    expect((await head(live.id)).status).toBe(200);

    const keys = await Promise.all(victims.map((f) => objectKeyOf(f.id)));
    const usedBefore = (await usage()).usedBytes;
    const res = await call(deleteRoute.POST, 'POST', '/api/items/delete', { body: { items: [{ kind: 'folder', id: middle }] } });
    expect(res.status).toBe(200);
    for (const key of keys) {
      const status = await rootS3(ctx).send(new HeadObjectCommand({ Bucket: ctx.bucket, Key: key })).then(() => 200, (e: { $metadata?: { httpStatusCode?: number } }) => e.$metadata?.httpStatusCode);
      expect(status).toBe(404);
    }
    const { folders: d } = await listed();
    expect(d.has(middle) || d.has(bottom)).toBe(false);
    expect((await usage()).usedBytes).toBe(usedBefore - victims.reduce((n, f) => n + f.ciphertextSize, 0));

    // Empty trash.
    expect((await call(trashRoute.POST, 'POST', '/api/items/trash', { body: { items: [{ kind: 'file', id: live.id }] } })).status).toBe(200);
    const emptied = await call(emptyRoute.POST, 'POST', '/api/trash/empty');
    expect(emptied).toMatchObject({ status: 200, body: { files: 1, folders: 0 } });
    expect((await listed()).files.has(live.id)).toBe(false);

    // The sweeper: entries older than the retention go, younger ones stay.
    const old = await uploadInto(top);
    const young = await uploadInto(top);
    const oldKey = await objectKeyOf(old.id);
    await call(trashRoute.POST, 'POST', '/api/items/trash', { body: { items: [{ kind: 'file', id: old.id }] } });
    await (await appDb()).update(files).set({ trashedAt: new Date(Date.now() - 31 * 86_400_000) }).where(eq(files.id, old.id));
    await call(trashRoute.POST, 'POST', '/api/items/trash', { body: { items: [{ kind: 'file', id: young.id }] } });
    expect(await purgeExpiredTrash(await filesDeps(), new Date(Date.now() - 30 * 86_400_000))).toBe(1);
    const status = await rootS3(ctx).send(new HeadObjectCommand({ Bucket: ctx.bucket, Key: oldKey })).then(() => 200, (e: { $metadata?: { httpStatusCode?: number } }) => e.$metadata?.httpStatusCode);
    expect(status).toBe(404);
    const after = await listed();
    expect(after.files.has(old.id)).toBe(false);
    expect(after.files.get(young.id)?.trashedAt).not.toBeNull();
    expect((await head(young.id)).status).toBe(200);
  });

  it('DELETE of a single file still works for pending uploads and a file, as before', async () => {
    const file = await uploadInto(top);
    expect((await call(fileRoute.DELETE, 'DELETE', `/api/files/${file.id}`, { id: file.id })).status).toBe(200);
  });
});
