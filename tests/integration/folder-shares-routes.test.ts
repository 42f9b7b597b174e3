// Sharing a folder through the routes, against the real MinIO and the suite's
// database (PGlite or PostgreSQL). The server never opens an envelope or a
// key, so the blobs are random bytes of the right shape; what is checked is
// what the server decides: who may share (owner of a live folder), what the
// recipient is served (the live subtree, files added later included, nothing
// outside it), and that trash and revoke end access at once.
// First: it must run before any Next.js module loads (see the helper).
import '../helpers/request-scope';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as foldersRoute from '@/app/api/folders/route';
import * as folderSharesRoute from '@/app/api/folders/[id]/shares/route';
import * as folderShareRoute from '@/app/api/folders/[id]/shares/[shareId]/route';
import * as sharedFoldersRoute from '@/app/api/shared-folders/route';
import * as sharedFolderRoute from '@/app/api/shared-folders/[shareId]/route';
import * as sharedFolderDownloadRoute from '@/app/api/shared-folders/[shareId]/files/[fileId]/download/route';
import * as trashRoute from '@/app/api/items/trash/route';
import * as restoreRoute from '@/app/api/items/restore/route';
import { toBase64Url } from '@/lib/crypto/bytes';
import { downloadResponse } from '@/lib/shared/files';
import { folderShareListResponse, folderShareSchema, sharedFolderListResponse, sharedSubtreeResponse } from '@/lib/shared/folder-shares';
import { folderSchema } from '@/lib/shared/folders';
import { ENVELOPE_BYTES } from '@/lib/shared/shares';
import { restoreAppEnv, useAppEnv } from '../helpers/app-env';
import { testContext } from '../helpers/context';
import { call, type Params } from '../helpers/route-call';
import { signedInUsersWithKeys, uploadReadyFile } from '../helpers/route-users';

const ctx = testContext();
let alice: string;
let bob: string;
let carol: string;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  const conn = await useAppEnv('folder-shares-routes');
  [alice, bob, carol] = await signedInUsersWithKeys(conn, 3, ctx.appEnv.NEXTAUTH_SECRET!, cookies);
});
afterAll(async () => {
  await restoreAppEnv();
});

const envelope = () => toBase64Url(randomBytes(ENVELOPE_BYTES));
const NOT_FOUND = { error: { code: 'not_found', message: expect.any(String) } };

async function newFolder(owner: string, parentId: string | null): Promise<string> {
  const id = randomUUID();
  const res = await call(foldersRoute.POST, 'POST', '/api/folders', {
    cookie: cookies[owner], body: { id, parentId, wrappedFolderKey: toBase64Url(randomBytes(61)), encryptedMetadata: toBase64Url(randomBytes(60)) },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return folderSchema.parse(res.body).id;
}

const uploadInto = async (owner: string, folderId: string | null) => (await uploadReadyFile(cookies[owner], { folderId })).id;

async function share(owner: string, folderId: string, recipientId: string) {
  return call(folderSharesRoute.POST, 'POST', `/api/folders/${folderId}/shares`, { cookie: cookies[owner], body: { recipientId, envelope: envelope() }, params: { id: folderId } });
}

const subtree = (user: string, shareId: string) =>
  call(sharedFolderRoute.GET, 'GET', `/api/shared-folders/${shareId}`, { cookie: cookies[user], params: { shareId } });
const download = (user: string, shareId: string, fileId: string) =>
  call(sharedFolderDownloadRoute.GET, 'GET', `/api/shared-folders/${shareId}/files/${fileId}/download`, { cookie: cookies[user], params: { shareId, fileId } });
const items = (kind: 'file' | 'folder', id: string) => ({ items: [{ kind, id }] });

describe('folder-share routes without a session', () => {
  const id = randomUUID();
  const shareId = randomUUID();
  const endpoints: Array<[string, unknown, string, string, Params, unknown?]> = [
    ['POST /api/folders/[id]/shares', folderSharesRoute.POST, 'POST', `/api/folders/${id}/shares`, { id }, { recipientId: randomUUID(), envelope: envelope() }],
    ['GET /api/folders/[id]/shares', folderSharesRoute.GET, 'GET', `/api/folders/${id}/shares`, { id }],
    ['DELETE /api/folders/[id]/shares/[shareId]', folderShareRoute.DELETE, 'DELETE', `/api/folders/${id}/shares/${shareId}`, { id, shareId }],
    ['GET /api/shared-folders', sharedFoldersRoute.GET, 'GET', '/api/shared-folders', {}],
    ['GET /api/shared-folders/[shareId]', sharedFolderRoute.GET, 'GET', `/api/shared-folders/${shareId}`, { shareId }],
    ['GET /api/shared-folders/[shareId]/files/[fileId]/download', sharedFolderDownloadRoute.GET, 'GET', `/api/shared-folders/${shareId}/files/${id}/download`, { shareId, fileId: id }],
  ];
  for (const [name, handler, method, path, params, body] of endpoints) {
    it(`${name} answers 401 JSON`, async () => {
      const res = await call(handler, method, path, { params, body });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    });
  }
});

describe('sharing a folder', () => {
  it('only the owner of a live folder may share it, list or revoke its shares; others get 404', async () => {
    const folder = await newFolder(alice, null);
    expect((await share(carol, folder, bob)).status).toBe(404);
    expect((await share(alice, folder, alice)).status).toBe(400);
    expect((await share(alice, folder, randomUUID())).status).toBe(404);
    const created = await share(alice, folder, bob);
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const row = folderShareSchema.parse(created.body);
    expect((await share(alice, folder, bob)).status).toBe(409);
    const listed = await call(folderSharesRoute.GET, 'GET', `/api/folders/${folder}/shares`, { cookie: cookies[alice], params: { id: folder } });
    expect(folderShareListResponse.parse(listed.body).shares.map((s) => s.id)).toEqual([row.id]);
    const strangerList = await call(folderSharesRoute.GET, 'GET', `/api/folders/${folder}/shares`, { cookie: cookies[carol], params: { id: folder } });
    expect([strangerList.status, strangerList.body]).toEqual([404, NOT_FOUND]);
    const strangerRevoke = await call(folderShareRoute.DELETE, 'DELETE', `/api/folders/${folder}/shares/${row.id}`, { cookie: cookies[carol], params: { id: folder, shareId: row.id } });
    expect([strangerRevoke.status, strangerRevoke.body]).toEqual([404, NOT_FOUND]);
    for (const bad of ['not-a-uuid', randomUUID()]) {
      const res = await call(folderShareRoute.DELETE, 'DELETE', `/api/folders/${folder}/shares/${bad}`, { cookie: cookies[alice], params: { id: folder, shareId: bad } });
      expect(res.status).toBe(404);
    }
    // A folder in the trash cannot be shared until restored.
    const trashed = await newFolder(alice, null);
    expect((await call(trashRoute.POST, 'POST', '/api/items/trash', { cookie: cookies[alice], body: items('folder', trashed) })).status).toBe(200);
    expect((await share(alice, trashed, bob)).status).toBe(409);
  });

  it('the recipient sees the live subtree, files added later included, and nothing outside it; trash, restore and revoke act at once', async () => {
    const top = await newFolder(alice, null);
    const shared = await newFolder(alice, top);
    const sub = await newFolder(alice, shared);
    const sibling = await newFolder(alice, top);
    const inShared = await uploadInto(alice, shared);
    const inSibling = await uploadInto(alice, sibling);
    const inTop = await uploadInto(alice, top);
    const created = folderShareSchema.parse((await share(alice, shared, bob)).body);

    // Listed for bob only, with the owner's identity key and the folder's own name blob.
    const bobList = sharedFolderListResponse.parse((await call(sharedFoldersRoute.GET, 'GET', '/api/shared-folders', { cookie: cookies[bob] })).body).shared;
    // The first test shared another folder with bob too: look for this one.
    expect(bobList.filter((s) => s.folderId === shared).map((s) => [s.shareId, s.ownerId])).toEqual([[created.id, alice]]);
    const carolList = sharedFolderListResponse.parse((await call(sharedFoldersRoute.GET, 'GET', '/api/shared-folders', { cookie: cookies[carol] })).body).shared;
    expect(carolList).toEqual([]);

    // Added after sharing: still below the folder, so shared without a new envelope.
    const later = await uploadInto(alice, sub);
    const res = await subtree(bob, created.id);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const tree = sharedSubtreeResponse.parse(res.body);
    expect(tree.folders.map((f) => f.id)).toEqual([sub]);
    expect(new Set(tree.files.map((f) => f.id))).toEqual(new Set([inShared, later]));
    expect(tree.files.every((f) => f.wrappedFileKey !== null)).toBe(true);

    const ok = await download(bob, created.id, later);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(downloadResponse.parse(ok.body).url).toMatch(/^http/);
    // Outside the subtree (a sibling's file, the parent's), unknown or malformed: the same 404.
    for (const outside of [inSibling, inTop, randomUUID(), 'nope']) {
      const miss = await download(bob, created.id, outside);
      expect([miss.status, miss.body]).toEqual([404, NOT_FOUND]);
    }
    // Someone else's share id, or bob's id used by carol.
    expect((await subtree(carol, created.id)).status).toBe(404);
    expect((await download(carol, created.id, later)).status).toBe(404);
    expect((await subtree(bob, randomUUID())).status).toBe(404);
    expect((await subtree(bob, 'not-a-uuid')).status).toBe(404);

    // A trashed file leaves the subtree; restored, it is back.
    expect((await call(trashRoute.POST, 'POST', '/api/items/trash', { cookie: cookies[alice], body: items('file', later) })).status).toBe(200);
    expect((await download(bob, created.id, later)).status).toBe(404);
    expect(sharedSubtreeResponse.parse((await subtree(bob, created.id)).body).files.map((f) => f.id)).toEqual([inShared]);
    expect((await call(restoreRoute.POST, 'POST', '/api/items/restore', { cookie: cookies[alice], body: items('file', later) })).status).toBe(200);
    expect((await download(bob, created.id, later)).status).toBe(200);

    // A trashed subfolder hides its files.
    expect((await call(trashRoute.POST, 'POST', '/api/items/trash', { cookie: cookies[alice], body: items('folder', sub) })).status).toBe(200);
    expect(sharedSubtreeResponse.parse((await subtree(bob, created.id)).body).folders).toEqual([]);
    expect((await download(bob, created.id, later)).status).toBe(404);
    expect((await call(restoreRoute.POST, 'POST', '/api/items/restore', { cookie: cookies[alice], body: items('folder', sub) })).status).toBe(200);

    // The shared folder's ancestor in the trash: 404 everywhere, and not listed, until restored.
    expect((await call(trashRoute.POST, 'POST', '/api/items/trash', { cookie: cookies[alice], body: items('folder', top) })).status).toBe(200);
    expect([(await subtree(bob, created.id)).status, (await download(bob, created.id, inShared)).status]).toEqual([404, 404]);
    expect(sharedFolderListResponse.parse((await call(sharedFoldersRoute.GET, 'GET', '/api/shared-folders', { cookie: cookies[bob] })).body).shared.filter((s) => s.folderId === shared)).toEqual([]);
    expect((await call(restoreRoute.POST, 'POST', '/api/items/restore', { cookie: cookies[alice], body: items('folder', top) })).status).toBe(200);
    expect((await subtree(bob, created.id)).status).toBe(200);
    expect((await download(bob, created.id, later)).status).toBe(200);

    // Revoke ends access at once.
    const revoked = await call(folderShareRoute.DELETE, 'DELETE', `/api/folders/${shared}/shares/${created.id}`, { cookie: cookies[alice], params: { id: shared, shareId: created.id } });
    expect([revoked.status, revoked.body]).toEqual([200, { ok: true }]);
    expect([(await subtree(bob, created.id)).status, (await download(bob, created.id, later)).status]).toEqual([404, 404]);
    expect(sharedFolderListResponse.parse((await call(sharedFoldersRoute.GET, 'GET', '/api/shared-folders', { cookie: cookies[bob] })).body).shared.filter((s) => s.folderId === shared)).toEqual([]);
  });
});
