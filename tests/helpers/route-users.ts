// Set-up shared by the route tests that need signed-in users with keys and a
// ready file (shares, folder shares, thumbnails): written once here so the
// tests hold only what they check. The key blobs are random bytes of the right
// shape; the server never opens them.
import { randomBytes, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import * as filesRoute from '@/app/api/files/route';
import * as completeRoute from '@/app/api/files/[id]/complete/route';
import { toBase64Url } from '@/lib/crypto/bytes';
import { ciphertextSizeFromPlaintextSize } from '@/lib/crypto/file-format';
import { asDb } from '@/lib/server/db/app-db';
import type { DbConnection } from '@/lib/server/db/connect';
import { getDatabase } from '@/lib/server/db/db';
import { userKeys } from '@/lib/server/db/schema';
import { createUploadResponse } from '@/lib/shared/files';
import { createUser, fakeSealed, put } from './files';
import { call, sessionCookie } from './route-call';

const CHUNK = 256 * 1024;

/** A user_keys row as key set-up would leave it (call after useAppEnv). */
export async function addKeys(userId: string): Promise<void> {
  const b = (n: number) => toBase64Url(randomBytes(n));
  await asDb((await getDatabase()).db).insert(userKeys).values({
    userId, wrappedRootKeyPassword: b(61), wrappedRootKeyRecovery: b(61), hpkePublicKey: b(65), wrappedHpkePrivateKey: b(80),
    identityPublicKey: b(32), wrappedIdentityPrivateKey: b(80), hpkeKeyBindingSignature: b(64),
    keyCheckId: randomUUID(), keyCheckWrappedFileKey: b(61), keyCheckMetadata: b(60),
  });
}

type Ids<N extends number, T extends string[] = []> = T['length'] extends N ? T : Ids<N, [...T, string]>;

/** `count` users, each with keys and a session; their cookies go into `cookies` by user id. */
export async function signedInUsersWithKeys<N extends number>(conn: DbConnection, count: N, secret: string, cookies: Record<string, string>): Promise<Ids<N>> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const user = await createUser(conn);
    await addKeys(user);
    cookies[user] = await sessionCookie(user, secret);
    ids.push(user);
  }
  return ids as Ids<N>;
}

/** Creates, PUTs random ciphertext for, and completes a one-part file of the owner's. */
export async function uploadReadyFile(
  cookie: string | undefined,
  options: { plaintextSize?: number; folderId?: string | null } = {},
): Promise<{ id: string; bytes: Uint8Array }> {
  const ciphertextSize = ciphertextSizeFromPlaintextSize(options.plaintextSize ?? 500, CHUNK);
  const body = { ciphertextSize, chunkSize: CHUNK, ...(options.folderId !== undefined ? { folderId: options.folderId } : {}) };
  const created = await call(filesRoute.POST, 'POST', '/api/files', { cookie, body });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  const { id, upload } = createUploadResponse.parse(created.body);
  const bytes = randomBytes(ciphertextSize);
  expect((await put(upload.parts[0]!.url, bytes, upload.parts[0]!.headers)).status).toBe(200);
  const done = await call(completeRoute.POST, 'POST', `/api/files/${id}/complete`, { cookie, body: fakeSealed(), params: { id } });
  expect(done.status).toBe(200);
  return { id, bytes };
}
