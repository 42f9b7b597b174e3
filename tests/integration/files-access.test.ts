// Authorization at the service layer: every function that takes a file id
// answers not_found for another user's file and for malformed ids, exactly as
// for ids that do not exist ([Note: not found, never forbidden]).
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ciphertextSizeFromPlaintextSize } from '@/lib/crypto/file-format';
import type { DbConnection } from '@/lib/server/db/connect';
import { completeUpload } from '@/lib/server/files/complete-upload';
import { createUpload } from '@/lib/server/files/create-upload';
import type { FilesDeps } from '@/lib/server/files/deps';
import { deleteFile } from '@/lib/server/files/discard';
import { downloadUrl, fileLayers } from '@/lib/server/files/download';
import { presignParts } from '@/lib/server/files/presign-parts';
import { getFile, listFiles, renameFile } from '@/lib/server/files/queries';
import { getUsage } from '@/lib/server/files/quota';
import { appStore, testContext } from '../helpers/context';
import { createUser, depsFor, errorCode, fakeSealed, openMigratedDb, put } from '../helpers/files';

const ctx = testContext();
const { store, s3 } = appStore(ctx);
const CHUNK = 256 * 1024;
const size = ciphertextSizeFromPlaintextSize(100, CHUNK);
let conn: DbConnection;
let deps: FilesDeps;
let alice: string;
let mallory: string;
let readyId: string;
let pendingId: string;

beforeAll(async () => {
  conn = await openMigratedDb('files-access');
  deps = depsFor(conn, store);
  alice = await createUser(conn);
  mallory = await createUser(conn);
  const ready = await createUpload(deps, alice, { ciphertextSize: size, chunkSize: CHUNK });
  await put(ready.upload.parts[0]!.url, randomBytes(size), ready.upload.parts[0]!.headers);
  readyId = (await completeUpload(deps, alice, ready.id, fakeSealed())).id;
  pendingId = (await createUpload(deps, alice, { ciphertextSize: size, chunkSize: CHUNK })).id;
});
afterAll(async () => {
  s3.destroy();
  await conn.close();
});

const byId: Record<string, (user: string, id: string) => Promise<unknown>> = {
  getFile: (u, id) => getFile(deps, u, id),
  renameFile: (u, id) => renameFile(deps, u, id, 'AAAA'),
  presignParts: (u, id) => presignParts(deps, u, id, [1]),
  completeUpload: (u, id) => completeUpload(deps, u, id, fakeSealed()),
  deleteFile: (u, id) => deleteFile(deps, u, id),
  downloadUrl: (u, id) => downloadUrl(deps, u, id),
  fileLayers: (u, id) => fileLayers(deps, u, id),
};

describe('another user’s file ids', () => {
  for (const [name, call] of Object.entries(byId)) {
    it(`${name} answers not_found for another user's ready and pending files, unknown and malformed ids`, async () => {
      for (const id of [readyId, pendingId, randomUUID(), 'not-a-uuid', "1' OR '1'='1"]) {
        expect(await errorCode(call(mallory, id)), `${name}(${id})`).toBe('not_found');
      }
    });
  }

  it('leaves the victim’s files untouched and lists only the caller’s own', async () => {
    expect((await getFile(deps, alice, readyId)).status).toBe('ready');
    expect((await getFile(deps, alice, pendingId)).status).toBe('pending');
    expect(await listFiles(deps, mallory)).toEqual([]);
    expect((await listFiles(deps, alice)).map((f) => f.id)).toEqual([readyId]);
    expect(await getUsage(deps.db, mallory, deps.quotaBytes)).toMatchObject({ usedBytes: 0, reservedBytes: 0 });
    expect(await getUsage(deps.db, alice, deps.quotaBytes)).toMatchObject({ usedBytes: size, reservedBytes: size });
  });
});
