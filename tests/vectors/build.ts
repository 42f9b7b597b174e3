// Builds every committed vector from fixed inputs. scripts/make-vectors.ts
// writes the result to tests/vectors/*.json, and tests/unit/crypto rebuilds it
// to prove the code still reproduces the committed bytes exactly.
// Uses only the library's public functions plus crypto.subtle to import the
// fixed keys as extractable (something production code never needs).
import { CipherSuite, DhkemP256HkdfSha256, HkdfSha256, Aes256Gcm } from '@hpke/core';
import { concatBytes, fromHex, toBase64Url, toHex, utf8ToBytes } from '@/lib/crypto/bytes';
import { encryptContactsBytes } from '@/lib/crypto/contacts';
import { wrapRootKeyForDevice } from '@/lib/crypto/device-key';
import { sealShareEnvelope } from '@/lib/crypto/envelope';
import { sealFolderShareEnvelope } from '@/lib/crypto/folder-share-envelope';
import { identityFingerprintBytes, fingerprintBytesToDigits, safetyNumberBytes } from '@/lib/crypto/fingerprint';
import { importFileKey, wrapFileKey } from '@/lib/crypto/file-key';
import { encryptFolderMetadata, importFolderKeys, wrapFolderKey } from '@/lib/crypto/folder-key';
import { folderParent, rootParent, type KeyParent } from '@/lib/crypto/key-parent';
import { deriveLinkKeys, linkAccessVerifier, wrapFileKeyForLink } from '@/lib/crypto/link';
import { encryptMetadata } from '@/lib/crypto/metadata';
import { sealThumbnail } from '@/lib/crypto/thumbnail';
import { deriveRecoveryAuthTokenBytes } from '@/lib/crypto/recovery-auth';
import { recoveryKeyToText } from '@/lib/crypto/recovery-key';
import { deriveKekFromExportKey, deriveRecoveryWrappingKey, wrapRootKey } from '@/lib/crypto/root-key';
import { exportPublicKeyRaw, hkdfBytes, importAesGcmKey, importHkdfKey, importPrivateKeyPkcs8, sha256Bytes, signEd25519 } from '@/lib/crypto/subtle';
import { signHpkeKeyBinding, wrapUserPrivateKey } from '@/lib/crypto/user-keys';
import { encryptFileBytes } from '@/lib/crypto/whole-file';
import type { EnvelopeVectors, FileVectorCase, FileVectors, FolderVectorCase, FolderVectors, KeyVectors, VectorSet } from './types';

export const PLAINTEXT_RULE = 'byte i of the plaintext is i mod 251';
export const VECTOR_CHUNK_SIZES = [1024, 65536] as const;

export function patternPlaintext(length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = i % 251;
  return out;
}

function sequence(start: number, length: number): Uint8Array<ArrayBuffer> {
  return Uint8Array.from({ length }, (_, i) => (start + i) & 0xff);
}

// Labelled hashes: distinct fixed inputs without a table of magic bytes.
async function fixed(label: string, length: number): Promise<Uint8Array> {
  return (await sha256Bytes(utf8ToBytes(`twofold-vectors/${label}`))).slice(0, length);
}

const ED25519_PKCS8_PREFIX = fromHex('302e020100300506032b657004220420');

async function ed25519FromSeed(label: string): Promise<{ privateKey: CryptoKey; pkcs8: Uint8Array; publicRaw: Uint8Array }> {
  const pkcs8 = concatBytes(ED25519_PKCS8_PREFIX, await fixed(label, 32));
  const privateKey = await importPrivateKeyPkcs8('Ed25519', pkcs8, true);
  const jwk = await crypto.subtle.exportKey('jwk', privateKey);
  const publicKey = await crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, 'Ed25519', true, ['verify']);
  return { privateKey, pkcs8, publicRaw: await exportPublicKeyRaw(publicKey) };
}

async function p256FromIkm(label: string): Promise<{ privateKey: CryptoKey; pkcs8: Uint8Array; publicRaw: Uint8Array }> {
  const kem = new CipherSuite({ kem: new DhkemP256HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes256Gcm() }).kem;
  const pair = await kem.deriveKeyPair(await fixed(label, 32));
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  return { privateKey: pair.privateKey, pkcs8, publicRaw: await exportPublicKeyRaw(pair.publicKey) };
}

export async function buildFileVectors(): Promise<FileVectors> {
  const fileKeyBytes = sequence(0x00, 32);
  const fileKey = await importFileKey(fileKeyBytes);
  const cases: FileVectorCase[] = [];
  for (const chunkSize of VECTOR_CHUNK_SIZES) {
    const sizes: [string, number][] = [
      ['empty', 0], ['one-byte', 1], ['one-chunk', chunkSize], ['one-chunk-plus-one', chunkSize + 1],
      ['three-chunks-and-tail', 3 * chunkSize + 100],
    ];
    for (const [label, length] of sizes) {
      const name = `${chunkSize}/${label}`;
      const salt = await fixed(`salt/${name}`, 32);
      const plaintext = patternPlaintext(length);
      const ciphertext = await encryptFileBytes(fileKey, plaintext, { chunkSize, unsafeDeterministic: { salt } });
      cases.push({
        name, chunkSize, plaintextLength: length, saltHex: toHex(salt),
        plaintextSha256Hex: toHex(await sha256Bytes(plaintext)), ciphertextBase64Url: toBase64Url(ciphertext),
      });
    }
  }
  return {
    description: 'Encrypted files (docs/format.md §1). Decrypting ciphertext with fileKey must give the plaintext; re-encrypting with the same salt must give the ciphertext.',
    fileKeyHex: toHex(fileKeyBytes), plaintextRule: PLAINTEXT_RULE, cases,
  };
}

export async function buildKeyVectors(): Promise<KeyVectors> {
  const userId = 'user-alice';
  const exportKey = sequence(0x40, 64);
  const rootKeyBytes = sequence(0xa0, 32);
  const recoveryKey = sequence(0xc0, 20);
  // Extractable only here, to wrap fixed bytes; production roots come from generateRootKeyForWrapping.
  const rootKey = await crypto.subtle.importKey('raw', rootKeyBytes, 'AES-GCM', true, ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey']);
  const nonce = (label: string) => fixed(`nonce/${label}`, 12);

  const kek = await deriveKekFromExportKey(exportKey, userId);
  const recoveryWrappingKey = await deriveRecoveryWrappingKey(recoveryKey, userId);
  const pwNonce = await nonce('root-key/password');
  const rcNonce = await nonce('root-key/recovery');

  const fileKeyBytes = sequence(0x00, 32);
  const fileNonce = await nonce('file-key');
  const identity = await ed25519FromSeed('ed25519/alice');
  const hpke = await p256FromIkm('p256/alice');
  const idNonce = await nonce('identity-private-key');
  const hpkeNonce = await nonce('hpke-private-key');
  const testMessage = utf8ToBytes('twofold/v1/vector-test-message');

  const metadata = { name: 'Résumé 2026 – final.pdf', type: 'application/pdf', size: 123456, mtime: 1767225600000 };
  const metaNonce = await nonce('metadata');

  const links: KeyVectors['links'] = [];
  for (const password of [null, 'correct horse battery staple']) {
    const linkId = password === null ? 'link-open' : 'link-password';
    const fragmentSecret = await fixed(`fragment/${linkId}`, 32);
    const linkSalt = await fixed(`link-salt/${linkId}`, 16);
    const { linkKey, accessKeyBytes } = await deriveLinkKeys({ fragmentSecret, linkSalt, linkId, ...(password === null ? {} : { password }) });
    const linkNonce = await nonce(`link/${linkId}`);
    const blob = await wrapFileKeyForLink(linkKey, fileKeyBytes, linkId, 'file-1', { nonce: linkNonce });
    links.push({
      linkId, fileId: 'file-1', fileKeyHex: toHex(fileKeyBytes), fragmentSecretBase64Url: toBase64Url(fragmentSecret),
      linkSaltHex: toHex(linkSalt), password, nonceHex: toHex(linkNonce), blobBase64Url: toBase64Url(blob),
      accessKeyHex: toHex(accessKeyBytes), accessVerifierHex: toHex(await linkAccessVerifier(accessKeyBytes)),
    });
  }
  const digest = await identityFingerprintBytes(userId, identity.publicRaw);
  // §7.1: alice's identity with bob's, ordered by user id.
  const peer = { userId: 'user-bob', identityPublicKeyRaw: (await ed25519FromSeed('ed25519/bob')).publicRaw };
  const pairDigest = await safetyNumberBytes({ userId, identityPublicKeyRaw: identity.publicRaw }, peer);

  const deviceKeyBytes = await fixed('device-key', 32);
  const deviceNonce = await nonce('device/root-key');
  const deviceBlob = await wrapRootKeyForDevice(await importAesGcmKey(deviceKeyBytes, ['wrapKey', 'unwrapKey']), rootKey, userId, { nonce: deviceNonce });
  const contactsPlaintext = JSON.stringify({
    version: 1,
    contacts: { 'user-bob': { email: 'bob@example.com', identityPublicKey: 'pinned-key-stand-in', pinnedAt: '2026-01-01T00:00:00.000Z', verified: true } },
  });
  const contactsNonce = await nonce('contacts');
  // The smallest lossless WebP (1x1): §13 needs real image magic, not random bytes.
  const thumbnailImage = fromHex('524946461a000000574542505650384c0d0000002f00000010071011118888fe0700');
  const thumbnailNonce = await nonce('thumbnail');

  return {
    description: 'Key hierarchy, wrapped keys, metadata, links and fingerprints (docs/format.md §2-§4, §6, §7). See README.md for what each must produce.',
    userId,
    exportKeyHex: toHex(exportKey),
    rootKeyHex: toHex(rootKeyBytes),
    recoveryKeyText: recoveryKeyToText(recoveryKey),
    wrappedRootKeyPassword: { nonceHex: toHex(pwNonce), blobBase64Url: toBase64Url(await wrapRootKey(kek, rootKey, 'password', userId, { nonce: pwNonce })) },
    wrappedRootKeyRecovery: {
      nonceHex: toHex(rcNonce), blobBase64Url: toBase64Url(await wrapRootKey(recoveryWrappingKey, rootKey, 'recovery', userId, { nonce: rcNonce })),
    },
    fileKey: {
      ownerId: userId, fileId: 'file-1', fileKeyHex: toHex(fileKeyBytes), nonceHex: toHex(fileNonce),
      blobBase64Url: toBase64Url(await wrapFileKey(rootParent(rootKey, userId), fileKeyBytes, 'file-1', { nonce: fileNonce })),
    },
    identityPrivateKey: {
      pkcs8Hex: toHex(identity.pkcs8), publicKeyRawHex: toHex(identity.publicRaw), nonceHex: toHex(idNonce),
      blobBase64Url: toBase64Url(await wrapUserPrivateKey(rootKey, identity.privateKey, 'identity', userId, { nonce: idNonce })),
      testMessageHex: toHex(testMessage), signatureHex: toHex(await signEd25519(identity.privateKey, testMessage)),
    },
    hpkePrivateKey: {
      pkcs8Hex: toHex(hpke.pkcs8), publicKeyRawHex: toHex(hpke.publicRaw), nonceHex: toHex(hpkeNonce),
      blobBase64Url: toBase64Url(await wrapUserPrivateKey(rootKey, hpke.privateKey, 'hpke', userId, { nonce: hpkeNonce })),
      hpkeKeyBindingSignatureHex: toHex(await signHpkeKeyBinding(identity.privateKey, userId, hpke.publicRaw)),
    },
    metadata: {
      fileId: 'file-1', fileKeyHex: toHex(fileKeyBytes), metadata, nonceHex: toHex(metaNonce),
      blobBase64Url: toBase64Url(await encryptMetadata(await importFileKey(fileKeyBytes), 'file-1', metadata, { nonce: metaNonce })),
    },
    links,
    fingerprint: { userId, identityPublicKeyRawHex: toHex(identity.publicRaw), digits: fingerprintBytesToDigits(digest), digestHex: toHex(digest) },
    safetyNumber: {
      peerUserId: peer.userId, peerIdentityPublicKeyRawHex: toHex(peer.identityPublicKeyRaw),
      digits: fingerprintBytesToDigits(pairDigest), digestHex: toHex(pairDigest),
    },
    recoveryAuthToken: { tokenBase64Url: toBase64Url(await deriveRecoveryAuthTokenBytes(recoveryKey)) },
    deviceRootKey: { deviceKeyHex: toHex(deviceKeyBytes), userId, nonceHex: toHex(deviceNonce), blobBase64Url: toBase64Url(deviceBlob) },
    contacts: {
      userId, plaintext: contactsPlaintext, nonceHex: toHex(contactsNonce),
      blobBase64Url: toBase64Url(await encryptContactsBytes(rootKey, userId, utf8ToBytes(contactsPlaintext), { nonce: contactsNonce })),
    },
    thumbnail: {
      fileId: 'file-1', fileKeyHex: toHex(fileKeyBytes),
      thumbnailKeyHex: toHex(await hkdfBytes(await importHkdfKey(fileKeyBytes), new Uint8Array(0), utf8ToBytes('twofold/v1/thumbnail'), 32)),
      imageHex: toHex(thumbnailImage), nonceHex: toHex(thumbnailNonce),
      blobBase64Url: toBase64Url(await sealThumbnail(await importFileKey(fileKeyBytes), 'file-1', thumbnailImage, { nonce: thumbnailNonce })),
    },
  };
}

export async function buildEnvelopeVectors(): Promise<EnvelopeVectors> {
  const ids = { fileId: 'file-1', senderId: 'user-alice', recipientId: 'user-bob' };
  const sender = await ed25519FromSeed('ed25519/alice');
  const recipientIdentity = await ed25519FromSeed('ed25519/bob');
  const recipientHpke = await p256FromIkm('p256/bob');
  const binding = await signHpkeKeyBinding(recipientIdentity.privateKey, ids.recipientId, recipientHpke.publicRaw);
  const fileKeyBytes = sequence(0x00, 32);
  const ephemeralIkm = await fixed('hpke-ephemeral', 32);
  const envelope = await sealShareEnvelope({
    fileKeyBytes, ids, senderIdentityPrivateKey: sender.privateKey, unsafeDeterministic: { ephemeralIkm },
    recipient: { identityPublicKeyRaw: recipientIdentity.publicRaw, hpkePublicKeyRaw: recipientHpke.publicRaw, hpkeKeyBindingSignature: binding },
  });
  return {
    description: 'Sharing envelope (docs/format.md §5). Opening it as the recipient, with the sender\'s identity key, must give fileKey.',
    ...ids,
    fileKeyHex: toHex(fileKeyBytes),
    recipientHpkePrivateKeyPkcs8Hex: toHex(recipientHpke.pkcs8),
    recipientHpkePublicKeyRawHex: toHex(recipientHpke.publicRaw),
    recipientIdentityPublicKeyRawHex: toHex(recipientIdentity.publicRaw),
    recipientHpkeKeyBindingSignatureHex: toHex(binding),
    senderIdentityPublicKeyRawHex: toHex(sender.publicRaw),
    senderIdentityPrivateKeyPkcs8Hex: toHex(sender.pkcs8),
    ephemeralIkmHex: toHex(ephemeralIkm),
    envelopeBase64Url: toBase64Url(envelope),
    folderShare: await buildFolderShareVector(sender.privateKey, ids, { identityPublicKeyRaw: recipientIdentity.publicRaw, hpkePublicKeyRaw: recipientHpke.publicRaw, hpkeKeyBindingSignature: binding }),
  };
}

// format.md §2.1: the same parties share folder `folder-1`, under the folder-share labels.
async function buildFolderShareVector(
  senderPrivateKey: CryptoKey, ids: { senderId: string; recipientId: string }, recipient: { identityPublicKeyRaw: Uint8Array; hpkePublicKeyRaw: Uint8Array; hpkeKeyBindingSignature: Uint8Array },
): Promise<EnvelopeVectors['folderShare']> {
  const folderId = 'folder-1';
  const folderKeyBytes = sequence(0x20, 32);
  const ephemeralIkm = await fixed('hpke-ephemeral/folder-share', 32);
  const envelope = await sealFolderShareEnvelope({
    folderKeyBytes, ids: { folderId, senderId: ids.senderId, recipientId: ids.recipientId },
    recipient, senderIdentityPrivateKey: senderPrivateKey, unsafeDeterministic: { ephemeralIkm },
  });
  return { folderId, folderKeyHex: toHex(folderKeyBytes), ephemeralIkmHex: toHex(ephemeralIkm), envelopeBase64Url: toBase64Url(envelope) };
}

/** The tree of folders.json: a top-level folder with a child holding a file, and a top-level sibling. */
export const VECTOR_FOLDERS = [
  { folderId: 'folder-top', parentId: null, name: 'Taxes', mtime: 1767225600000 },
  { folderId: 'folder-child', parentId: 'folder-top', name: '2026 – Résumés', mtime: 1767225601000 },
  { folderId: 'folder-other', parentId: null, name: 'Photos', mtime: 1767225602000 },
] as const;

export async function buildFolderVectors(): Promise<FolderVectors> {
  const ownerId = 'user-alice';
  const rootKeyBytes = sequence(0xa0, 32);
  // Extractable only here, as in buildKeyVectors: keys.json's root key.
  const rootKey = await crypto.subtle.importKey('raw', rootKeyBytes, 'AES-GCM', true, ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey']);
  const parents = new Map<string | null, KeyParent>([[null, rootParent(rootKey, ownerId)]]);
  const folders: FolderVectorCase[] = [];
  for (const f of VECTOR_FOLDERS) {
    const folderKeyBytes = await fixed(`folder-key/${f.folderId}`, 32);
    const keys = await importFolderKeys(folderKeyBytes, f.folderId);
    const ikm = await importHkdfKey(folderKeyBytes);
    const wrapNonce = await fixed(`nonce/folder-key/${f.folderId}`, 12);
    const metadataNonce = await fixed(`nonce/folder-metadata/${f.folderId}`, 12);
    const metadata = { name: f.name, mtime: f.mtime };
    folders.push({
      folderId: f.folderId, parentId: f.parentId, folderKeyHex: toHex(folderKeyBytes),
      wrapKeyHex: toHex(await hkdfBytes(ikm, new Uint8Array(0), utf8ToBytes('twofold/v1/folder/wrap'), 32)),
      metadataKeyHex: toHex(await hkdfBytes(ikm, new Uint8Array(0), utf8ToBytes('twofold/v1/folder/metadata'), 32)),
      wrapNonceHex: toHex(wrapNonce),
      wrappedFolderKeyBase64Url: toBase64Url(await wrapFolderKey(parents.get(f.parentId)!, folderKeyBytes, f.folderId, { nonce: wrapNonce })),
      metadata, metadataNonceHex: toHex(metadataNonce),
      metadataBase64Url: toBase64Url(await encryptFolderMetadata(keys, metadata, { nonce: metadataNonce })),
    });
    parents.set(f.folderId, folderParent(keys));
  }
  const fileKeyBytes = await fixed('file-key/file-in-folder', 32);
  const fileNonce = await fixed('nonce/file-key-in-folder', 12);
  const file = { fileId: 'file-in-folder', folderId: 'folder-child' };
  return {
    description: 'Folder keys (docs/format.md §2.1, §3): unwrapping top down from the root key gives every folder key and the file key; each metadata blob decrypts to its folder\'s metadata.',
    ownerId, rootKeyHex: toHex(rootKeyBytes), folders,
    file: {
      ...file, fileKeyHex: toHex(fileKeyBytes), nonceHex: toHex(fileNonce),
      wrappedFileKeyBase64Url: toBase64Url(await wrapFileKey(parents.get(file.folderId)!, fileKeyBytes, file.fileId, { nonce: fileNonce })),
    },
  };
}

export async function buildAllVectors(): Promise<VectorSet> {
  return { file: await buildFileVectors(), keys: await buildKeyVectors(), envelope: await buildEnvelopeVectors(), folders: await buildFolderVectors() };
}
