// The sharing flow in lib/client/sharing with real crypto and a fake server
// (the API module is mocked): a share sealed by the owner opens and pins the
// sender; an envelope signed by someone else, a random one, and a sender whose
// pinned key changed are refused with a reason; a changed recipient key blocks
// sharing until re-verified; keys whose binding does not verify are refused.
import { rootParent } from '@/lib/crypto/key-parent';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fromBase64Url, toBase64Url } from '@/lib/crypto/bytes';
import { generateFileKeyBytes, importFileKey, wrapFileKey } from '@/lib/crypto/file-key';
import { ciphertextSizeFromPlaintextSize } from '@/lib/crypto/file-format';
import { encryptMetadata } from '@/lib/crypto/metadata';
import { generateRootKeyForWrapping } from '@/lib/crypto/root-key';
import { exportPublicKeyRaw, generateUserKeyPairsForWrapping, signHpkeKeyBinding } from '@/lib/crypto/user-keys';
import { sealShareEnvelope } from '@/lib/crypto/envelope';
import type { UnlockedVault } from '@/lib/client/account/vault-keys';
import type { FileJson } from '@/lib/shared/files';
import type { PublicKeysJson, SharedFileJson } from '@/lib/shared/shares';

const server = vi.hoisted(() => ({
  contacts: new Map<string, string | null>(),
  current: '',
  directory: new Map<string, unknown>(),
  created: [] as Array<{ fileId: string; recipientId: string; envelope: string }>,
}));
vi.mock('@/lib/client/sharing/api', () => ({
  sharingApi: {
    getContacts: async () => server.contacts.get(server.current) ?? null,
    putContacts: async (blob: string) => void server.contacts.set(server.current, blob),
    lookup: async (email: string) => server.directory.get(email),
    create: async (fileId: string, recipientId: string, envelope: string) => {
      server.created.push({ fileId, recipientId, envelope });
      return { id: crypto.randomUUID(), fileId, recipientId, recipientEmail: 'x', createdAt: new Date().toISOString() };
    },
  },
}));
const { shareFile, prepareShare } = await import('@/lib/client/sharing/share-file');
const { openSharedFiles } = await import('@/lib/client/sharing/open-shared');

async function makeUser(userId: string, email: string): Promise<{ vault: UnlockedVault; keys: PublicKeysJson }> {
  const pairs = await generateUserKeyPairsForWrapping();
  const identityRaw = await exportPublicKeyRaw(pairs.identity.publicKey);
  const hpkeRaw = await exportPublicKeyRaw(pairs.hpke.publicKey);
  const vault = {
    userId, email, identityPublicKeyRaw: identityRaw, keyCheckName: 'x',
    keys: { rootKey: await generateRootKeyForWrapping(), hpke: pairs.hpke, identity: pairs.identity },
  } as UnlockedVault;
  const keys = {
    userId,
    identityPublicKey: toBase64Url(identityRaw),
    hpkePublicKey: toBase64Url(hpkeRaw),
    hpkeKeyBindingSignature: toBase64Url(await signHpkeKeyBinding(pairs.identity.privateKey, userId, hpkeRaw)),
  };
  return { vault, keys };
}

async function ownedFile(owner: UnlockedVault, name: string): Promise<{ row: FileJson; fileKeyBytes: Uint8Array }> {
  const id = crypto.randomUUID();
  const fileKeyBytes = generateFileKeyBytes();
  const fileKey = await importFileKey(fileKeyBytes);
  const metadata = await encryptMetadata(fileKey, id, { name, type: 'text/plain', size: 0, mtime: 0 });
  const now = new Date().toISOString();
  return {
    fileKeyBytes,
    row: {
      id, status: 'ready', ciphertextSize: ciphertextSizeFromPlaintextSize(0, 65536), chunkSize: 65536, createdAt: now, updatedAt: now, completedAt: now, folderId: null, trashedAt: null,
      encryptedMetadata: toBase64Url(metadata),
      wrappedFileKey: toBase64Url(await wrapFileKey(rootParent(owner.keys.rootKey, owner.userId), fileKeyBytes.slice(), id)),
    },
  };
}

function asShared(row: FileJson, sender: { vault: UnlockedVault; keys: PublicKeysJson }, envelope: string): SharedFileJson {
  return {
    shareId: crypto.randomUUID(), senderId: sender.vault.userId, senderEmail: sender.vault.email,
    senderIdentityPublicKey: sender.keys.identityPublicKey, ownerEmail: sender.vault.email, envelope, canReshare: false, canDelete: false,
    createdAt: row.createdAt, file: { ...row, wrappedFileKey: null },
  };
}

let alice: Awaited<ReturnType<typeof makeUser>>;
let bob: Awaited<ReturnType<typeof makeUser>>;
let mallory: Awaited<ReturnType<typeof makeUser>>;
beforeEach(async () => {
  server.contacts.clear();
  server.directory.clear();
  server.created.length = 0;
  alice = await makeUser('alice-id', 'alice@example.test');
  bob = await makeUser('bob-id', 'bob@example.test');
  mallory = await makeUser('mallory-id', 'mallory@example.test');
  server.directory.set('bob@example.test', bob.keys);
});

describe('sharing flow', () => {
  it('A shares with B (pinning B), B opens it (pinning A) and reads the name', async () => {
    const { row } = await ownedFile(alice.vault, 'plan.txt');
    server.current = 'alice-id';
    const prepared = await prepareShare(alice.vault, 'bob@example.test');
    expect(prepared.pin.status).toBe('new');
    expect(prepared.safetyNumber).toMatch(/^(\d{5} ){11}\d{5}$/);
    await shareFile(alice.vault, rootParent(alice.vault.keys.rootKey, alice.vault.userId), row, prepared);
    expect(server.created).toHaveLength(1);
    expect((await prepareShare(alice.vault, 'bob@example.test')).pin.status).toBe('match');

    server.current = 'bob-id';
    const [opened] = await openSharedFiles(bob.vault, [asShared(row, alice, server.created[0]!.envelope)]);
    expect(opened?.ok ? opened.file.metadata.name : opened?.reason).toBe('plan.txt');
    // One number, the same on both sides (format.md §7.1).
    expect(opened?.ok ? opened.safetyNumber : undefined).toBe(prepared.safetyNumber);
    expect(server.contacts.get('bob-id')).toBeTruthy();
  });

  it('blocks sharing when B\'s pinned identity key changed, until re-verified', async () => {
    const { row } = await ownedFile(alice.vault, 'plan.txt');
    server.current = 'alice-id';
    await shareFile(alice.vault, rootParent(alice.vault.keys.rootKey, alice.vault.userId), row, await prepareShare(alice.vault, 'bob@example.test'));
    // The server now hands out Mallory's keys, re-signed for Bob's id by Mallory.
    const hpkeRaw = fromBase64Url(mallory.keys.hpkePublicKey);
    server.directory.set('bob@example.test', {
      ...mallory.keys, userId: 'bob-id',
      hpkeKeyBindingSignature: toBase64Url(await signHpkeKeyBinding(mallory.vault.keys.identity.privateKey, 'bob-id', hpkeRaw)),
    });
    const { row: second } = await ownedFile(alice.vault, 'second.txt');
    const prepared = await prepareShare(alice.vault, 'bob@example.test');
    expect(prepared.pin.status).toBe('changed');
    await expect(shareFile(alice.vault, rootParent(alice.vault.keys.rootKey, alice.vault.userId), second, prepared)).rejects.toThrow(/identity key of bob@example.test changed/);
    expect(server.created).toHaveLength(1);
    await shareFile(alice.vault, rootParent(alice.vault.keys.rootKey, alice.vault.userId), second, prepared, { reverified: true });
    expect(server.created).toHaveLength(2);
    expect((await prepareShare(alice.vault, 'bob@example.test')).pin.status).toBe('match');
  });

  it('refuses keys whose HPKE key is not signed by the presented identity key', async () => {
    const { row } = await ownedFile(alice.vault, 'plan.txt');
    server.current = 'alice-id';
    server.directory.set('bob@example.test', { ...bob.keys, hpkePublicKey: mallory.keys.hpkePublicKey });
    await expect(shareFile(alice.vault, rootParent(alice.vault.keys.rootKey, alice.vault.userId), row, await prepareShare(alice.vault, 'bob@example.test'))).rejects.toThrow(/not signed by their identity key/);
    expect(server.created).toHaveLength(0);
  });

  it('B refuses an envelope signed by someone other than the owner, and a random one, with a reason', async () => {
    const { row, fileKeyBytes } = await ownedFile(alice.vault, 'plan.txt');
    const byMallory = await sealShareEnvelope({
      fileKeyBytes, ids: { fileId: row.id, senderId: 'alice-id', recipientId: 'bob-id' },
      recipient: { identityPublicKeyRaw: fromBase64Url(bob.keys.identityPublicKey), hpkePublicKeyRaw: fromBase64Url(bob.keys.hpkePublicKey), hpkeKeyBindingSignature: fromBase64Url(bob.keys.hpkeKeyBindingSignature) },
      senderIdentityPrivateKey: mallory.vault.keys.identity.privateKey,
    });
    const random = new Uint8Array(178);
    crypto.getRandomValues(random);
    random[0] = 1;
    server.current = 'bob-id';
    const results = await openSharedFiles(bob.vault, [asShared(row, alice, toBase64Url(byMallory)), asShared(row, alice, toBase64Url(random))]);
    for (const r of results) {
      expect(r.ok).toBe(false);
      expect(!r.ok && r.reason).toMatch(/not signed by alice@example.test/);
    }
    expect(server.contacts.get('bob-id') ?? null).toBeNull(); // nothing pinned from a refused share
  });

  it('B refuses a share when the sender\'s identity key differs from the pinned one', async () => {
    const { row } = await ownedFile(alice.vault, 'plan.txt');
    server.current = 'alice-id';
    await shareFile(alice.vault, rootParent(alice.vault.keys.rootKey, alice.vault.userId), row, await prepareShare(alice.vault, 'bob@example.test'));
    server.current = 'bob-id';
    const good = asShared(row, alice, server.created[0]!.envelope);
    expect((await openSharedFiles(bob.vault, [good]))[0]?.ok).toBe(true);
    const swapped = { ...good, senderIdentityPublicKey: mallory.keys.identityPublicKey };
    const [r] = await openSharedFiles(bob.vault, [swapped]);
    expect(!r?.ok && r?.reason).toMatch(/identity key changed/);
  });
});
