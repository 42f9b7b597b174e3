// Attacks on wrapped keys, metadata, share envelopes and links (docs/format.md
// §3-§6): replays under another id or purpose, bit flips, wrong keys, another
// recipient and forged signatures. All must be IntegrityError.
import { rootParent } from '@/lib/crypto/key-parent';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromBase64Url, fromHex } from '@/lib/crypto/bytes';
import { createAccountKeys, type OpenAccountKeys, type StoredAccountKeys } from '@/lib/crypto/account-keys';
import { openShareEnvelope, sealShareEnvelope, type ShareIds } from '@/lib/crypto/envelope';
import { IntegrityError } from '@/lib/crypto/errors';
import { generateFileKeyBytes, importFileKey, unwrapFileKeyBytes, wrapFileKey } from '@/lib/crypto/file-key';
import {
  deriveLinkKey, deriveLinkKeys, encodeLinkFragment, generateLinkSecrets, linkAccessVerifier, parseLinkFragment, unwrapFileKeyFromLink,
  wrapFileKeyForLink,
} from '@/lib/crypto/link';
import { importAesGcmKey } from '@/lib/crypto/subtle';
import { decryptMetadata, encryptMetadata } from '@/lib/crypto/metadata';
import { deriveKekFromExportKey, unwrapRootKey } from '@/lib/crypto/root-key';
import { unwrapUserPrivateKey } from '@/lib/crypto/user-keys';
import { unwrapKeyBytes } from '@/lib/crypto/wrap';
import { loadVectors } from '@/tests/vectors/load';
import { flipBit } from './helpers';

const k = loadVectors().keys;
const rejects = (promise: Promise<unknown>) => expect(promise).rejects.toBeInstanceOf(IntegrityError);

describe('wrapped keys', () => {
  let rootKey: CryptoKey;
  const wrappedFileKey = fromBase64Url(k.fileKey.blobBase64Url);
  beforeAll(async () => {
    const kek = await deriveKekFromExportKey(fromHex(k.exportKeyHex), k.userId);
    rootKey = await unwrapRootKey(kek, fromBase64Url(k.wrappedRootKeyPassword.blobBase64Url), 'password', k.userId);
  });

  it('a file key replayed for another file or owner', async () => {
    await rejects(unwrapFileKeyBytes(rootParent(rootKey, k.fileKey.ownerId), wrappedFileKey, 'file-2'));
    await rejects(unwrapFileKeyBytes(rootParent(rootKey, 'user-mallory'), wrappedFileKey, k.fileKey.fileId));
    // Length prefixes: shifting characters between the two ids changes the AAD.
    await rejects(unwrapFileKeyBytes(rootParent(rootKey, `${k.fileKey.ownerId}f`), wrappedFileKey, k.fileKey.fileId.slice(1)));
  });

  it('a file key replayed under another purpose', async () => {
    for (const purpose of ['folder-key', 'link-file-key', 'file-key-in-folder'] as const) {
      await rejects(unwrapKeyBytes(rootKey, wrappedFileKey, { purpose, ids: [k.fileKey.ownerId, k.fileKey.fileId] }));
    }
    await rejects(unwrapUserPrivateKey(rootKey, wrappedFileKey, 'identity', k.userId));
  });

  it('a private key replayed as the other kind, or for another user', async () => {
    const identityBlob = fromBase64Url(k.identityPrivateKey.blobBase64Url);
    await rejects(unwrapUserPrivateKey(rootKey, identityBlob, 'hpke', k.userId));
    await rejects(unwrapUserPrivateKey(rootKey, identityBlob, 'identity', 'user-bob'));
  });

  it('a root key unwrapped via the other wrapping, another user, or a wrong password', async () => {
    const kek = await deriveKekFromExportKey(fromHex(k.exportKeyHex), k.userId);
    const blob = fromBase64Url(k.wrappedRootKeyPassword.blobBase64Url);
    await rejects(unwrapRootKey(kek, blob, 'recovery', k.userId));
    await rejects(unwrapRootKey(await deriveKekFromExportKey(fromHex(k.exportKeyHex), 'user-bob'), blob, 'password', 'user-bob'));
    await rejects(unwrapRootKey(await deriveKekFromExportKey(new Uint8Array(64), k.userId), blob, 'password', k.userId));
  });

  it('every single-bit flip of a wrapped key after the version byte', async () => {
    for (let bit = 8; bit < wrappedFileKey.length * 8; bit++) {
      await rejects(unwrapFileKeyBytes(rootParent(rootKey, k.fileKey.ownerId), flipBit(wrappedFileKey, bit), k.fileKey.fileId));
    }
  });

  it('a truncated wrapped key', async () => {
    for (const length of [1, 13, 28, 29, wrappedFileKey.length - 1]) {
      await rejects(unwrapFileKeyBytes(rootParent(rootKey, k.fileKey.ownerId), wrappedFileKey.subarray(0, length), k.fileKey.fileId));
    }
  });
});

describe('metadata', () => {
  const blob = fromBase64Url(k.metadata.blobBase64Url);
  it('moved to another file, or opened with another file key', async () => {
    const fileKey = await importFileKey(fromHex(k.metadata.fileKeyHex));
    await rejects(decryptMetadata(fileKey, 'file-2', blob));
    await rejects(decryptMetadata(await importFileKey(generateFileKeyBytes()), k.metadata.fileId, blob));
  });

  it('every single-bit flip after the version byte', async () => {
    const fileKey = await importFileKey(fromHex(k.metadata.fileKeyHex));
    for (let bit = 8; bit < blob.length * 8; bit += 3) await rejects(decryptMetadata(fileKey, k.metadata.fileId, flipBit(blob, bit)));
  });

  it('round-trips and validates its input', async () => {
    const fileKey = await importFileKey(generateFileKeyBytes());
    const metadata = { name: '☃.txt', type: '', size: 0, mtime: -1 };
    expect(await decryptMetadata(fileKey, 'f', await encryptMetadata(fileKey, 'f', metadata))).toEqual(metadata);
    await expect(encryptMetadata(fileKey, 'f', { ...metadata, size: 1.5 })).rejects.toBeInstanceOf(TypeError);
    await expect(encryptMetadata(fileKey, 'f', { ...metadata, name: 'x'.repeat(1025) })).rejects.toBeInstanceOf(TypeError);
  });
});

describe('share envelopes', () => {
  let alice: { stored: StoredAccountKeys; open: OpenAccountKeys };
  let bob: { stored: StoredAccountKeys; open: OpenAccountKeys };
  let carol: { stored: StoredAccountKeys; open: OpenAccountKeys };
  const ids: ShareIds = { fileId: 'file-1', senderId: 'alice', recipientId: 'bob' };
  const fileKeyBytes = generateFileKeyBytes();
  let envelope: Uint8Array;

  beforeAll(async () => {
    alice = await createAccountKeys(new Uint8Array(64).fill(1), 'alice');
    bob = await createAccountKeys(new Uint8Array(64).fill(2), 'bob');
    carol = await createAccountKeys(new Uint8Array(64).fill(3), 'carol');
    envelope = await sealShareEnvelope({ fileKeyBytes, ids, recipient: bob.stored, senderIdentityPrivateKey: alice.open.identity.privateKey });
  });

  const open = (env: Uint8Array, over: Partial<ShareIds> = {}, recipient = bob, senderRaw = alice.stored.identityPublicKeyRaw) =>
    openShareEnvelope({ envelope: env, ids: { ...ids, ...over }, recipientHpkeKeyPair: recipient.open.hpke, senderIdentityPublicKeyRaw: senderRaw });

  it('opens for the right recipient', async () => {
    expect(await open(envelope)).toEqual(fileKeyBytes);
  });

  it('another recipient cannot open it, even claiming to be bob', async () => {
    await rejects(open(envelope, { recipientId: 'carol' }, carol));
    await rejects(open(envelope, {}, carol));
  });

  it('presented for another file, sender or recipient id', async () => {
    await rejects(open(envelope, { fileId: 'file-2' }));
    await rejects(open(envelope, { senderId: 'carol' }));
    await rejects(open(envelope, { recipientId: 'carol' }));
  });

  it('a forged signature: signed by someone else, or checked against another sender', async () => {
    const forged = await sealShareEnvelope({ fileKeyBytes, ids, recipient: bob.stored, senderIdentityPrivateKey: carol.open.identity.privateKey });
    await rejects(open(forged));
    await rejects(open(envelope, {}, bob, carol.stored.identityPublicKeyRaw));
  });

  it('every single-bit flip after the version byte', async () => {
    for (let bit = 8; bit < envelope.length * 8; bit++) await rejects(open(flipBit(envelope, bit)));
  });

  it('truncated or extended', async () => {
    await rejects(open(envelope.subarray(0, envelope.length - 1)));
    await rejects(open(new Uint8Array([...envelope, 0])));
  });

  it('refuses to seal to an HPKE key the recipient identity did not sign', async () => {
    const substituted = { ...bob.stored, hpkePublicKeyRaw: carol.stored.hpkePublicKeyRaw };
    await rejects(sealShareEnvelope({ fileKeyBytes, ids, recipient: substituted, senderIdentityPrivateKey: alice.open.identity.privateKey }));
    const rebound = { ...bob.stored, hpkeKeyBindingSignature: carol.stored.hpkeKeyBindingSignature };
    await rejects(sealShareEnvelope({ fileKeyBytes, ids, recipient: rebound, senderIdentityPrivateKey: alice.open.identity.privateKey }));
  });
});

describe('links', () => {
  it('need the fragment, the password, and the right link and file ids', async () => {
    const { fragmentSecret, linkSalt } = generateLinkSecrets();
    const fileKeyBytes = generateFileKeyBytes();
    const linkKey = await deriveLinkKey({ fragmentSecret, linkSalt, linkId: 'l1', password: 'hunter2' });
    const wrapped = await wrapFileKeyForLink(linkKey, fileKeyBytes, 'l1', 'f1');
    expect(await unwrapFileKeyFromLink(linkKey, wrapped, 'l1', 'f1')).toEqual(fileKeyBytes);
    await rejects(unwrapFileKeyFromLink(linkKey, wrapped, 'l2', 'f1'));
    await rejects(unwrapFileKeyFromLink(linkKey, wrapped, 'l1', 'f2'));
    const wrongPassword = await deriveLinkKey({ fragmentSecret, linkSalt, linkId: 'l1', password: 'hunter3' });
    await rejects(unwrapFileKeyFromLink(wrongPassword, wrapped, 'l1', 'f1'));
    const noPassword = await deriveLinkKey({ fragmentSecret, linkSalt, linkId: 'l1' });
    await rejects(unwrapFileKeyFromLink(noPassword, wrapped, 'l1', 'f1'));
    const wrongFragment = await deriveLinkKey({ fragmentSecret: flipBit(fragmentSecret, 0), linkSalt, linkId: 'l1', password: 'hunter2' });
    await rejects(unwrapFileKeyFromLink(wrongFragment, wrapped, 'l1', 'f1'));
  });

  it('the access key proves fragment and password, and is not the key that opens the file key', async () => {
    const { linkId, fragmentSecret, linkSalt } = generateLinkSecrets();
    const right = await deriveLinkKeys({ fragmentSecret, linkSalt, linkId, password: 'hunter2' });
    const again = await deriveLinkKeys({ fragmentSecret, linkSalt, linkId, password: 'hunter2' });
    expect(again.accessKeyBytes).toEqual(right.accessKeyBytes);
    const others = await Promise.all([
      deriveLinkKeys({ fragmentSecret, linkSalt, linkId, password: 'hunter3' }),
      deriveLinkKeys({ fragmentSecret, linkSalt, linkId }),
      deriveLinkKeys({ fragmentSecret: flipBit(fragmentSecret, 0), linkSalt, linkId, password: 'hunter2' }),
      deriveLinkKeys({ fragmentSecret, linkSalt, linkId: `${linkId}x`, password: 'hunter2' }),
    ]);
    for (const other of others) expect(other.accessKeyBytes).not.toEqual(right.accessKeyBytes);
    // The server holds the access key's hash and may see the access key
    // itself; neither may open the file key.
    const fileKeyBytes = generateFileKeyBytes();
    const wrapped = await wrapFileKeyForLink(right.linkKey, fileKeyBytes, linkId, 'f1');
    for (const candidate of [right.accessKeyBytes, await linkAccessVerifier(right.accessKeyBytes)]) {
      const asKey = await importAesGcmKey(candidate, ['encrypt', 'decrypt']);
      await rejects(unwrapFileKeyFromLink(asKey, wrapped, linkId, 'f1'));
    }
  });

  it('fragments parse only as exactly one 32-byte secret', () => {
    const { fragmentSecret } = generateLinkSecrets();
    const text = encodeLinkFragment(fragmentSecret);
    expect(parseLinkFragment(`#${text}`)).toEqual(fragmentSecret);
    expect(parseLinkFragment(text.slice(0, -1))).toBeUndefined();
    expect(parseLinkFragment(`${text}A`)).toBeUndefined();
    expect(parseLinkFragment(`#${text.slice(0, -1)}=`)).toBeUndefined();
    expect(parseLinkFragment('')).toBeUndefined();
  });

  it('a file key wrapped for its owner does not open as a link key', async () => {
    const { fragmentSecret, linkSalt } = generateLinkSecrets();
    const linkKey = await deriveLinkKey({ fragmentSecret, linkSalt, linkId: 'l1' });
    const asOwner = await wrapFileKey(rootParent(linkKey, 'l1'), generateFileKeyBytes(), 'f1');
    await rejects(unwrapFileKeyFromLink(linkKey, asOwner, 'l1', 'f1'));
  });
});
