// The files routes as Next.js runs them: handlers imported directly and
// called with Request objects inside a request scope (tests/helpers/
// request-scope.ts), with and without a real next-auth session cookie.
// Every route answers 401 JSON without a session and 404 for another
// user's ids (documenso's "one test per endpoint" for the auth cases).
// First: it must run before any Next.js module loads (see the helper).
import '../helpers/request-scope';
import { randomBytes, randomUUID } from 'node:crypto';
import { encode } from 'next-auth/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as filesRoute from '@/app/api/files/route';
import * as fileRoute from '@/app/api/files/[id]/route';
import * as partsRoute from '@/app/api/files/[id]/parts/route';
import * as completeRoute from '@/app/api/files/[id]/complete/route';
import * as downloadRoute from '@/app/api/files/[id]/download/route';
import * as layersRoute from '@/app/api/files/[id]/layers/route';
import * as usageRoute from '@/app/api/usage/route';
import { ciphertextSizeFromPlaintextSize } from '@/lib/crypto/file-format';
import { createUploadResponse, fileListResponse, fileSchema, layersResponse, usageResponse } from '@/lib/shared/files';
import { restoreAppEnv, useAppEnv } from '../helpers/app-env';
import { testContext } from '../helpers/context';
import { callRoute, sessionCookie as cookieFor } from '../helpers/route-call';
import { createUser, fakeSealed, put } from '../helpers/files';

const ctx = testContext();
const CHUNK = 256 * 1024;
const QUOTA = 1024 * 1024;
type Handler = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;

let alice: string;
let mallory: string;
let aliceCookie: string;
let malloryCookie: string;

beforeAll(async () => {
  const conn = await useAppEnv('files-routes', { TWOFOLD_QUOTA_BYTES: String(QUOTA) });
  alice = await createUser(conn);
  mallory = await createUser(conn);
  aliceCookie = await cookieFor(alice, ctx.appEnv.NEXTAUTH_SECRET!);
  malloryCookie = await cookieFor(mallory, ctx.appEnv.NEXTAUTH_SECRET!);
});
afterAll(async () => {
  await restoreAppEnv();
});

const call = (handler: Handler, method: string, path: string, options: { cookie?: string; body?: unknown; id?: string } = {}) =>
  callRoute(handler, method, path, { cookie: options.cookie, body: options.body, params: { id: options.id ?? '' } });

// Every route and method, with a body that would be valid for it.
const validId = randomUUID();
const endpoints: Array<[string, Handler, string, string, unknown?]> = [
  ['POST /api/files', filesRoute.POST as Handler, 'POST', '/api/files', { ciphertextSize: ciphertextSizeFromPlaintextSize(10, CHUNK), chunkSize: CHUNK }],
  ['GET /api/files', filesRoute.GET as Handler, 'GET', '/api/files'],
  ['GET /api/files/[id]', fileRoute.GET, 'GET', `/api/files/${validId}`],
  ['PATCH /api/files/[id]', fileRoute.PATCH, 'PATCH', `/api/files/${validId}`, { encryptedMetadata: 'AAAA' }],
  ['DELETE /api/files/[id]', fileRoute.DELETE, 'DELETE', `/api/files/${validId}`],
  ['POST /api/files/[id]/parts', partsRoute.POST, 'POST', `/api/files/${validId}/parts`, { partNumbers: [1] }],
  ['POST /api/files/[id]/complete', completeRoute.POST, 'POST', `/api/files/${validId}/complete`, fakeSealed()],
  ['GET /api/files/[id]/download', downloadRoute.GET, 'GET', `/api/files/${validId}/download`],
  ['GET /api/files/[id]/layers', layersRoute.GET, 'GET', `/api/files/${validId}/layers`],
  ['GET /api/usage', usageRoute.GET as Handler, 'GET', '/api/usage'],
];

describe('without a valid session', () => {
  for (const [name, handler, method, path, body] of endpoints) {
    it(`${name} answers 401 JSON (no cookie, forged cookie, revoked session)`, async () => {
      const forged = `next-auth.session-token=${randomBytes(64).toString('base64url')}`;
      const revoked = await encode({ token: { sub: alice, sv: 0 }, secret: ctx.appEnv.NEXTAUTH_SECRET! });
      for (const cookie of [undefined, forged, `next-auth.session-token=${revoked}`]) {
        const res = await call(handler, method, path, { cookie, body, id: validId });
        expect(res.status, `${name} with ${cookie ? 'a bad cookie' : 'no cookie'}`).toBe(401);
        expect(res.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
        expect(res.headers.get('cache-control')).toBe('no-store');
      }
    });
  }
});

describe('with a session', () => {
  let fileId: string;

  it('runs the whole flow through the routes: create, PUT, complete, list, get, rename, download, layers, usage, delete', async () => {
    const ciphertextSize = ciphertextSizeFromPlaintextSize(1000, CHUNK);
    const created = await call(filesRoute.POST as Handler, 'POST', '/api/files', { cookie: aliceCookie, body: { ciphertextSize, chunkSize: CHUNK } });
    expect(created.status).toBe(200);
    const { id, upload } = createUploadResponse.parse(created.body);
    fileId = id;
    await put(upload.parts[0]!.url, randomBytes(ciphertextSize), upload.parts[0]!.headers);

    const completed = await call(completeRoute.POST, 'POST', `/api/files/${id}/complete`, { cookie: aliceCookie, body: fakeSealed(), id });
    expect(fileSchema.parse(completed.body).status).toBe('ready');
    const list = fileListResponse.parse((await call(filesRoute.GET as Handler, 'GET', '/api/files', { cookie: aliceCookie })).body);
    expect(list.files.map((f) => f.id)).toEqual([id]);
    expect(fileSchema.parse((await call(fileRoute.GET, 'GET', `/api/files/${id}`, { cookie: aliceCookie, id })).body).id).toBe(id);
    const renamed = await call(fileRoute.PATCH, 'PATCH', `/api/files/${id}`, { cookie: aliceCookie, body: { encryptedMetadata: 'cmVuYW1lZA' }, id });
    expect(fileSchema.parse(renamed.body).encryptedMetadata).toBe('cmVuYW1lZA');
    const download = await call(downloadRoute.GET, 'GET', `/api/files/${id}/download`, { cookie: aliceCookie, id });
    expect(download.status).toBe(200);
    const layers = layersResponse.parse((await call(layersRoute.GET, 'GET', `/api/files/${id}/layers`, { cookie: aliceCookie, id })).body);
    expect(layers.storage.sse).toBe('aws:kms');
    const usage = usageResponse.parse((await call(usageRoute.GET as Handler, 'GET', '/api/usage', { cookie: aliceCookie })).body);
    expect(usage).toEqual({ usedBytes: ciphertextSize, reservedBytes: 0, quotaBytes: QUOTA });
  });

  it("answers 404 for another user's file on every id route, the same as for an unknown or malformed id", async () => {
    for (const [name, handler, method, path, body] of endpoints.filter(([, , , p]) => p.includes(validId))) {
      const seen = new Set<string>();
      for (const id of [fileId, validId, 'not-a-uuid']) {
        const res = await call(handler, method, path.replace(validId, id), { cookie: malloryCookie, body, id });
        expect(res.status, `${name} for ${id}`).toBe(404);
        seen.add(JSON.stringify(res.body));
      }
      expect(seen.size, `${name}: identical answers`).toBe(1);
    }
    // Still Alice's, untouched.
    expect((await call(fileRoute.GET, 'GET', `/api/files/${fileId}`, { cookie: aliceCookie, id: fileId })).status).toBe(200);
  });

  it('validates input: unknown fields, bad JSON and over-quota sizes', async () => {
    const post = (body: unknown) => call(filesRoute.POST as Handler, 'POST', '/api/files', { cookie: aliceCookie, body });
    const valid = { ciphertextSize: ciphertextSizeFromPlaintextSize(10, CHUNK), chunkSize: CHUNK };
    expect((await post({ ...valid, name: 'secret.pdf' })).status).toBe(400);
    expect((await post('{"ciphertextSize": ')).status).toBe(400);
    const tooBig = await post({ ciphertextSize: ciphertextSizeFromPlaintextSize(QUOTA, CHUNK), chunkSize: CHUNK });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body).toMatchObject({ error: { code: 'quota_exceeded' } });
  });

  it('DELETE removes the file and frees its bytes', async () => {
    const res = await call(fileRoute.DELETE, 'DELETE', `/api/files/${fileId}`, { cookie: aliceCookie, id: fileId });
    expect(res).toMatchObject({ status: 200, body: { ok: true } });
    expect((await call(fileRoute.GET, 'GET', `/api/files/${fileId}`, { cookie: aliceCookie, id: fileId })).status).toBe(404);
    const usage = usageResponse.parse((await call(usageRoute.GET as Handler, 'GET', '/api/usage', { cookie: aliceCookie })).body);
    expect(usage.usedBytes).toBe(0);
  });
});
