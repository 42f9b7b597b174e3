// Revoke and re-encrypt (issue 6) through the real route handlers, the real
// MinIO and the suite's database: A's browser flow (lib/client/sharing/
// reencrypt-file.ts, the real upload engine and Range-reading source) runs in
// Node against the routes. Afterwards the old object is gone, the new one is
// SSE-KMS, B's old key opens nothing stored, C's new envelope opens the new
// key and the original bytes. Then the refusals: another user's file, people
// who were not recipients, shares on an ordinary upload, a replaced file
// deleted meanwhile, no session, a changed identity key and a damaged source.
// First: it must run before any Next.js module loads (see the helper).
import { rootParent } from '@/lib/crypto/key-parent';
import '../helpers/request-scope';
import { randomBytes, randomUUID } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as filesRoute from '@/app/api/files/route';
import * as fileRoute from '@/app/api/files/[id]/route';
import * as completeRoute from '@/app/api/files/[id]/complete/route';
import * as partsRoute from '@/app/api/files/[id]/parts/route';
import * as downloadRoute from '@/app/api/files/[id]/download/route';
import * as sharesRoute from '@/app/api/files/[id]/shares/route';
import * as sharedRoute from '@/app/api/shared/route';
import * as sharedDownloadRoute from '@/app/api/shared/[shareId]/download/route';
import * as lookupRoute from '@/app/api/users/lookup/route';
import * as usageRoute from '@/app/api/usage/route';
import type { UnlockedVault } from '@/lib/client/account/vault-keys';
import { ApiError } from '@/lib/client/api-call';
import { openFile, type VaultFile } from '@/lib/client/files/file-list';
import { uploadFile } from '@/lib/client/files/upload/upload-engine';
import { emptyContactBook, IdentityKeyChangedError, pinContact, type ContactBook } from '@/lib/client/sharing/pins';
import { DAMAGED_SOURCE_MESSAGE, reencryptFile, type ReencryptDeps } from '@/lib/client/sharing/reencrypt-file';
import { fromBase64Url, toBase64Url } from '@/lib/crypto/bytes';
import { openShareEnvelope, sealShareEnvelope } from '@/lib/crypto/envelope';
import { IntegrityError } from '@/lib/crypto/errors';
import { generateFileKeyBytes, importFileKey, unwrapFileKeyBytes, wrapFileKey } from '@/lib/crypto/file-key';
import { ciphertextSizeFromPlaintextSize } from '@/lib/crypto/file-format';
import { encryptMetadata } from '@/lib/crypto/metadata';
import { generateRootKeyForWrapping } from '@/lib/crypto/root-key';
import { exportPublicKeyRaw, generateUserKeyPairsForWrapping, signHpkeKeyBinding } from '@/lib/crypto/user-keys';
import { decryptFileBytes } from '@/lib/crypto/whole-file';
import { asDb } from '@/lib/server/db/app-db';
import { getDatabase } from '@/lib/server/db/db';
import { userKeys } from '@/lib/server/db/schema';
import { files } from '@/lib/server/db/schema-files';
import { links } from '@/lib/server/db/schema-links';
import {
  createUploadResponse, downloadResponse, fileSchema, okResponse, presignPartsResponse, usageResponse,
} from '@/lib/shared/files';
import { ENVELOPE_BYTES, publicKeysResponse, shareListResponse, shareSchema, sharedListResponse } from '@/lib/shared/shares';
import { restoreAppEnv, useAppEnv } from '../helpers/app-env';
import { rootS3, testContext } from '../helpers/context';
import { createUser, fakeSealed, put } from '../helpers/files';
import { callRoute, sessionCookie, type RouteHandler } from '../helpers/route-call';
import type { ErrorCode } from '@/lib/shared/errors';

const ctx = testContext();
const root = rootS3(ctx);
const MiB = 1024 * 1024;
const CHUNK = 256 * 1024;

interface User {
  id: string;
  email: string;
  cookie: string;
  vault: UnlockedVault;
  identityPublicKey: string;
}

let alice: User;
let bob: User;
let carol: User;

async function makeUser(): Promise<User> {
  const conn = await getDatabase();
  const id = await createUser(conn);
  const email = `${id}@files.test`;
  const pairs = await generateUserKeyPairsForWrapping();
  const identityRaw = await exportPublicKeyRaw(pairs.identity.publicKey);
  const hpkeRaw = await exportPublicKeyRaw(pairs.hpke.publicKey);
  const b = (n: number) => toBase64Url(randomBytes(n));
  // The directory serves these public keys; the wrapped private keys are never opened here.
  await asDb(conn.db).insert(userKeys).values({
    userId: id, wrappedRootKeyPassword: b(61), wrappedRootKeyRecovery: b(61), hpkePublicKey: toBase64Url(hpkeRaw), wrappedHpkePrivateKey: b(80),
    identityPublicKey: toBase64Url(identityRaw), wrappedIdentityPrivateKey: b(80),
    hpkeKeyBindingSignature: toBase64Url(await signHpkeKeyBinding(pairs.identity.privateKey, id, hpkeRaw)),
    keyCheckId: randomUUID(), keyCheckWrappedFileKey: b(61), keyCheckMetadata: b(60),
  });
  const vault = {
    userId: id, email, identityPublicKeyRaw: identityRaw, keyCheckName: 'x',
    keys: { rootKey: await generateRootKeyForWrapping(), hpke: pairs.hpke, identity: pairs.identity },
  } as UnlockedVault;
  return { id, email, cookie: await sessionCookie(id, ctx.appEnv.NEXTAUTH_SECRET!), vault, identityPublicKey: toBase64Url(identityRaw) };
}

beforeAll(async () => {
  await useAppEnv('reencrypt-routes');
  alice = await makeUser();
  bob = await makeUser();
  carol = await makeUser();
});
afterAll(async () => {
  root.destroy();
  await restoreAppEnv();
});

type Options = { cookie?: string; body?: unknown; params?: Record<string, string> };
const call = (handler: unknown, method: string, path: string, options: Options = {}) => callRoute(handler as RouteHandler, method, path, options);

/** A route's answer as the browser's API client sees it: parsed, or an ApiError with the server's code. */
async function api<S extends z.ZodType>(schema: S, handler: unknown, method: string, path: string, options: Options): Promise<z.infer<S>> {
  const res = await call(handler, method, path, options);
  if (res.status !== 200) {
    const error = (res.body as { error: { code: ErrorCode; message: string } }).error;
    throw new ApiError(res.status, error.code, error.message);
  }
  return schema.parse(res.body);
}

/** The client modules' network half, served by the route handlers with `user`'s session. */
function depsFor(user: User, book: ContactBook): ReencryptDeps {
  const cookie = user.cookie;
  return {
    files: {
      createUpload: (body) => api(createUploadResponse, filesRoute.POST, 'POST', '/api/files', { cookie, body }),
      presignParts: async (id, partNumbers) => (await api(presignPartsResponse, partsRoute.POST, 'POST', `/api/files/${id}/parts`, { cookie, body: { partNumbers }, params: { id } })).parts,
      complete: (id, body) => api(fileSchema, completeRoute.POST, 'POST', `/api/files/${id}/complete`, { cookie, body, params: { id } }),
      remove: async (id) => void (await api(okResponse, fileRoute.DELETE, 'DELETE', `/api/files/${id}`, { cookie, params: { id } })),
      downloadUrl: (id) => api(downloadResponse, downloadRoute.GET, 'GET', `/api/files/${id}/download`, { cookie, params: { id } }),
    },
    sharing: {
      list: async (fileId) => (await api(shareListResponse, sharesRoute.GET, 'GET', `/api/files/${fileId}/shares`, { cookie, params: { id: fileId } })).shares,
      lookup: (email) => api(publicKeysResponse, lookupRoute.GET, 'GET', `/api/users/lookup?email=${encodeURIComponent(email)}`, { cookie }),
    },
    loadContacts: async () => book,
    saveContacts: async () => {},
  };
}

/** Pins as A's contact list holds them after sharing with these people. */
function pinsOf(...people: Array<{ user: User; identityPublicKey?: string }>): ContactBook {
  return people.reduce((book, { user, identityPublicKey }) => pinContact(book, user.id, { email: user.email, identityPublicKey: identityPublicKey ?? user.identityPublicKey }), emptyContactBook());
}

/** A really encrypted file uploaded by the engine through the routes; returns it as the vault opens it. */
async function uploadRealFile(owner: User, plaintext: Uint8Array, name: string): Promise<VaultFile> {
  const keyBytes = generateFileKeyBytes();
  const fileKey = await importFileKey(keyBytes);
  const row = await uploadFile({
    source: new Blob([new Uint8Array(plaintext)]),
    fileKey,
    chunkSize: CHUNK,
    api: depsFor(owner, emptyContactBook()).files,
    seal: async (id) => ({
      wrappedFileKey: await wrapFileKey(rootParent(owner.vault.keys.rootKey, owner.id), keyBytes, id),
      encryptedMetadata: await encryptMetadata(fileKey, id, { name, type: 'application/octet-stream', size: plaintext.length, mtime: 1_700_000_000_000 }),
    }),
  });
  return openFile(rootParent(owner.vault.keys.rootKey, owner.id), row);
}

/** Shares as share-file.ts does: the file key sealed to the recipient, signed by the owner. */
async function shareWith(owner: User, file: VaultFile, fileKeyBytes: Uint8Array, recipient: User): Promise<string> {
  const keys = await depsFor(owner, emptyContactBook()).sharing.lookup(recipient.email);
  const envelope = await sealShareEnvelope({
    fileKeyBytes,
    ids: { fileId: file.id, senderId: owner.id, recipientId: recipient.id },
    recipient: { identityPublicKeyRaw: fromBase64Url(keys.identityPublicKey), hpkePublicKeyRaw: fromBase64Url(keys.hpkePublicKey), hpkeKeyBindingSignature: fromBase64Url(keys.hpkeKeyBindingSignature) },
    senderIdentityPrivateKey: owner.vault.keys.identity.privateKey,
  });
  const created = await call(sharesRoute.POST, 'POST', `/api/files/${file.id}/shares`, { cookie: owner.cookie, body: { recipientId: recipient.id, envelope: toBase64Url(envelope) }, params: { id: file.id } });
  expect(created.status).toBe(200);
  return shareSchema.parse(created.body).id;
}

/** The file key a recipient's browser gets out of its envelope for `fileId` (format.md §5). */
async function recipientKeyBytes(recipient: User, owner: User, fileId: string): Promise<Uint8Array> {
  const listed = sharedListResponse.parse((await call(sharedRoute.GET, 'GET', '/api/shared', { cookie: recipient.cookie })).body).shared;
  const share = listed.find((s) => s.file.id === fileId);
  if (!share) throw new Error(`no share of ${fileId} for ${recipient.email}`);
  return openShareEnvelope({
    envelope: fromBase64Url(share.envelope),
    ids: { fileId, senderId: owner.id, recipientId: recipient.id },
    recipientHpkeKeyPair: recipient.vault.keys.hpke,
    senderIdentityPublicKeyRaw: fromBase64Url(share.senderIdentityPublicKey),
  });
}

/** The owner's file key bytes, for sharing it; the vault keeps only a non-extractable key. */
async function ownerKeyBytes(owner: User, fileId: string): Promise<Uint8Array> {
  const row = fileSchema.parse((await call(fileRoute.GET, 'GET', `/api/files/${fileId}`, { cookie: owner.cookie, params: { id: fileId } })).body);
  return unwrapFileKeyBytes(rootParent(owner.vault.keys.rootKey, owner.id), fromBase64Url(row.wrappedFileKey!), fileId);
}

async function rowOf(id: string) {
  return (await asDb((await getDatabase()).db).select().from(files).where(eq(files.id, id)))[0];
}

async function pendingOf(ownerId: string): Promise<string[]> {
  const rows = await asDb((await getDatabase()).db).select({ id: files.id }).from(files).where(and(eq(files.ownerId, ownerId), eq(files.status, 'pending')));
  return rows.map((r) => r.id);
}

async function storedBytes(objectKey: string): Promise<Uint8Array> {
  const got = await root.send(new GetObjectCommand({ Bucket: ctx.bucket, Key: objectKey }));
  return got.Body!.transformToByteArray();
}

async function headStatus(objectKey: string): Promise<number> {
  try {
    return (await root.send(new HeadObjectCommand({ Bucket: ctx.bucket, Key: objectKey }))).$metadata.httpStatusCode ?? 0;
  } catch (error) {
    return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? -1;
  }
}

async function sharedIdsOf(user: User): Promise<string[]> {
  return sharedListResponse.parse((await call(sharedRoute.GET, 'GET', '/api/shared', { cookie: user.cookie })).body).shared.map((s) => s.shareId);
}

describe('revoke and re-encrypt', () => {
  it('re-encrypts under a new key: old object gone, B\'s old key useless, C reads the original bytes', async () => {
    // Over 16 MiB of ciphertext, so the new upload is multipart and parts cut across chunks.
    const plaintext = new Uint8Array(randomBytes(16 * MiB + 300_001));
    const file = await uploadRealFile(alice, plaintext, 'plans.bin');
    const keyBytes = await ownerKeyBytes(alice, file.id);
    const bobShare = await shareWith(alice, file, keyBytes, bob);
    const carolShare = await shareWith(alice, file, keyBytes, carol);
    const old = (await rowOf(file.id))!;

    // What B kept from before: the old file key, which opens the old object.
    const bobOldKey = await importFileKey(await recipientKeyBytes(bob, alice, file.id));
    expect(Buffer.from(await decryptFileBytes(bobOldKey, await storedBytes(old.objectKey))).equals(Buffer.from(plaintext))).toBe(true);

    let progressed = 0;
    const result = await reencryptFile(alice.vault, file, [bobShare], { onProgress: (p) => void (progressed = p.doneBytes), parallelism: 2 }, depsFor(alice, pinsOf({ user: bob }, { user: carol })));
    expect(result.file.id).not.toBe(file.id);
    expect(result.revoked.map((s) => s.id)).toEqual([bobShare]);
    expect(result.kept.map((s) => s.id)).toEqual([carolShare]);
    expect(progressed).toBe(result.row.ciphertextSize);
    const fresh = (await rowOf(result.file.id))!;
    expect(fresh).toMatchObject({ status: 'ready', replacesFileId: file.id, ownerId: alice.id });

    // (a) the old object and row are gone; (b) the new object is SSE-KMS with the deployment key.
    expect(await headStatus(old.objectKey)).toBe(404);
    expect(await rowOf(file.id)).toBeUndefined();
    const head = await root.send(new HeadObjectCommand({ Bucket: ctx.bucket, Key: fresh.objectKey }));
    expect(head.ServerSideEncryption).toBe('aws:kms');
    expect(head.SSEKMSKeyId).toContain(ctx.minio.kmsKeyName);
    expect(head.ContentLength).toBe(fresh.ciphertextSize);

    // (c) B's old key cannot open what is stored now.
    const stored = await storedBytes(fresh.objectKey);
    await expect(decryptFileBytes(bobOldKey, stored)).rejects.toBeInstanceOf(IntegrityError);

    // (d) C's new envelope is bound to the new id and opens the new key: the original bytes.
    const carolKey = await importFileKey(await recipientKeyBytes(carol, alice, result.file.id));
    expect(Buffer.from(await decryptFileBytes(carolKey, stored)).equals(Buffer.from(plaintext))).toBe(true);
    // A's own copy opens from the new row as the vault would open it, with the same name.
    expect((await openFile(rootParent(alice.vault.keys.rootKey, alice.id), result.row)).metadata.name).toBe('plans.bin');

    // (e) B has nothing any more; C still has exactly one share.
    expect(await sharedIdsOf(bob)).toEqual([]);
    expect((await call(sharedDownloadRoute.GET, 'GET', `/api/shared/${bobShare}/download`, { cookie: bob.cookie, params: { shareId: bobShare } })).status).toBe(404);
    expect(await sharedIdsOf(carol)).toHaveLength(1);

    // (f) the old id is gone for A; usage counts the new copy only.
    expect((await call(fileRoute.GET, 'GET', `/api/files/${file.id}`, { cookie: alice.cookie, params: { id: file.id } })).status).toBe(404);
    expect((await call(downloadRoute.GET, 'GET', `/api/files/${file.id}/download`, { cookie: alice.cookie, params: { id: file.id } })).status).toBe(404);
    const usage = usageResponse.parse((await call(usageRoute.GET, 'GET', '/api/usage', { cookie: alice.cookie })).body);
    expect(usage.reservedBytes).toBe(0);
    expect(await pendingOf(alice.id)).toEqual([]);
  });

  it('a changed identity key of someone who keeps access stops everything before any upload', async () => {
    const file = await uploadRealFile(alice, new Uint8Array(randomBytes(5000)), 'pinned.txt');
    const keyBytes = await ownerKeyBytes(alice, file.id);
    const bobShare = await shareWith(alice, file, keyBytes, bob);
    await shareWith(alice, file, keyBytes, carol);
    const book = pinsOf({ user: bob }, { user: carol, identityPublicKey: toBase64Url(randomBytes(32)) });
    await expect(reencryptFile(alice.vault, file, [bobShare], {}, depsFor(alice, book))).rejects.toBeInstanceOf(IdentityKeyChangedError);
    expect((await rowOf(file.id))?.status).toBe('ready');
    expect(await pendingOf(alice.id)).toEqual([]);
    expect(await sharedIdsOf(bob)).toContain(bobShare);
  });

  it('a damaged stored copy aborts: the new upload is removed and nothing changes', async () => {
    const plaintext = new Uint8Array(randomBytes(3 * CHUNK + 10));
    const file = await uploadRealFile(alice, plaintext, 'damaged.bin');
    const keyBytes = await ownerKeyBytes(alice, file.id);
    const bobShare = await shareWith(alice, file, keyBytes, bob);
    const old = (await rowOf(file.id))!;
    // The storage operator flips one bit inside chunk 2.
    const bytes = await storedBytes(old.objectKey);
    bytes[74 + 2 * (CHUNK + 16) + 100]! ^= 1;
    await root.send(new PutObjectCommand({ Bucket: ctx.bucket, Key: old.objectKey, Body: bytes, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: ctx.minio.kmsKeyName }));

    await expect(reencryptFile(alice.vault, file, [bobShare], {}, depsFor(alice, pinsOf({ user: bob })))).rejects.toThrow(DAMAGED_SOURCE_MESSAGE);
    expect((await rowOf(file.id))?.status).toBe('ready');
    expect(await pendingOf(alice.id)).toEqual([]);
    expect(await headStatus(old.objectKey)).toBe(200);
    expect(await sharedIdsOf(bob)).toContain(bobShare);
  });
});

describe('the replaces and shares fields', () => {
  const size = ciphertextSizeFromPlaintextSize(500, CHUNK);
  const envelope = () => toBase64Url(randomBytes(ENVELOPE_BYTES));

  /** A ready file with placeholder ciphertext and keys (the server never opens them). */
  async function readyFile(owner: User): Promise<string> {
    const id = await pendingUpload(owner);
    expect((await call(completeRoute.POST, 'POST', `/api/files/${id}/complete`, { cookie: owner.cookie, body: fakeSealed(), params: { id } })).status).toBe(200);
    return id;
  }

  /** create (optionally replacing) → PUT; returns the pending id. */
  async function pendingUpload(owner: User, replaces?: string): Promise<string> {
    const created = await call(filesRoute.POST, 'POST', '/api/files', { cookie: owner.cookie, body: { ciphertextSize: size, chunkSize: CHUNK, ...(replaces ? { replaces } : {}) } });
    expect(created.status).toBe(200);
    const { id, upload } = createUploadResponse.parse(created.body);
    expect((await put(upload.parts[0]!.url, randomBytes(size), upload.parts[0]!.headers)).status).toBe(200);
    return id;
  }

  const complete = (owner: User | undefined, id: string, extra: object) =>
    call(completeRoute.POST, 'POST', `/api/files/${id}/complete`, { cookie: owner?.cookie, body: { ...fakeSealed(), ...extra }, params: { id } });
  const status = async (owner: User, id: string) => {
    const row = await rowOf(id);
    return row?.ownerId === owner.id ? row.status : 'gone';
  };
  const recipientsOf = async (owner: User, id: string) =>
    shareListResponse.parse((await call(sharesRoute.GET, 'GET', `/api/files/${id}/shares`, { cookie: owner.cookie, params: { id } })).body).shares.map((s) => s.recipientId);

  it('answers 401 without a session', async () => {
    const target = await readyFile(alice);
    const created = await call(filesRoute.POST, 'POST', '/api/files', { body: { ciphertextSize: size, chunkSize: CHUNK, replaces: target } });
    expect(created.status).toBe(401);
    const id = await pendingUpload(alice, target);
    const res = await complete(undefined, id, { shares: [] });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    expect(await status(alice, target)).toBe('ready');
  });

  it('replaces must name a ready file of the caller: 404 for another user\'s or an unknown id, 409 for a pending one', async () => {
    const target = await readyFile(alice);
    for (const replaces of [target, randomUUID()]) {
      const res = await call(filesRoute.POST, 'POST', '/api/files', { cookie: carol.cookie, body: { ciphertextSize: size, chunkSize: CHUNK, replaces } });
      expect(res.status).toBe(404);
    }
    expect(await pendingOf(carol.id)).toEqual([]);
    const pending = await pendingUpload(alice);
    const res = await call(filesRoute.POST, 'POST', '/api/files', { cookie: alice.cookie, body: { ciphertextSize: size, chunkSize: CHUNK, replaces: pending } });
    expect(res.status).toBe(409);
    expect((await call(filesRoute.POST, 'POST', '/api/files', { cookie: alice.cookie, body: { ciphertextSize: size, chunkSize: CHUNK, replaces: 'nope' } })).status).toBe(400);
  });

  it('shares on an upload that replaces nothing: 400', async () => {
    const id = await pendingUpload(alice);
    const res = await complete(alice, id, { shares: [] });
    expect(res.status).toBe(400);
    expect(await status(alice, id)).toBe('pending');
  });

  it('shares naming someone who held no share: 400, and nothing changed', async () => {
    const target = await readyFile(alice);
    await call(sharesRoute.POST, 'POST', `/api/files/${target}/shares`, { cookie: alice.cookie, body: { recipientId: bob.id, envelope: envelope() }, params: { id: target } });
    const id = await pendingUpload(alice, target);
    for (const shares of [
      [{ recipientId: carol.id, envelope: envelope() }],
      [{ recipientId: bob.id, envelope: envelope() }, { recipientId: bob.id, envelope: envelope() }],
      [{ recipientId: alice.id, envelope: envelope() }],
    ]) {
      const res = await complete(alice, id, { shares });
      expect(res.status).toBe(400);
      expect(await status(alice, id)).toBe('pending');
      expect(await status(alice, target)).toBe('ready');
      expect(await recipientsOf(alice, target)).toEqual([bob.id]);
    }
    const carolSees = sharedListResponse.parse((await call(sharedRoute.GET, 'GET', '/api/shared', { cookie: carol.cookie })).body).shared.map((x) => x.file.id);
    expect(carolSees).not.toContain(target);
    expect(carolSees).not.toContain(id);
    // The client removes the refused upload; the file is as it was.
    expect((await call(fileRoute.DELETE, 'DELETE', `/api/files/${id}`, { cookie: alice.cookie, params: { id } })).status).toBe(200);
    expect(await recipientsOf(alice, target)).toEqual([bob.id]);
  });

  it('the replaced file deleted meanwhile: 409, and the new upload stays pending to be removed', async () => {
    const target = await readyFile(alice);
    const id = await pendingUpload(alice, target);
    expect((await call(fileRoute.DELETE, 'DELETE', `/api/files/${target}`, { cookie: alice.cookie, params: { id: target } })).status).toBe(200);
    const res = await complete(alice, id, { shares: [] });
    expect(res.status).toBe(409);
    expect(await status(alice, id)).toBe('pending');
  });

  it('public links of the replaced file go with it; shares carried over keep their "since" date', async () => {
    const target = await readyFile(alice);
    const db = asDb((await getDatabase()).db);
    const b64 = (n: number) => toBase64Url(randomBytes(n));
    const linkId = b64(16);
    await db.insert(links).values({ id: linkId, fileId: target, ownerId: alice.id, linkSalt: b64(16), wrappedFileKey: b64(61), accessVerifier: b64(32), hasPassword: false });
    const shared = shareSchema.parse((await call(sharesRoute.POST, 'POST', `/api/files/${target}/shares`, { cookie: alice.cookie, body: { recipientId: bob.id, envelope: envelope() }, params: { id: target } })).body);
    const id = await pendingUpload(alice, target);
    const newEnvelope = envelope();
    expect((await complete(alice, id, { shares: [{ recipientId: bob.id, envelope: newEnvelope }] })).status).toBe(200);
    expect(await db.select().from(links).where(eq(links.id, linkId))).toEqual([]);
    const carried = shareListResponse.parse((await call(sharesRoute.GET, 'GET', `/api/files/${id}/shares`, { cookie: alice.cookie, params: { id } })).body).shares;
    expect(carried).toMatchObject([{ fileId: id, recipientId: bob.id, createdAt: shared.createdAt }]);
    expect(carried[0]!.id).not.toBe(shared.id);
    const bobSees = sharedListResponse.parse((await call(sharedRoute.GET, 'GET', '/api/shared', { cookie: bob.cookie })).body).shared.find((x) => x.file.id === id);
    expect(bobSees?.envelope).toBe(newEnvelope);
  });

  it('a second replacement of the same file finds it replaced: 409', async () => {
    const target = await readyFile(alice);
    const first = await pendingUpload(alice, target);
    const second = await pendingUpload(alice, target);
    expect((await complete(alice, first, { shares: [] })).status).toBe(200);
    expect((await complete(alice, second, { shares: [] })).status).toBe(409);
    expect(await status(alice, first)).toBe('ready');
    expect(await status(alice, target)).toBe('gone');
  });
});
