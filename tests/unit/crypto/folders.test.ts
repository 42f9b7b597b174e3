// Attacks on folders (docs/format.md §2.1): a server that moves wrapped keys,
// grafts or injects folders, or swaps folder metadata. Each must be refused.
import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url, toHex } from '@/lib/crypto/bytes';
import { IntegrityError } from '@/lib/crypto/errors';
import { createFileKey, rewrapFileKey, unwrapFileKey, unwrapFileKeyBytes } from '@/lib/crypto/file-key';
import {
  decryptFolderMetadata, encryptFolderMetadata, generateFolderKeyBytes, importFolderKeys, isValidFolderName, rewrapFolderKey, unwrapFolderKeyBytes, wrapFolderKey,
} from '@/lib/crypto/folder-key';
import { folderParent, rootParent, type FolderKeys, type KeyParent } from '@/lib/crypto/key-parent';
import { decryptMetadata, encryptMetadata } from '@/lib/crypto/metadata';
import { generateAesGcmKey } from '@/lib/crypto/subtle';
import { decryptFileBytes, encryptFileBytes } from '@/lib/crypto/whole-file';
import type { UnlockedVault } from '@/lib/client/account/vault-keys';
import { openFoldersBelow, openTree, VaultTree } from '@/lib/client/folders/tree';
import type { FolderJson } from '@/lib/shared/folders';

const ownerId = 'user-alice';
const at = '2026-01-01T00:00:00.000Z';

async function rootKey(): Promise<CryptoKey> {
  return generateAesGcmKey(false, ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey']);
}

interface Made { row: FolderJson; keys: FolderKeys; bytes: Uint8Array }

async function makeFolder(parent: KeyParent, parentId: string | null, name: string, id = crypto.randomUUID()): Promise<Made> {
  const bytes = generateFolderKeyBytes();
  const keys = await importFolderKeys(bytes, id);
  const row: FolderJson = {
    id, parentId, trashedAt: null, createdAt: at, updatedAt: at,
    wrappedFolderKey: toBase64Url(await wrapFolderKey(parent, bytes, id)),
    encryptedMetadata: toBase64Url(await encryptFolderMetadata(keys, { name, mtime: 0 })),
  };
  return { row, keys, bytes };
}

function vaultWith(key: CryptoKey): UnlockedVault {
  return { userId: ownerId, keys: { rootKey: key } } as unknown as UnlockedVault;
}

describe('wrapped file keys are bound to their folder', () => {
  it('a file key the server moves into another folder does not unwrap there', async () => {
    const root = rootParent(await rootKey(), ownerId);
    const a = await makeFolder(root, null, 'A');
    const b = await makeFolder(root, null, 'B');
    const fileKey = await createFileKey();
    const wrapped = await fileKey.wrap(folderParent(a.keys), 'file-1');
    await expect(unwrapFileKey(folderParent(a.keys), wrapped, 'file-1')).resolves.toBeDefined();
    await expect(unwrapFileKey(folderParent(b.keys), wrapped, 'file-1')).rejects.toBeInstanceOf(IntegrityError);
    await expect(unwrapFileKey(root, wrapped, 'file-1')).rejects.toBeInstanceOf(IntegrityError);
    // Same wrap key, only the folder id in the AAD differs: the id binding alone refuses it.
    const relabelled: FolderKeys = { ...a.keys, folderId: b.keys.folderId };
    await expect(unwrapFileKey(folderParent(relabelled), wrapped, 'file-1')).rejects.toBeInstanceOf(IntegrityError);
  });

  it('a top-level file key presented inside a folder does not unwrap', async () => {
    const key = await rootKey();
    const root = rootParent(key, ownerId);
    const a = await makeFolder(root, null, 'A');
    const wrapped = await (await createFileKey()).wrap(root, 'file-1');
    await expect(unwrapFileKey(folderParent(a.keys), wrapped, 'file-1')).rejects.toBeInstanceOf(IntegrityError);
  });
});

describe('openTree refuses what the server grafts or injects', () => {
  async function tree() {
    const key = await rootKey();
    const root = rootParent(key, ownerId);
    const top = await makeFolder(root, null, 'Top');
    const child = await makeFolder(folderParent(top.keys), top.row.id, 'Child');
    const grandchild = await makeFolder(folderParent(child.keys), child.row.id, 'Grandchild');
    const other = await makeFolder(root, null, 'Other');
    return { key, root, top, child, grandchild, other };
  }

  it('opens an honest tree whole', async () => {
    const t = await tree();
    const opened = await openTree(vaultWith(t.key), [t.top.row, t.child.row, t.grandchild.row, t.other.row]);
    expect(opened.refused).toEqual([]);
    expect(opened.pathName(t.grandchild.row.id)).toBe('Top/Child/Grandchild');
  });

  it('a folder wrapped under a key the client does not hold is refused with its subtree', async () => {
    const t = await tree();
    const stranger = rootParent(await rootKey(), ownerId);
    const injected = await makeFolder(stranger, null, 'Injected');
    const below = await makeFolder(folderParent(injected.keys), injected.row.id, 'Below injected');
    const opened = await openTree(vaultWith(t.key), [t.top.row, t.child.row, injected.row, below.row, t.other.row]);
    expect(opened.refused.map((r) => r.id).sort()).toEqual([injected.row.id, below.row.id].sort());
    const names = [...opened.folders.values()].map((f) => f.name);
    expect(names).not.toContain('Injected');
    expect(names).not.toContain('Below injected');
    expect(names.sort()).toEqual(['Child', 'Other', 'Top']);
  });

  it('a real folder re-parented by the server without a re-wrap is refused with its subtree', async () => {
    const t = await tree();
    const grafted = { ...t.child.row, parentId: t.other.row.id };
    const opened = await openTree(vaultWith(t.key), [t.top.row, grafted, t.grandchild.row, t.other.row]);
    expect(opened.refused.map((r) => r.id).sort()).toEqual([t.child.row.id, t.grandchild.row.id].sort());
    const names = [...opened.folders.values()].map((f) => f.name);
    expect(names).not.toContain('Child');
    expect(names).not.toContain('Grandchild');
    expect(names.sort()).toEqual(['Other', 'Top']);
    // Moved to the top level instead: refused too.
    const toTop = await openTree(vaultWith(t.key), [t.top.row, { ...t.child.row, parentId: null }, t.grandchild.row, t.other.row]);
    expect(toTop.refused.map((r) => r.id).sort()).toEqual([t.child.row.id, t.grandchild.row.id].sort());
  });

  it('a folder carrying another folder\'s metadata is refused', async () => {
    const t = await tree();
    const swapped = { ...t.other.row, encryptedMetadata: t.top.row.encryptedMetadata };
    const opened = await openTree(vaultWith(t.key), [t.top.row, t.child.row, swapped]);
    expect(opened.refused).toEqual([{ id: t.other.row.id, parentId: null, reason: 'metadata' }]);
    expect([...opened.folders.values()].filter((f) => f.name === 'Top')).toHaveLength(1);
  });
});

describe('a folder-share recipient opens only below the shared folder', () => {
  it('opens the subtree under the shared key and refuses a folder the server re-parents into it', async () => {
    const key = await rootKey();
    const root = rootParent(key, ownerId);
    const shared = await makeFolder(root, null, 'Shared');
    const child = await makeFolder(folderParent(shared.keys), shared.row.id, 'Child');
    const grandchild = await makeFolder(folderParent(child.keys), child.row.id, 'Grandchild');
    const outside = await makeFolder(root, null, 'Outside');
    // The recipient holds only the shared folder's keys, as the envelope gives them.
    const tree = new VaultTree(folderParent(shared.keys));
    tree.folders.set(shared.row.id, { id: shared.row.id, parentId: null, name: 'Shared', keys: shared.keys, parent: tree.root, wrappedFolderKey: new Uint8Array(0), trashedAt: null, createdAt: at });
    const moved = { ...outside.row, parentId: shared.row.id };
    await openFoldersBelow(tree, shared.row.id, tree.root, [child.row, grandchild.row, moved]);
    expect(tree.pathName(grandchild.row.id)).toBe('Shared/Child/Grandchild');
    expect(tree.refused).toEqual([{ id: outside.row.id, parentId: shared.row.id, reason: 'key' }]);
    expect([...tree.folders.values()].map((f) => f.name)).not.toContain('Outside');
  });
});

describe('moving re-wraps one key and keeps it', () => {
  it('content and metadata encrypted before a file moves decrypt after it', async () => {
    const root = rootParent(await rootKey(), ownerId);
    const a = await makeFolder(root, null, 'A');
    const b = await makeFolder(root, null, 'B');
    const fileKey = await createFileKey();
    const wrapped = await fileKey.wrap(folderParent(a.keys), 'file-1');
    const plaintext = crypto.getRandomValues(new Uint8Array(3000));
    const ciphertext = await encryptFileBytes(fileKey.key, plaintext, { chunkSize: 1024 });
    const metadata = await encryptMetadata(fileKey.key, 'file-1', { name: 'a.txt', type: 'text/plain', size: 3000, mtime: 0 });
    fileKey.zero();
    const moved = await rewrapFileKey(folderParent(a.keys), folderParent(b.keys), wrapped, 'file-1');
    const before = await unwrapFileKeyBytes(folderParent(a.keys), wrapped, 'file-1');
    expect(toHex(await unwrapFileKeyBytes(folderParent(b.keys), moved, 'file-1'))).toBe(toHex(before));
    const keyAfter = await unwrapFileKey(folderParent(b.keys), moved, 'file-1');
    expect(toHex(await decryptFileBytes(keyAfter, ciphertext))).toBe(toHex(plaintext));
    expect((await decryptMetadata(keyAfter, 'file-1', metadata)).name).toBe('a.txt');
    await expect(unwrapFileKey(folderParent(a.keys), moved, 'file-1')).rejects.toBeInstanceOf(IntegrityError);
  });

  it('a moved folder keeps its key, so its children still open', async () => {
    const root = rootParent(await rootKey(), ownerId);
    const a = await makeFolder(root, null, 'A');
    const b = await makeFolder(root, null, 'B');
    const moving = await makeFolder(folderParent(a.keys), a.row.id, 'Moving');
    const fileWrapped = await (await createFileKey()).wrap(folderParent(moving.keys), 'file-1');
    const moved = await rewrapFolderKey(folderParent(a.keys), folderParent(b.keys), fromBase64Url(moving.row.wrappedFolderKey), moving.row.id);
    const bytes = await unwrapFolderKeyBytes(folderParent(b.keys), moved, moving.row.id);
    expect(toHex(bytes)).toBe(toHex(moving.bytes));
    const keys = await importFolderKeys(bytes, moving.row.id);
    await expect(unwrapFileKey(folderParent(keys), fileWrapped, 'file-1')).resolves.toBeDefined();
  });
});

describe('folder metadata is bound to its folder', () => {
  it('metadata of folder A placed on folder B is refused', async () => {
    const root = rootParent(await rootKey(), ownerId);
    const a = await makeFolder(root, null, 'A');
    const b = await makeFolder(root, null, 'B');
    const blobA = fromBase64Url(a.row.encryptedMetadata);
    await expect(decryptFolderMetadata(a.keys, blobA)).resolves.toEqual({ name: 'A', mtime: 0 });
    await expect(decryptFolderMetadata(b.keys, blobA)).rejects.toBeInstanceOf(IntegrityError);
    // Same key, other id: the AAD's folder id alone refuses it.
    await expect(decryptFolderMetadata({ ...a.keys, folderId: b.keys.folderId }, blobA)).rejects.toBeInstanceOf(IntegrityError);
  });
});

describe('isValidFolderName', () => {
  it.each(['Taxes', '2026 – Résumés', 'a.b', '...', 'é'.repeat(127), 'x'.repeat(255), 'in the middle ok'])('accepts %j', (name) => {
    expect(isValidFolderName(name)).toBe(true);
  });
  it.each(['', '.', '..', 'a/b', '/', ' a', 'a ', '\ta', 'a\u00a0', '\u3000a', 'a\u0000b', 'a\u001fb', 'a\u007fb', 'a\nb', 'x'.repeat(256), 'é'.repeat(128)])(
    'refuses %j', (name) => {
      expect(isValidFolderName(name)).toBe(false);
    },
  );
  it('encryptFolderMetadata refuses an invalid name', async () => {
    const keys = await importFolderKeys(generateFolderKeyBytes(), 'f');
    await expect(encryptFolderMetadata(keys, { name: 'a/b', mtime: 0 })).rejects.toBeInstanceOf(TypeError);
  });
});
