// The sharing routes (issue 6) as Next.js runs them, like files-routes.test.ts:
// 401 without a session on every route; the owner shares, the recipient lists
// and downloads, a stranger gets 404 for the file and the share, the recipient
// cannot rename, delete or re-share, and after a revoke the recipient gets 404.
// First: it must run before any Next.js module loads (see the helper).
import '../helpers/request-scope';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fileRoute from '@/app/api/files/[id]/route';
import * as downloadRoute from '@/app/api/files/[id]/download/route';
import * as sharesRoute from '@/app/api/files/[id]/shares/route';
import * as shareRoute from '@/app/api/files/[id]/shares/[shareId]/route';
import * as sharedRoute from '@/app/api/shared/route';
import * as sharedDownloadRoute from '@/app/api/shared/[shareId]/download/route';
import * as reshareRoute from '@/app/api/shared/[shareId]/shares/route';
import * as sharedFileRoute from '@/app/api/shared/[shareId]/file/route';
import * as lookupRoute from '@/app/api/users/lookup/route';
import * as contactsRoute from '@/app/api/contacts/route';
import { toBase64Url } from '@/lib/crypto/bytes';
import { asDb } from '@/lib/server/db/app-db';
import { getDatabase } from '@/lib/server/db/db';
import { files, users } from '@/lib/server/db/schema';
import { eq } from 'drizzle-orm';
import { downloadResponse } from '@/lib/shared/files';
import { ENVELOPE_BYTES, publicKeysResponse, shareListResponse, shareSchema, sharedListResponse } from '@/lib/shared/shares';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { restoreAppEnv, useAppEnv } from '../helpers/app-env';
import { rootS3, testContext } from '../helpers/context';
import { call, type Handler, type Params } from '../helpers/route-call';
import { signedInUsersWithKeys, uploadReadyFile as uploadFor } from '../helpers/route-users';

const ctx = testContext();

let alice: string;
let bob: string;
let carol: string;
let dave: string;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  const conn = await useAppEnv('shares-routes');
  [alice, bob, carol, dave] = await signedInUsersWithKeys(conn, 4, ctx.appEnv.NEXTAUTH_SECRET!, cookies);
});
afterAll(async () => {
  await restoreAppEnv();
});

const envelope = () => toBase64Url(randomBytes(ENVELOPE_BYTES));
const validId = randomUUID();
const validShare = randomUUID();
const endpoints: Array<[string, Handler, string, string, Params, unknown?]> = [
  ['GET /api/users/lookup', lookupRoute.GET as Handler, 'GET', '/api/users/lookup?email=a%40b.test', {}],
  ['POST /api/files/[id]/shares', sharesRoute.POST as Handler, 'POST', `/api/files/${validId}/shares`, { id: validId }, { recipientId: 'x', envelope: envelope() }],
  ['GET /api/files/[id]/shares', sharesRoute.GET as Handler, 'GET', `/api/files/${validId}/shares`, { id: validId }],
  ['DELETE /api/files/[id]/shares/[shareId]', shareRoute.DELETE as Handler, 'DELETE', `/api/files/${validId}/shares/${validShare}`, { id: validId, shareId: validShare }],
  ['GET /api/shared', sharedRoute.GET as Handler, 'GET', '/api/shared', {}],
  ['GET /api/shared/[shareId]/download', sharedDownloadRoute.GET as Handler, 'GET', `/api/shared/${validShare}/download`, { shareId: validShare }],
  ['POST /api/shared/[shareId]/shares', reshareRoute.POST as Handler, 'POST', `/api/shared/${validShare}/shares`, { shareId: validShare }, { recipientId: 'x', envelope: envelope() }],
  ['DELETE /api/shared/[shareId]/file', sharedFileRoute.DELETE as Handler, 'DELETE', `/api/shared/${validShare}/file`, { shareId: validShare }],
  ['GET /api/contacts', contactsRoute.GET as Handler, 'GET', '/api/contacts', {}],
  ['PUT /api/contacts', contactsRoute.PUT as Handler, 'PUT', '/api/contacts', {}, { encryptedContacts: 'AAAA' }],
];

describe('without a valid session', () => {
  for (const [name, handler, method, path, params, body] of endpoints) {
    it(`${name} answers 401 JSON (no cookie, forged cookie)`, async () => {
      const forged = `next-auth.session-token=${randomBytes(64).toString('base64url')}`;
      for (const cookie of [undefined, forged]) {
        const res = await call(handler, method, path, { cookie, body, params });
        expect(res.status, `${name} with ${cookie ? 'a bad cookie' : 'no cookie'}`).toBe(401);
        expect(res.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
      }
    });
  }
});

const uploadReadyFile = (owner: string) => uploadFor(cookies[owner]);

describe('with sessions', () => {
  it('looks up public keys by email (normalised), 404 for an unknown email, 400 for a malformed one', async () => {
    const email = (await asDb((await getDatabase()).db).select({ email: users.email }).from(users).where(eq(users.id, bob)))[0]!.email;
    const found = await call(lookupRoute.GET as Handler, 'GET', `/api/users/lookup?email=${encodeURIComponent(` ${email.toUpperCase()} `)}`, { cookie: cookies[alice] });
    expect(found.status).toBe(200);
    expect(publicKeysResponse.parse(found.body).userId).toBe(bob);
    expect((await call(lookupRoute.GET as Handler, 'GET', '/api/users/lookup?email=nobody%40nowhere.test', { cookie: cookies[alice] })).status).toBe(404);
    expect((await call(lookupRoute.GET as Handler, 'GET', '/api/users/lookup?email=not-an-email', { cookie: cookies[alice] })).status).toBe(400);
  });

  it('shares, lists, downloads, keeps recipients and strangers out, and revokes', async () => {
    const { id, bytes } = await uploadReadyFile(alice);
    const body = { recipientId: bob, envelope: envelope() };

    // Only the owner shares: Bob (not yet a recipient) and Carol get the files' 404.
    for (const user of [bob, carol]) {
      const res = await call(sharesRoute.POST as Handler, 'POST', `/api/files/${id}/shares`, { cookie: cookies[user], body: { ...body, recipientId: carol === user ? bob : carol }, params: { id } });
      expect(res.status).toBe(404);
    }
    const bad = await call(sharesRoute.POST as Handler, 'POST', `/api/files/${id}/shares`, { cookie: cookies[alice], body: { recipientId: bob, envelope: 'AAAA' }, params: { id } });
    expect(bad.status).toBe(400);
    const self = await call(sharesRoute.POST as Handler, 'POST', `/api/files/${id}/shares`, { cookie: cookies[alice], body: { recipientId: alice, envelope: envelope() }, params: { id } });
    expect(self.status).toBe(400);
    const ghost = await call(sharesRoute.POST as Handler, 'POST', `/api/files/${id}/shares`, { cookie: cookies[alice], body: { recipientId: randomUUID(), envelope: envelope() }, params: { id } });
    expect(ghost.status).toBe(404);

    const created = await call(sharesRoute.POST as Handler, 'POST', `/api/files/${id}/shares`, { cookie: cookies[alice], body, params: { id } });
    expect(created.status).toBe(200);
    const share = shareSchema.parse(created.body);
    const again = await call(sharesRoute.POST as Handler, 'POST', `/api/files/${id}/shares`, { cookie: cookies[alice], body, params: { id } });
    expect(again.status).toBe(409);

    // The owner's audit view; nobody else sees it.
    const list = shareListResponse.parse((await call(sharesRoute.GET as Handler, 'GET', `/api/files/${id}/shares`, { cookie: cookies[alice], params: { id } })).body);
    expect(list.shares.map((s) => s.recipientId)).toEqual([bob]);
    for (const user of [bob, carol]) {
      expect((await call(sharesRoute.GET as Handler, 'GET', `/api/files/${id}/shares`, { cookie: cookies[user], params: { id } })).status).toBe(404);
    }

    // Bob sees it with the envelope and Alice's identity key, and downloads the same bytes.
    const shared = sharedListResponse.parse((await call(sharedRoute.GET as Handler, 'GET', '/api/shared', { cookie: cookies[bob] })).body);
    expect(shared.shared).toHaveLength(1);
    expect(shared.shared[0]).toMatchObject({ shareId: share.id, senderId: alice, envelope: body.envelope, file: { id, wrappedFileKey: null } });
    const dl = await call(sharedDownloadRoute.GET as Handler, 'GET', `/api/shared/${share.id}/download`, { cookie: cookies[bob], params: { shareId: share.id } });
    expect(dl.status).toBe(200);
    const fetched = new Uint8Array(await (await fetch(downloadResponse.parse(dl.body).url)).arrayBuffer());
    expect(Buffer.from(fetched).equals(Buffer.from(bytes))).toBe(true);

    // Carol: nothing listed, 404 for the share and for the file.
    expect(sharedListResponse.parse((await call(sharedRoute.GET as Handler, 'GET', '/api/shared', { cookie: cookies[carol] })).body).shared).toEqual([]);
    expect((await call(sharedDownloadRoute.GET as Handler, 'GET', `/api/shared/${share.id}/download`, { cookie: cookies[carol], params: { shareId: share.id } })).status).toBe(404);
    expect((await call(downloadRoute.GET as Handler, 'GET', `/api/files/${id}/download`, { cookie: cookies[carol], params: { id } })).status).toBe(404);

    // Bob is a recipient, not an owner: the file routes stay closed to him.
    expect((await call(fileRoute.GET as Handler, 'GET', `/api/files/${id}`, { cookie: cookies[bob], params: { id } })).status).toBe(404);
    expect((await call(downloadRoute.GET as Handler, 'GET', `/api/files/${id}/download`, { cookie: cookies[bob], params: { id } })).status).toBe(404);
    expect((await call(fileRoute.PATCH as Handler, 'PATCH', `/api/files/${id}`, { cookie: cookies[bob], body: { encryptedMetadata: 'AAAA' }, params: { id } })).status).toBe(404);
    expect((await call(fileRoute.DELETE as Handler, 'DELETE', `/api/files/${id}`, { cookie: cookies[bob], params: { id } })).status).toBe(404);
    expect((await call(shareRoute.DELETE as Handler, 'DELETE', `/api/files/${id}/shares/${share.id}`, { cookie: cookies[bob], params: { id, shareId: share.id } })).status).toBe(404);
    expect((await call(sharesRoute.POST as Handler, 'POST', `/api/files/${id}/shares`, { cookie: cookies[bob], body: { recipientId: carol, envelope: envelope() }, params: { id } })).status).toBe(404);
    expect((await call(sharedDownloadRoute.GET as Handler, 'GET', `/api/shared/${share.id}/download`, { cookie: cookies[bob], params: { shareId: share.id } })).status).toBe(200);

    // Revoke: malformed and unknown share ids are 404; then Bob gets 404 and an empty list.
    expect((await call(shareRoute.DELETE as Handler, 'DELETE', `/api/files/${id}/shares/nope`, { cookie: cookies[alice], params: { id, shareId: 'nope' } })).status).toBe(404);
    expect((await call(shareRoute.DELETE as Handler, 'DELETE', `/api/files/${id}/shares/${validShare}`, { cookie: cookies[alice], params: { id, shareId: validShare } })).status).toBe(404);
    expect((await call(shareRoute.DELETE as Handler, 'DELETE', `/api/files/${id}/shares/${share.id}`, { cookie: cookies[alice], params: { id, shareId: share.id } })).status).toBe(200);
    expect((await call(sharedDownloadRoute.GET as Handler, 'GET', `/api/shared/${share.id}/download`, { cookie: cookies[bob], params: { shareId: share.id } })).status).toBe(404);
    expect(sharedListResponse.parse((await call(sharedRoute.GET as Handler, 'GET', '/api/shared', { cookie: cookies[bob] })).body).shared).toEqual([]);
  });

  it('deleting the file removes its shares', async () => {
    const { id } = await uploadReadyFile(alice);
    const created = shareSchema.parse((await call(sharesRoute.POST as Handler, 'POST', `/api/files/${id}/shares`, { cookie: cookies[alice], body: { recipientId: bob, envelope: envelope() }, params: { id } })).body);
    expect((await call(fileRoute.DELETE as Handler, 'DELETE', `/api/files/${id}`, { cookie: cookies[alice], params: { id } })).status).toBe(200);
    expect((await call(sharedDownloadRoute.GET as Handler, 'GET', `/api/shared/${created.id}/download`, { cookie: cookies[bob], params: { shareId: created.id } })).status).toBe(404);
  });

  it('recipients re-share and delete only where the owner allowed it; the owner sees every re-share', async () => {
    const { id } = await uploadReadyFile(alice);
    const shareTo = async (recipientId: string, permissions: { canReshare?: boolean; canDelete?: boolean }) =>
      shareSchema.parse((await call(sharesRoute.POST as Handler, 'POST', `/api/files/${id}/shares`, { cookie: cookies[alice], body: { recipientId, envelope: envelope(), ...permissions }, params: { id } })).body);
    const toBob = await shareTo(bob, { canReshare: true });
    const toDave = await shareTo(dave, { canDelete: true });
    expect(toBob).toMatchObject({ canReshare: true, canDelete: false, sharedByEmail: null });
    const reshareAs = (user: string, shareId: string, recipientId: string) =>
      call(reshareRoute.POST as Handler, 'POST', `/api/shared/${shareId}/shares`, { cookie: cookies[user], body: { recipientId, envelope: envelope() }, params: { shareId } });
    const deleteAs = (user: string, shareId: string) =>
      call(sharedFileRoute.DELETE as Handler, 'DELETE', `/api/shared/${shareId}/file`, { cookie: cookies[user], params: { shareId } });

    // Dave may delete but not re-share; a stranger (Carol) gets 404 for Bob's share; Bob may not hand it back to its owner.
    const refused = await reshareAs(dave, toDave.id, carol);
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ error: { code: 'forbidden', message: 'the owner did not allow you to share this file' } });
    expect((await reshareAs(carol, toBob.id, dave)).status).toBe(404);
    expect((await reshareAs(bob, toBob.id, alice)).status).toBe(400);
    expect((await reshareAs(bob, toBob.id, bob)).status).toBe(400);

    // Bob re-shares to Carol: Carol sees it as sent by Bob, owned by Alice, with no permissions of her own.
    const reshared = await reshareAs(bob, toBob.id, carol);
    expect(reshared.status).toBe(200);
    const bobEmail = `${bob}@files.test`;
    expect(shareSchema.parse(reshared.body)).toMatchObject({ recipientId: carol, sharedByEmail: bobEmail, canReshare: false, canDelete: false });
    expect((await reshareAs(bob, toBob.id, carol)).status).toBe(409);
    const carols = sharedListResponse.parse((await call(sharedRoute.GET as Handler, 'GET', '/api/shared', { cookie: cookies[carol] })).body).shared;
    expect(carols).toHaveLength(1);
    expect(carols[0]).toMatchObject({ senderId: bob, senderEmail: bobEmail, ownerEmail: `${alice}@files.test`, canReshare: false, canDelete: false, file: { id } });
    expect((await reshareAs(carol, carols[0]!.shareId, dave)).status).toBe(403);
    const list = shareListResponse.parse((await call(sharesRoute.GET as Handler, 'GET', `/api/files/${id}/shares`, { cookie: cookies[alice], params: { id } })).body);
    expect(list.shares.find((s) => s.recipientId === carol)?.sharedByEmail).toBe(bobEmail);

    // Only Dave may delete; then the file is gone for everyone, storage included.
    for (const [user, shareId] of [[bob, toBob.id], [carol, carols[0]!.shareId]] as const) {
      const res = await deleteAs(user, shareId);
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ error: { code: 'forbidden', message: 'the owner did not allow you to delete this file' } });
    }
    expect((await deleteAs(carol, toDave.id)).status).toBe(404);
    const objectKey = (await asDb((await getDatabase()).db).select({ key: files.objectKey }).from(files).where(eq(files.id, id)))[0]!.key;
    expect((await deleteAs(dave, toDave.id)).status).toBe(200);
    expect((await call(fileRoute.GET as Handler, 'GET', `/api/files/${id}`, { cookie: cookies[alice], params: { id } })).status).toBe(404);
    expect(sharedListResponse.parse((await call(sharedRoute.GET as Handler, 'GET', '/api/shared', { cookie: cookies[carol] })).body).shared).toEqual([]);
    const head = await rootS3(ctx).send(new HeadObjectCommand({ Bucket: ctx.bucket, Key: objectKey })).then(() => 200, (e: { $metadata?: { httpStatusCode?: number } }) => e.$metadata?.httpStatusCode);
    expect(head).toBe(404);
  });

  it('stores and returns each user\'s opaque contact list, per user', async () => {
    expect((await call(contactsRoute.GET as Handler, 'GET', '/api/contacts', { cookie: cookies[carol] })).body).toEqual({ encryptedContacts: null });
    for (const blob of ['Zmlyc3Q', 'c2Vjb25k']) {
      expect((await call(contactsRoute.PUT as Handler, 'PUT', '/api/contacts', { cookie: cookies[carol], body: { encryptedContacts: blob } })).status).toBe(200);
      expect((await call(contactsRoute.GET as Handler, 'GET', '/api/contacts', { cookie: cookies[carol] })).body).toEqual({ encryptedContacts: blob });
    }
    expect((await call(contactsRoute.GET as Handler, 'GET', '/api/contacts', { cookie: cookies[bob] })).body).toEqual({ encryptedContacts: null });
  });
});
