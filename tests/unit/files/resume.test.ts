// Resumable uploads (docs/uploads.md, format.md §1.6): acknowledged parts are
// skipped, re-sent parts are byte-identical to what was sent before, and a
// re-selected file whose plaintext differs anywhere already sent starts over
// under a new key and salt instead of reusing nonces.
import { rootParent } from '@/lib/crypto/key-parent';
import { describe, expect, it } from 'vitest';
import type { UnlockedVault } from '@/lib/client/account/vault-keys';
import { inThreadPartEncryptor } from '@/lib/client/files/upload/part-encryptor';
import { memoryKeyValue, ResumeStore } from '@/lib/client/files/upload/resume-store';
import { ResumeMismatchError, UploadInterruptedError } from '@/lib/client/files/upload/upload-errors';
import { createUploadManager } from '@/lib/client/files/upload/upload-manager';
import { fromBase64Url } from '@/lib/crypto/bytes';
import { encryptCiphertextRange } from '@/lib/crypto/encrypt-range';
import { createEncryptStream } from '@/lib/crypto/encrypt-stream';
import { createFileContext } from '@/lib/crypto/file-context';
import { generateFileKeyBytes, importFileKey, unwrapFileKey } from '@/lib/crypto/file-key';
import { ciphertextSizeFromPlaintextSize } from '@/lib/crypto/file-format';
import { plaintextSpanForCiphertextRange } from '@/lib/crypto/encrypt-range';
import { generateAesGcmKey } from '@/lib/crypto/subtle';
import { decryptFileBytes } from '@/lib/crypto/whole-file';
import { FakeStore, FILE_ID } from './fake-store';

const USER = 'user-1';
const PART = 40_000;
const NAME = 'report.pdf';
const MTIME = 1_700_000_000_000;
// The manager's default chunk size is 256 KiB; these tests use files of a few
// chunks of it so parts (5000 bytes) cut through chunks at many offsets.
const fastRetry = { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 };

function pattern(n: number, seed = 0): Uint8Array<ArrayBuffer> {
  return Uint8Array.from({ length: n }, (_, i) => (i * 131 + seed * 7 + (i >> 9)) & 0xff);
}

async function setup(plaintext: Uint8Array<ArrayBuffer>, failingPart: number) {
  const vault = { userId: USER, keys: { rootKey: await generateAesGcmKey(false, ['encrypt', 'decrypt']) } } as unknown as UnlockedVault;
  const store = new FakeStore(PART, 2);
  const resume = new ResumeStore(memoryKeyValue());
  const manager = createUploadManager({
    api: store.api, store: async () => resume, encryptor: () => inThreadPartEncryptor, putPart: store.putPart, retry: fastRetry, random: () => 1,
  });
  // The store refuses one part for every try: the network "goes away" there.
  store.script.set(failingPart, Array.from({ length: fastRetry.attempts }, () => 'network' as const));
  const first = await manager.startUpload(vault, new File([plaintext], NAME, { lastModified: MTIME }), { parallelism: 1 }).catch((e: unknown) => e);
  expect(first).toBeInstanceOf(UploadInterruptedError);
  store.script.clear();
  return { vault, store, resume, manager, sentBefore: store.attempts.length };
}

async function plaintextOf(store: FakeStore, vault: UnlockedVault, fileId: string): Promise<Uint8Array> {
  const fileKey = await unwrapFileKey(rootParent(vault.keys.rootKey, USER), fromBase64Url(store.completed!.wrappedFileKey), fileId);
  return decryptFileBytes(fileKey, store.object());
}

const small = 3 * 256 * 1024 + 777; // 4 chunks of the default size; 20 parts of 40,000 bytes

describe('resumeUpload', () => {
  it('skips acknowledged parts and re-sends the started one byte for byte', async () => {
    const plaintext = pattern(small);
    const { vault, store, manager, sentBefore } = await setup(plaintext, 4);
    const listed = await manager.listResumable(vault);
    expect(listed).toEqual([expect.objectContaining({ id: FILE_ID, name: NAME, size: small, uploadedBytes: 3 * PART })]);
    const firstTry = store.attempts.find((a) => a.partNumber === 4)!.body;

    const ready = await manager.resumeUpload(vault, FILE_ID, new File([plaintext], NAME, { lastModified: MTIME }), { parallelism: 3 });
    expect(ready.id).toBe(FILE_ID);
    const resent = store.attempts.slice(sentBefore);
    expect(resent.map((a) => a.partNumber).sort((a, b) => a - b)).toEqual(Array.from({ length: store.partCount() - 3 }, (_, i) => i + 4));
    expect(resent.find((a) => a.partNumber === 4)!.body).toEqual(firstTry);
    expect(store.completed!.parts).toHaveLength(store.partCount());
    expect(await plaintextOf(store, vault, FILE_ID)).toEqual(plaintext);
    expect(store.removed).toEqual([]);
    expect(await manager.listResumable(vault)).toEqual([]);
  });

  it('starts over under a new key and salt when a started part’s plaintext changed', async () => {
    const plaintext = pattern(small);
    const { vault, store, manager, sentBefore } = await setup(plaintext, 4);
    const changed = plaintext.slice();
    changed[3 * PART + 100]! ^= 1; // inside part 4's span (it was started, never acknowledged)
    const oldHeader = store.attempts.find((a) => a.partNumber === 1)!.body.slice(0, 74);

    const ready = await manager.resumeUpload(vault, FILE_ID, new File([changed], NAME, { lastModified: MTIME }));
    expect(ready.id).not.toBe(FILE_ID);
    expect(store.removed).toEqual([FILE_ID]);
    // Nothing more was sent under the old upload: the mismatch was found before encrypting.
    expect(store.attempts.slice(sentBefore).every((a) => a.fileId === ready.id)).toBe(true);
    const newHeader = store.object().slice(0, 74);
    expect(newHeader.slice(10, 42)).not.toEqual(oldHeader.slice(10, 42)); // a new salt
    expect(await plaintextOf(store, vault, ready.id)).toEqual(changed);
  });

  it('also starts over when an acknowledged part changed, before sending anything', async () => {
    const plaintext = pattern(small);
    const { vault, store, manager, sentBefore } = await setup(plaintext, 4);
    const changed = plaintext.slice();
    changed[PART + 10]! ^= 0x80; // part 2: acknowledged
    const ready = await manager.resumeUpload(vault, FILE_ID, new File([changed], NAME, { lastModified: MTIME }));
    expect(ready.id).not.toBe(FILE_ID);
    expect(store.attempts.slice(sentBefore).some((a) => a.fileId === FILE_ID)).toBe(false);
    expect(await plaintextOf(store, vault, ready.id)).toEqual(changed);
  });

  it('treats a newer lastModified as a new file, and refuses another name or size', async () => {
    const plaintext = pattern(small);
    const { vault, store, manager, resume } = await setup(plaintext, 2);
    await expect(manager.resumeUpload(vault, FILE_ID, new File([plaintext], 'other.pdf', { lastModified: MTIME }))).rejects.toBeInstanceOf(ResumeMismatchError);
    await expect(manager.resumeUpload(vault, FILE_ID, new File([plaintext.subarray(1)], NAME, { lastModified: MTIME }))).rejects.toBeInstanceOf(ResumeMismatchError);
    expect(await resume.load(FILE_ID)).toBeDefined(); // still resumable
    const ready = await manager.resumeUpload(vault, FILE_ID, new File([plaintext], NAME, { lastModified: MTIME + 1 }));
    expect(ready.id).not.toBe(FILE_ID);
    expect(store.removed).toEqual([FILE_ID]);
  });

  it('discardResumable aborts on the server and forgets the upload', async () => {
    const { vault, store, manager } = await setup(pattern(small), 3);
    await manager.discardResumable(vault, FILE_ID);
    expect(store.removed).toEqual([FILE_ID]);
    expect(await manager.listResumable(vault)).toEqual([]);
  });

  it('records a part’s plaintext hash before its first byte is sent', async () => {
    const plaintext = pattern(small);
    const { resume } = await setup(plaintext, 4);
    const parts = await resume.parts(FILE_ID);
    expect([...parts.keys()].sort((a, b) => a - b)).toEqual([1, 2, 3, 4]);
    expect(parts.get(4)).toEqual({ plaintextSha256: expect.any(Uint8Array) });
    expect(parts.get(3)?.etag).toBe('"etag-3"');
  });
});

describe('encryptCiphertextRange', () => {
  it('produces exactly the streaming ciphertext, range by range, at any cut points', async () => {
    const fileKey = await importFileKey(generateFileKeyBytes());
    const chunkSize = 1024;
    for (const size of [0, 1, 1023, 1024, 1025, 5000, 20_000]) {
      const plaintext = pattern(size, size);
      const salt = pattern(32, 9);
      const stream = new Blob([plaintext]).stream().pipeThrough(createEncryptStream(fileKey, { chunkSize, unsafeDeterministic: { salt } }));
      const expected = new Uint8Array(await new Response(stream).arrayBuffer());
      const context = await createFileContext(fileKey, chunkSize, { salt });
      const total = ciphertextSizeFromPlaintextSize(size, chunkSize);
      expect(expected.length).toBe(total);
      for (const partSize of [50, 74, 1040, 1041, 3000, total]) {
        for (let start = 0; start < total; start += partSize) {
          const end = Math.min(start + partSize, total);
          const span = plaintextSpanForCiphertextRange(start, end, chunkSize, size);
          const part = await encryptCiphertextRange(context, size, start, end, plaintext.subarray(span.plaintextStart, span.plaintextEnd));
          expect(part).toEqual(expected.subarray(start, end));
        }
      }
    }
  });

  it('re-encrypting identical plaintext under the same header gives identical bytes; the engine refuses different plaintext', async () => {
    const fileKey = await importFileKey(generateFileKeyBytes());
    const { headerBytes } = await createFileContext(fileKey, 1024);
    const source = new Blob([pattern(10_000)]);
    const request = { fileKey, headerBytes, source, byteStart: 3000, byteEnd: 6000 };
    const a = await inThreadPartEncryptor.encrypt(request);
    const b = await inThreadPartEncryptor.encrypt({ ...request, expectedSha256: a.plaintextSha256 });
    if (!a.ok || !b.ok) throw new Error('both encryptions should succeed');
    expect(b.plaintextSha256).toEqual(a.plaintextSha256);
    expect(new Uint8Array(await b.ciphertext.arrayBuffer())).toEqual(new Uint8Array(await a.ciphertext.arrayBuffer()));
    const changed = pattern(10_000);
    changed[4000]! ^= 1;
    const refused = await inThreadPartEncryptor.encrypt({ ...request, source: new Blob([changed]), expectedSha256: a.plaintextSha256 });
    expect(refused).toEqual({ ok: false, plaintextSha256: expect.any(Uint8Array) });
    expect('ciphertext' in refused).toBe(false);
  });
});

describe('Cancel', () => {
  // A part whose transfer never winds down (a hung PUT, a slow staging
  // write): the release must not wait for it, or a reload right after
  // Cancel leaves a ghost upload holding quota (docs/uploads.md).
  it('releases the upload on the server and forgets it here at once, without waiting for running parts', async () => {
    const vault = { userId: USER, keys: { rootKey: await generateAesGcmKey(false, ['encrypt', 'decrypt']) } } as unknown as UnlockedVault;
    const store = new FakeStore(PART, 2);
    const removals: Array<{ id: string; keepalive?: boolean }> = [];
    store.api.remove = async (id, options) => void removals.push({ id, keepalive: options?.keepalive });
    let putStarted = () => {};
    const started = new Promise<void>((resolve) => (putStarted = resolve));
    store.onPut = () => (putStarted(), new Promise<never>(() => {})); // hangs, even when aborted
    const resume = new ResumeStore(memoryKeyValue());
    const manager = createUploadManager({ api: store.api, store: async () => resume, encryptor: () => inThreadPartEncryptor, putPart: store.putPart, retry: fastRetry });
    const controller = new AbortController();
    void manager.startUpload(vault, new File([pattern(small)], NAME, { lastModified: MTIME }), { parallelism: 1, signal: controller.signal }).catch(() => {});
    await started;
    expect(await resume.list(USER)).toHaveLength(1);

    controller.abort(new DOMException('cancelled', 'AbortError'));
    // Sent in the same turn as the click, with keepalive so a reload does not cut it off.
    expect(removals).toEqual([{ id: FILE_ID, keepalive: true }]);
    await expect.poll(() => resume.list(USER)).toEqual([]);
  });
});
