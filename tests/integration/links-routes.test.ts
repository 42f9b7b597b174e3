// Public links (issue 6, docs/format.md §6) as Next.js runs the routes: the
// owner's routes answer 401 without a session and 404 to anyone else; the
// anonymous routes release the wrapped key and a download only for the right
// access key (fragment + password), count wrong ones against a rate limit,
// enforce expiry and the download limit (also under a burst of parallel
// requests), and a revoked link opens nothing. Real crypto, real MinIO and
// the suite's database; nothing is mocked.
// First: it must run before any Next.js module loads (see the helper).
import '../helpers/request-scope';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import * as fileRoute from '@/app/api/files/[id]/route';
import * as linksRoute from '@/app/api/files/[id]/links/route';
import * as linkRoute from '@/app/api/files/[id]/links/[linkId]/route';
import * as infoRoute from '@/app/api/links/[linkId]/route';
import * as openRoute from '@/app/api/links/[linkId]/open/route';
import * as linkDownloadRoute from '@/app/api/links/[linkId]/download/route';
import * as sharingRoute from '@/app/api/sharing/route';
import { fromBase64Url, toBase64Url } from '@/lib/crypto/bytes';
import { generateFileKeyBytes } from '@/lib/crypto/file-key';
import { deriveLinkKeys, generateLinkSecrets, linkAccessVerifier, unwrapFileKeyFromLink, wrapFileKeyForLink } from '@/lib/crypto/link';
import { asDb } from '@/lib/server/db/app-db';
import { getDatabase } from '@/lib/server/db/db';
import { links } from '@/lib/server/db/schema';
import { downloadResponse } from '@/lib/shared/files';
import { linkInfoResponse, linkSchema, openLinkResponse } from '@/lib/shared/links';
import { sharingActivityResponse } from '@/lib/shared/shares';
import { restoreAppEnv, useAppEnv } from '../helpers/app-env';
import { testContext } from '../helpers/context';
import { callRoute, sessionCookie as cookieFor, type RouteHandler as Handler } from '../helpers/route-call';
import { createUser } from '../helpers/files';
import { uploadReadyFile as uploadFor } from '../helpers/route-users';

const ctx = testContext();
const HOUR = 3600;
type Params = Record<string, string>;

let alice: string;
let bob: string;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  const conn = await useAppEnv('links-routes');
  alice = await createUser(conn);
  bob = await createUser(conn);
  for (const user of [alice, bob]) cookies[user] = await cookieFor(user, ctx.appEnv.NEXTAUTH_SECRET!);
});
afterAll(async () => {
  await restoreAppEnv();
});

const call = (handler: unknown, method: string, path: string, options: { cookie?: string; body?: unknown; params?: Params; headers?: Record<string, string> } = {}) =>
  callRoute(handler as Handler, method, path, options);
const db = async () => asDb((await getDatabase()).db);

const uploadReadyFile = (owner: string) => uploadFor(cookies[owner], { plaintextSize: 700 });

/** What the owner's browser does: fresh secrets, keys, the wrapped file key and the verifier. */
async function makeLink(fileId: string, options: { password?: string; expiresInSeconds?: number | null; maxDownloads?: number | null } = {}) {
  const { linkId, fragmentSecret, linkSalt } = generateLinkSecrets();
  const { linkKey, accessKeyBytes } = await deriveLinkKeys({ fragmentSecret, linkSalt, linkId, password: options.password });
  const fileKeyBytes = generateFileKeyBytes();
  const body = {
    id: linkId,
    linkSalt: toBase64Url(linkSalt),
    wrappedFileKey: toBase64Url(await wrapFileKeyForLink(linkKey, fileKeyBytes, linkId, fileId)),
    accessVerifier: toBase64Url(await linkAccessVerifier(accessKeyBytes)),
    hasPassword: options.password !== undefined,
    expiresInSeconds: options.expiresInSeconds === undefined ? 24 * HOUR : options.expiresInSeconds,
    maxDownloads: options.maxDownloads ?? null,
  };
  return { linkId, fragmentSecret, linkSalt, linkKey, accessKey: toBase64Url(accessKeyBytes), fileKeyBytes, body };
}

const linkPaths = (linkId: string) => ({
  info: (headers?: Record<string, string>) => call(infoRoute.GET, 'GET', `/api/links/${linkId}`, { params: { linkId }, headers }),
  open: (accessKey: string, headers?: Record<string, string>) => call(openRoute.POST, 'POST', `/api/links/${linkId}/open`, { params: { linkId }, body: { accessKey }, headers }),
  download: (accessKey: string, headers?: Record<string, string>) => call(linkDownloadRoute.POST, 'POST', `/api/links/${linkId}/download`, { params: { linkId }, body: { accessKey }, headers }),
});

async function createLinkFor(owner: string, fileId: string, body: unknown) {
  return call(linksRoute.POST, 'POST', `/api/files/${fileId}/links`, { cookie: cookies[owner], body, params: { id: fileId } });
}

describe('owner routes without a valid session', () => {
  const id = randomUUID();
  const linkId = toBase64Url(randomBytes(16));
  const cases: Array<[string, unknown, string, string, Params, unknown?]> = [
    ['POST /api/files/[id]/links', linksRoute.POST, 'POST', `/api/files/${id}/links`, { id }, {}],
    ['GET /api/files/[id]/links', linksRoute.GET, 'GET', `/api/files/${id}/links`, { id }],
    ['DELETE /api/files/[id]/links/[linkId]', linkRoute.DELETE, 'DELETE', `/api/files/${id}/links/${linkId}`, { id, linkId }],
    ['GET /api/sharing', sharingRoute.GET, 'GET', '/api/sharing', {}],
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

describe('public links', () => {
  it('open with the right access key only: the key unwraps, the download is the stored ciphertext, the audit counts it', async () => {
    const { id, bytes } = await uploadReadyFile(alice);
    const link = await makeLink(id, { password: 'correct horse' });
    const created = await createLinkFor(alice, id, link.body);
    expect(created.status).toBe(200);
    expect(linkSchema.parse(created.body)).toMatchObject({ id: link.linkId, fileId: id, hasPassword: true, status: 'active', downloadCount: 0 });
    const paths = linkPaths(link.linkId);

    // Anyone with the id learns only how to derive the access key.
    const info = linkInfoResponse.parse((await paths.info()).body);
    expect(info).toEqual({ id: link.linkId, kind: 'file', hasPassword: true, linkSalt: link.body.linkSalt });

    // A wrong password, and the right fragment without the password: 403, counted.
    const wrong = await deriveLinkKeys({ fragmentSecret: link.fragmentSecret, linkSalt: link.linkSalt, linkId: link.linkId, password: 'correct horsE' });
    const noPassword = await deriveLinkKeys({ fragmentSecret: link.fragmentSecret, linkSalt: link.linkSalt, linkId: link.linkId });
    for (const key of [wrong.accessKeyBytes, noPassword.accessKeyBytes]) {
      const res = await paths.open(toBase64Url(key));
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ error: { code: 'wrong_password', message: 'wrong password, or the link is incomplete' } });
      expect((await paths.download(toBase64Url(key))).status).toBe(403);
    }

    const opened = openLinkResponse.parse((await paths.open(link.accessKey)).body);
    expect(opened).toMatchObject({ fileId: id, wrappedFileKey: link.body.wrappedFileKey, downloadsLeft: null });
    const unwrapped = await unwrapFileKeyFromLink(link.linkKey, fromBase64Url(opened.wrappedFileKey), link.linkId, opened.fileId);
    expect(Buffer.from(unwrapped).equals(Buffer.from(link.fileKeyBytes))).toBe(true);

    const dl = await paths.download(link.accessKey);
    expect(dl.status).toBe(200);
    const fetched = new Uint8Array(await (await fetch(downloadResponse.parse(dl.body).url)).arrayBuffer());
    expect(Buffer.from(fetched).equals(Buffer.from(bytes))).toBe(true);

    // The owner's audit view counts the open, the download and the four failures; Bob's is empty.
    const activity = sharingActivityResponse.parse((await call(sharingRoute.GET, 'GET', '/api/sharing', { cookie: cookies[alice] })).body);
    const audited = activity.links.find((l) => l.id === link.linkId);
    expect(audited).toMatchObject({ openCount: 1, downloadCount: 1, failedAttempts: 4 });
    expect(audited?.lastAccessAt).not.toBeNull();
    const bobs = sharingActivityResponse.parse((await call(sharingRoute.GET, 'GET', '/api/sharing', { cookie: cookies[bob] })).body);
    expect(bobs.links.find((l) => l.id === link.linkId)).toBeUndefined();
  });

  it('another user gets 404 for creating, listing and revoking links on the owner\'s file', async () => {
    const { id } = await uploadReadyFile(alice);
    const link = await makeLink(id);
    expect((await createLinkFor(bob, id, link.body)).status).toBe(404);
    expect((await createLinkFor(alice, id, link.body)).status).toBe(200);
    expect((await call(linksRoute.GET, 'GET', `/api/files/${id}/links`, { cookie: cookies[bob], params: { id } })).status).toBe(404);
    const revoke = await call(linkRoute.DELETE, 'DELETE', `/api/files/${id}/links/${link.linkId}`, { cookie: cookies[bob], params: { id, linkId: link.linkId } });
    expect(revoke.status).toBe(404);
    expect((await linkPaths(link.linkId).open(link.accessKey)).status).toBe(200);
    const listed = await call(linksRoute.GET, 'GET', `/api/files/${id}/links`, { cookie: cookies[alice], params: { id } });
    expect((listed.body as { links: unknown[] }).links).toHaveLength(1);
  });

  it('rejects malformed links with 400 and a reused id with 409, storing nothing', async () => {
    const { id } = await uploadReadyFile(alice);
    const link = await makeLink(id);
    const bad: Array<[string, unknown]> = [
      ['expiry under an hour', { ...link.body, expiresInSeconds: 60 }],
      ['expiry over 30 days', { ...link.body, expiresInSeconds: 31 * 24 * HOUR }],
      ['zero downloads', { ...link.body, maxDownloads: 0 }],
      ['short id', { ...link.body, id: 'abc' }],
      ['verifier of the wrong length', { ...link.body, accessVerifier: link.body.accessVerifier.slice(1) }],
      // A client that tried to send the fragment secret would be refused outright.
      ['an extra field', { ...link.body, fragmentSecret: toBase64Url(link.fragmentSecret) }],
    ];
    for (const [what, body] of bad) {
      const res = await createLinkFor(alice, id, body);
      expect(res.status, what).toBe(400);
      expect(res.body).toEqual({ error: { code: 'bad_request', message: expect.any(String) } });
    }
    expect((await linkPaths(link.linkId).info()).status).toBe(404);
    expect((await createLinkFor(alice, id, link.body)).status).toBe(200);
    expect((await createLinkFor(alice, id, link.body)).status).toBe(409);
    // Never-expiring links are allowed.
    const forever = await makeLink(id, { expiresInSeconds: null });
    expect(linkSchema.parse((await createLinkFor(alice, id, forever.body)).body).expiresAt).toBeNull();
  });

  it('counts wrong keys per link and address: the 11th attempt is 429 even with the right key; another address is unaffected', async () => {
    const { id } = await uploadReadyFile(alice);
    const link = await makeLink(id);
    expect((await createLinkFor(alice, id, link.body)).status).toBe(200);
    const paths = linkPaths(link.linkId);
    const attacker = { 'x-forwarded-for': '203.0.113.7' };
    const wrongKey = toBase64Url(randomBytes(32));
    for (let i = 0; i < 10; i++) {
      const res = await paths.open(wrongKey, attacker);
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ error: { code: 'forbidden', message: 'the link is incomplete: copy the whole address' } });
    }
    const limited = await paths.open(link.accessKey, attacker);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await paths.download(link.accessKey, attacker)).status).toBe(429);
    expect((await paths.open(link.accessKey, { 'x-forwarded-for': '198.51.100.9' })).status).toBe(200);
  });

  it('holds the download limit, also against parallel requests, then answers 410', async () => {
    const { id } = await uploadReadyFile(alice);
    const link = await makeLink(id, { maxDownloads: 2 });
    expect((await createLinkFor(alice, id, link.body)).status).toBe(200);
    const paths = linkPaths(link.linkId);
    expect(openLinkResponse.parse((await paths.open(link.accessKey)).body).downloadsLeft).toBe(2);
    const burst = await Promise.all(Array.from({ length: 6 }, (_, i) => paths.download(link.accessKey, { 'x-forwarded-for': `192.0.2.${i}` })));
    expect(burst.filter((r) => r.status === 200)).toHaveLength(2);
    for (const res of burst.filter((r) => r.status !== 200)) {
      expect(res.status).toBe(410);
      expect(res.body).toEqual({ error: { code: 'gone', message: 'this link has reached its download limit' } });
    }
    expect((await paths.info()).status).toBe(410);
    expect((await paths.open(link.accessKey)).status).toBe(410);
    const row = (await (await db()).select().from(links).where(eq(links.id, link.linkId)))[0]!;
    expect(row.downloadCount).toBe(2);
  });

  it('an expired link answers 410 everywhere', async () => {
    const { id } = await uploadReadyFile(alice);
    const link = await makeLink(id, { expiresInSeconds: HOUR });
    expect((await createLinkFor(alice, id, link.body)).status).toBe(200);
    const paths = linkPaths(link.linkId);
    expect((await paths.open(link.accessKey)).status).toBe(200);
    await (await db()).update(links).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(links.id, link.linkId));
    for (const res of [await paths.info(), await paths.open(link.accessKey), await paths.download(link.accessKey)]) {
      expect(res.status).toBe(410);
      expect(res.body).toEqual({ error: { code: 'gone', message: 'this link has expired' } });
    }
    const listed = await call(linksRoute.GET, 'GET', `/api/files/${id}/links`, { cookie: cookies[alice], params: { id } });
    expect((listed.body as { links: Array<{ status: string }> }).links[0]!.status).toBe('expired');
  });

  it('revoking, or deleting the file, ends the link: 404 and the wrapped key is gone from the database', async () => {
    const { id } = await uploadReadyFile(alice);
    const first = await makeLink(id);
    const second = await makeLink(id);
    for (const link of [first, second]) expect((await createLinkFor(alice, id, link.body)).status).toBe(200);
    expect((await call(linkRoute.DELETE, 'DELETE', `/api/files/${id}/links/${first.linkId}`, { cookie: cookies[alice], params: { id, linkId: first.linkId } })).status).toBe(200);
    for (const res of [await linkPaths(first.linkId).info(), await linkPaths(first.linkId).open(first.accessKey), await linkPaths(first.linkId).download(first.accessKey)]) {
      expect(res.status).toBe(404);
    }
    expect(await (await db()).select().from(links).where(eq(links.id, first.linkId))).toEqual([]);
    expect((await call(linkRoute.DELETE, 'DELETE', `/api/files/${id}/links/${first.linkId}`, { cookie: cookies[alice], params: { id, linkId: first.linkId } })).status).toBe(404);

    expect((await linkPaths(second.linkId).open(second.accessKey)).status).toBe(200);
    expect((await call(fileRoute.DELETE, 'DELETE', `/api/files/${id}`, { cookie: cookies[alice], params: { id } })).status).toBe(200);
    expect((await linkPaths(second.linkId).open(second.accessKey)).status).toBe(404);
  });

  it('malformed anonymous requests get 400 or 404 JSON, never a 500', async () => {
    const bogus = linkPaths('not a link id');
    expect((await bogus.info()).status).toBe(404);
    expect((await bogus.open(toBase64Url(randomBytes(32)))).status).toBe(404);
    const unknown = linkPaths(toBase64Url(randomBytes(16)));
    expect((await unknown.info()).status).toBe(404);
    const linkId = toBase64Url(randomBytes(16));
    for (const body of ['{', { accessKey: 'short' }, { accessKey: toBase64Url(randomBytes(32)), extra: 1 }]) {
      const res = await call(openRoute.POST, 'POST', `/api/links/${linkId}/open`, { params: { linkId }, body });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: { code: 'bad_request', message: expect.any(String) } });
    }
  });
});
