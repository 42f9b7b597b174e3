// The browser engines against the real MinIO: encrypt → multipart upload
// through presigned part URLs (real fetch) → complete → presigned GET →
// decrypt, byte-identical; the file key and metadata really wrapped and
// encrypted and opened again from what the server returns.
import { rootParent } from '@/lib/crypto/key-parent';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FilesApi } from '@/lib/client/files/api';
import { downloadFile } from '@/lib/client/files/download/download-engine';
import { uploadFile } from '@/lib/client/files/upload/upload-engine';
import { concatBytes, fromBase64Url } from '@/lib/crypto/bytes';
import { generateFileKeyBytes, importFileKey, unwrapFileKey, wrapFileKey } from '@/lib/crypto/file-key';
import { decryptMetadata, encryptMetadata } from '@/lib/crypto/metadata';
import { generateRootKeyForWrapping } from '@/lib/crypto/root-key';
import type { DbConnection } from '@/lib/server/db/connect';
import { completeUpload } from '@/lib/server/files/complete-upload';
import { createUpload } from '@/lib/server/files/create-upload';
import type { FilesDeps } from '@/lib/server/files/deps';
import { deleteFile } from '@/lib/server/files/discard';
import { downloadUrl } from '@/lib/server/files/download';
import { presignParts } from '@/lib/server/files/presign-parts';
import { getFile } from '@/lib/server/files/queries';
import { getUsage } from '@/lib/server/files/quota';
import { appStore, testContext } from '../helpers/context';
import { createUser, depsFor, errorCode, openMigratedDb } from '../helpers/files';

const ctx = testContext();
const { store, s3 } = appStore(ctx);
const MiB = 1024 * 1024;
let conn: DbConnection;
let deps: FilesDeps;
let userId: string;

beforeAll(async () => {
  conn = await openMigratedDb('files-engine');
  deps = depsFor(conn, store, { partLimits: { singlePutMaxBytes: MiB, partSize: 5 * MiB } });
  userId = await createUser(conn);
});
afterAll(async () => {
  s3.destroy();
  await conn.close();
});

/** The routes' job, minus HTTP: the same service calls for the signed-in user. */
function serviceApi(): FilesApi {
  const unused = () => Promise.reject(new Error('not used here'));
  return {
    createUpload: (body) => createUpload(deps, userId, body),
    presignParts: (id, numbers) => presignParts(deps, userId, id, numbers),
    complete: (id, body) => completeUpload(deps, userId, id, body),
    remove: (id) => deleteFile(deps, userId, id),
    downloadUrl: (id) => downloadUrl(deps, userId, id),
    get: (id) => getFile(deps, userId, id),
    list: unused, rename: unused, layers: unused, usage: unused,
  };
}

describe('upload and download engines on MinIO', () => {
  it('round-trips a multipart file byte for byte, with key and metadata opened from the server’s answer', async () => {
    const api = serviceApi();
    const rootKey = await generateRootKeyForWrapping();
    const plaintext = randomBytes(11 * MiB + 12_345); // 3 parts of the 5 MiB test part size
    const fileKeyBytes = generateFileKeyBytes();
    const fileKey = await importFileKey(fileKeyBytes);
    const metadata = { name: 'holiday.mov', type: 'video/quicktime', size: plaintext.length, mtime: 1_700_000_000_000 };
    let parts = 0;

    const file = await uploadFile({
      source: new Blob([new Uint8Array(plaintext)]),
      fileKey,
      api: { ...api, presignParts: (id, numbers, signal) => api.presignParts(id, numbers, signal) },
      seal: async (fileId) => ({
        wrappedFileKey: await wrapFileKey(rootParent(rootKey, userId), fileKeyBytes, fileId),
        encryptedMetadata: await encryptMetadata(fileKey, fileId, metadata),
      }),
      parallelism: 2,
      onProgress: () => void parts++,
    });
    expect(file.status).toBe('ready');
    expect(parts).toBeGreaterThanOrEqual(3);

    // Another device: only what the server returns, plus the root key.
    const stored = await api.get(file.id);
    const openedKey = await unwrapFileKey(rootParent(rootKey, userId), fromBase64Url(stored.wrappedFileKey!), stored.id);
    expect(await decryptMetadata(openedKey, stored.id, fromBase64Url(stored.encryptedMetadata!))).toEqual(metadata);
    const pieces: Uint8Array[] = [];
    let closed = false;
    await downloadFile({
      fileId: stored.id, fileKey: openedKey, api,
      sink: new WritableStream({ write: (p) => void pieces.push(p.slice()), close: () => void (closed = true) }),
    });
    expect(closed).toBe(true);
    expect(Buffer.from(concatBytes(...pieces)).equals(plaintext)).toBe(true);
  });

  it('a cancelled upload leaves nothing behind: no row, no reservation', async () => {
    const api = serviceApi();
    const controller = new AbortController();
    let createdId: string | undefined;
    const before = await getUsage(deps.db, userId, deps.quotaBytes);
    const result = uploadFile({
      source: new Blob([new Uint8Array(randomBytes(6 * MiB))]),
      fileKey: await importFileKey(generateFileKeyBytes()),
      api: { ...api, createUpload: async (body) => {
        const created = await api.createUpload(body);
        createdId = created.id;
        return created;
      } },
      seal: async () => ({ wrappedFileKey: new Uint8Array(61), encryptedMetadata: new Uint8Array(30) }),
      signal: controller.signal,
      putPart: async (_part, _body, { signal }) => {
        controller.abort();
        signal.throwIfAborted();
        return { status: 200, etag: null };
      },
    });
    await expect(result).rejects.toMatchObject({ name: 'AbortError' });
    expect(createdId).toBeDefined();
    expect(await errorCode(getFile(deps, userId, createdId!))).toBe('not_found');
    expect(await getUsage(deps.db, userId, deps.quotaBytes)).toEqual(before);
  });
});
