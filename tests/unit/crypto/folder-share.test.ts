// Folder-share envelopes (docs/format.md §2.1): they open only as a folder
// share, for the folder, sender and recipient they were sealed for, and the
// folder key they give derives the keys that open the folder's subtree.
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccountKeys, type OpenAccountKeys, type StoredAccountKeys } from '@/lib/crypto/account-keys';
import { openShareEnvelope, sealShareEnvelope } from '@/lib/crypto/envelope';
import { IntegrityError } from '@/lib/crypto/errors';
import { generateFileKeyBytes, unwrapFileKeyBytes, wrapFileKey } from '@/lib/crypto/file-key';
import { decryptFolderMetadata, encryptFolderMetadata, generateFolderKeyBytes, importFolderKeys } from '@/lib/crypto/folder-key';
import { openFolderShareEnvelope, openFolderShareEnvelopeBytes, sealFolderShareEnvelope, type FolderShareIds } from '@/lib/crypto/folder-share-envelope';
import { folderParent } from '@/lib/crypto/key-parent';
import { flipBit } from './helpers';

const rejects = (promise: Promise<unknown>) => expect(promise).rejects.toBeInstanceOf(IntegrityError);
type Party = { stored: StoredAccountKeys; open: OpenAccountKeys };

describe('folder-share envelopes', () => {
  let alice: Party;
  let bob: Party;
  let carol: Party;
  const ids: FolderShareIds = { folderId: 'folder-1', senderId: 'alice', recipientId: 'bob' };
  const folderKeyBytes = generateFolderKeyBytes();
  let envelope: Uint8Array;

  beforeAll(async () => {
    alice = await createAccountKeys(new Uint8Array(64).fill(1), 'alice');
    bob = await createAccountKeys(new Uint8Array(64).fill(2), 'bob');
    carol = await createAccountKeys(new Uint8Array(64).fill(3), 'carol');
    envelope = await sealFolderShareEnvelope({ folderKeyBytes, ids, recipient: bob.stored, senderIdentityPrivateKey: alice.open.identity.privateKey });
  });

  const open = (env: Uint8Array, over: Partial<FolderShareIds> = {}, recipient = bob, senderRaw = alice.stored.identityPublicKeyRaw) =>
    openFolderShareEnvelopeBytes({ envelope: env, ids: { ...ids, ...over }, recipientHpkeKeyPair: recipient.open.hpke, senderIdentityPublicKeyRaw: senderRaw });

  it('opens for the right recipient, and its key opens what the owner put in the folder', async () => {
    expect(await open(envelope)).toEqual(folderKeyBytes);
    const ownerKeys = await importFolderKeys(folderKeyBytes, ids.folderId);
    const fileKey = generateFileKeyBytes();
    const wrapped = await wrapFileKey(folderParent(ownerKeys), fileKey, 'file-9');
    const name = await encryptFolderMetadata(ownerKeys, { name: 'Taxes', mtime: 1 });
    const recipientKeys = await openFolderShareEnvelope({
      envelope, ids, recipientHpkeKeyPair: bob.open.hpke, senderIdentityPublicKeyRaw: alice.stored.identityPublicKeyRaw,
    });
    expect(await unwrapFileKeyBytes(folderParent(recipientKeys), wrapped, 'file-9')).toEqual(fileKey);
    expect((await decryptFolderMetadata(recipientKeys, name)).name).toBe('Taxes');
  });

  it('presented for another folder, sender or recipient', async () => {
    await rejects(open(envelope, { folderId: 'folder-2' }));
    await rejects(open(envelope, { senderId: 'carol' }));
    await rejects(open(envelope, { recipientId: 'carol' }, carol));
    await rejects(open(envelope, {}, carol));
  });

  it('never opens as a file share, and a file share never opens as a folder share', async () => {
    await rejects(openShareEnvelope({
      envelope, ids: { fileId: ids.folderId, senderId: ids.senderId, recipientId: ids.recipientId },
      recipientHpkeKeyPair: bob.open.hpke, senderIdentityPublicKeyRaw: alice.stored.identityPublicKeyRaw,
    }));
    const fileEnvelope = await sealShareEnvelope({
      fileKeyBytes: folderKeyBytes, ids: { fileId: ids.folderId, senderId: 'alice', recipientId: 'bob' },
      recipient: bob.stored, senderIdentityPrivateKey: alice.open.identity.privateKey,
    });
    await rejects(open(fileEnvelope));
  });

  it('signed by someone else, or checked against another sender', async () => {
    const forged = await sealFolderShareEnvelope({ folderKeyBytes, ids, recipient: bob.stored, senderIdentityPrivateKey: carol.open.identity.privateKey });
    await rejects(open(forged));
    await rejects(open(envelope, {}, bob, carol.stored.identityPublicKeyRaw));
  });

  it('every single-bit flip after the version byte, truncation and extension', async () => {
    for (let bit = 8; bit < envelope.length * 8; bit++) await rejects(open(flipBit(envelope, bit)));
    await rejects(open(envelope.subarray(0, envelope.length - 1)));
    await rejects(open(new Uint8Array([...envelope, 0])));
  });

  it('refuses to seal to an HPKE key the recipient did not sign, or a key of the wrong length', async () => {
    await rejects(sealFolderShareEnvelope({
      folderKeyBytes, ids, recipient: { ...bob.stored, hpkePublicKeyRaw: carol.stored.hpkePublicKeyRaw }, senderIdentityPrivateKey: alice.open.identity.privateKey,
    }));
    await expect(sealFolderShareEnvelope({
      folderKeyBytes: new Uint8Array(31), ids, recipient: bob.stored, senderIdentityPrivateKey: alice.open.identity.privateKey,
    })).rejects.toBeInstanceOf(RangeError);
  });
});
