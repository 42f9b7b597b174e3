// Decrypts every committed vector with the library and reports what came
// out. Runs in Node (tests/unit/crypto/vectors.test.ts) and in Chromium
// (tests/e2e/crypto-vectors.spec.ts): both must report the same results, and
// the results must match the answers recorded in the vectors.
import { bytesToUtf8, encodeFields, fromBase64Url, fromHex, toBase64Url, toHex, utf8ToBytes } from '@/lib/crypto/bytes';
import { decryptContactsBytes } from '@/lib/crypto/contacts';
import { unwrapRootKeyFromDevice } from '@/lib/crypto/device-key';
import { openShareEnvelope } from '@/lib/crypto/envelope';
import { openFolderShareEnvelopeBytes } from '@/lib/crypto/folder-share-envelope';
import { identityFingerprintDigits, safetyNumberDigits } from '@/lib/crypto/fingerprint';
import { importFileKey, unwrapFileKeyBytes } from '@/lib/crypto/file-key';
import { decryptFolderMetadata, importFolderKeys, unwrapFolderKeyBytes } from '@/lib/crypto/folder-key';
import { folderParent, rootParent, type KeyParent } from '@/lib/crypto/key-parent';
import { hpkeOpenBase, hpkeSealBase } from '@/lib/crypto/hpke';
import { deriveLinkKeys, linkAccessVerifier, unwrapFileKeyFromLink } from '@/lib/crypto/link';
import { decryptMetadata, type FileMetadata } from '@/lib/crypto/metadata';
import { deriveRecoveryAuthTokenBytes } from '@/lib/crypto/recovery-auth';
import { recoveryKeyFromText } from '@/lib/crypto/recovery-key';
import { deriveKekFromExportKey, deriveRecoveryWrappingKey, unwrapRootKey } from '@/lib/crypto/root-key';
import { aesGcmDecrypt, importAesGcmKey, importPrivateKeyPkcs8, sha256Bytes, signEd25519 } from '@/lib/crypto/subtle';
import { importHpkePublicKeyRaw, unwrapUserPrivateKey, verifyHpkeKeyBinding } from '@/lib/crypto/user-keys';
import { decryptFileBytes } from '@/lib/crypto/whole-file';
import { parseSealedBlob } from '@/lib/crypto/sealed-blob';
import { openThumbnail } from '@/lib/crypto/thumbnail';
import { unwrapKeyBytes } from '@/lib/crypto/wrap';
import type { FolderVectors, KeyVectors, VectorSet } from './types';

export interface VectorResults {
  files: { name: string; plaintextLength: number; plaintextSha256Hex: string }[];
  fileKeyViaPasswordHex: string;
  fileKeyViaRecoveryHex: string;
  identitySignatureHex: string;
  hpkeBindingVerified: boolean;
  hpkeRoundTripHex: string;
  metadata: FileMetadata;
  linkFileKeysHex: string[];
  linkAccessVerifiersHex: string[];
  fingerprintDigits: string;
  /** Computed from both sides: they must agree. */
  safetyNumberDigits: string[];
  envelopeFileKeyHex: string;
  folderShareKeyHex: string;
  recoveryAuthTokenBase64Url: string;
  fileKeyViaDeviceHex: string;
  contactsPlaintext: string;
  /** keys.json thumbnail (§13): opened with the file key, and with the recorded thumbnail key directly. */
  thumbnail: { type: string; imageHex: string; viaRecordedKeyHex: string };
  /** folders.json, opened top down from the root key: each folder's key and metadata. */
  folders: { folderId: string; folderKeyHex: string; metadata: { name: string; mtime: number } }[];
  fileInFolderKeyHex: string;
  /** The recorded HKDF outputs open the blobs directly, written from format.md §2.1 without folder-key.ts. */
  viaRecordedKeys: { fileKeyHex: string; metadataJson: string[] };
}

async function checkFolderVectors(f: FolderVectors): Promise<Pick<VectorResults, 'folders' | 'fileInFolderKeyHex' | 'viaRecordedKeys'>> {
  const rootKey = await importAesGcmKey(fromHex(f.rootKeyHex), ['decrypt']);
  const parents = new Map<string | null, KeyParent>([[null, rootParent(rootKey, f.ownerId)]]);
  const folders: VectorResults['folders'] = [];
  for (const c of f.folders) {
    const parent = parents.get(c.parentId);
    if (!parent) throw new Error(`folder ${c.folderId} listed before its parent`);
    const bytes = await unwrapFolderKeyBytes(parent, fromBase64Url(c.wrappedFolderKeyBase64Url), c.folderId);
    const keys = await importFolderKeys(bytes, c.folderId);
    folders.push({ folderId: c.folderId, folderKeyHex: toHex(bytes), metadata: await decryptFolderMetadata(keys, fromBase64Url(c.metadataBase64Url)) });
    parents.set(c.folderId, folderParent(keys));
  }
  const fileParent = parents.get(f.file.folderId);
  if (!fileParent) throw new Error(`missing folder ${f.file.folderId}`);
  const fileInFolderKeyHex = toHex(await unwrapFileKeyBytes(fileParent, fromBase64Url(f.file.wrappedFileKeyBase64Url), f.file.fileId));

  const holder = f.folders.find((c) => c.folderId === f.file.folderId)!;
  const recordedWrapKey = await importAesGcmKey(fromHex(holder.wrapKeyHex), ['decrypt']);
  const viaWrapKey = await unwrapKeyBytes(recordedWrapKey, fromBase64Url(f.file.wrappedFileKeyBase64Url), { purpose: 'file-key-in-folder', ids: [f.file.folderId, f.file.fileId] });
  const metadataJson: string[] = [];
  for (const c of f.folders) {
    const { nonce, ciphertext } = parseSealedBlob(fromBase64Url(c.metadataBase64Url));
    const key = await importAesGcmKey(fromHex(c.metadataKeyHex), ['decrypt']);
    metadataJson.push(bytesToUtf8(await aesGcmDecrypt(key, nonce, encodeFields('twofold/v1/folder-metadata', c.folderId), ciphertext)));
  }
  return { folders, fileInFolderKeyHex, viaRecordedKeys: { fileKeyHex: toHex(viaWrapKey), metadataJson } };
}

async function checkThumbnailVector(t: KeyVectors['thumbnail']): Promise<VectorResults['thumbnail']> {
  const blob = fromBase64Url(t.blobBase64Url);
  const opened = await openThumbnail(await importFileKey(fromHex(t.fileKeyHex)), t.fileId, blob);
  // As written in §13, without thumbnail.ts: the recorded key and AAD open the blob.
  const { nonce, ciphertext } = parseSealedBlob(blob);
  const direct = await aesGcmDecrypt(await importAesGcmKey(fromHex(t.thumbnailKeyHex), ['decrypt']), nonce, encodeFields('twofold/v1/thumbnail', t.fileId), ciphertext);
  return { type: opened.type, imageHex: toHex(opened.bytes), viaRecordedKeyHex: toHex(direct) };
}

export async function checkVectors(v: VectorSet): Promise<VectorResults> {
  const fileKey = await importFileKey(fromHex(v.file.fileKeyHex));
  const files: VectorResults['files'] = [];
  for (const c of v.file.cases) {
    const plaintext = await decryptFileBytes(fileKey, fromBase64Url(c.ciphertextBase64Url));
    files.push({ name: c.name, plaintextLength: plaintext.length, plaintextSha256Hex: toHex(await sha256Bytes(plaintext)) });
  }

  const k = v.keys;
  const kek = await deriveKekFromExportKey(fromHex(k.exportKeyHex), k.userId);
  const rootViaPassword = await unwrapRootKey(kek, fromBase64Url(k.wrappedRootKeyPassword.blobBase64Url), 'password', k.userId);
  const recoveryWrappingKey = await deriveRecoveryWrappingKey(recoveryKeyFromText(k.recoveryKeyText), k.userId);
  const rootViaRecovery = await unwrapRootKey(recoveryWrappingKey, fromBase64Url(k.wrappedRootKeyRecovery.blobBase64Url), 'recovery', k.userId);
  const wrappedFileKey = fromBase64Url(k.fileKey.blobBase64Url);
  const identityKey = await unwrapUserPrivateKey(rootViaPassword, fromBase64Url(k.identityPrivateKey.blobBase64Url), 'identity', k.userId);
  const hpkePrivate = await unwrapUserPrivateKey(rootViaPassword, fromBase64Url(k.hpkePrivateKey.blobBase64Url), 'hpke', k.userId);
  const hpkePublicRaw = fromHex(k.hpkePrivateKey.publicKeyRawHex);
  const hpkePublic = await importHpkePublicKeyRaw(hpkePublicRaw);
  // A non-extractable private key cannot be compared by bytes; a round trip
  // proves it is the private half of the recorded public key.
  const probe = utf8ToBytes('probe');
  const sealed = await hpkeSealBase(hpkePublic, probe, probe);
  const opened = await hpkeOpenBase({ privateKey: hpkePrivate, publicKey: hpkePublic }, sealed.enc, probe, sealed.ciphertext);
  let hpkeBindingVerified = true;
  try {
    await verifyHpkeKeyBinding(fromHex(k.identityPrivateKey.publicKeyRawHex), k.userId, hpkePublicRaw, fromHex(k.hpkePrivateKey.hpkeKeyBindingSignatureHex));
  } catch {
    hpkeBindingVerified = false;
  }

  const linkFileKeysHex: string[] = [];
  const linkAccessVerifiersHex: string[] = [];
  for (const link of k.links) {
    const { linkKey, accessKeyBytes } = await deriveLinkKeys({
      fragmentSecret: fromBase64Url(link.fragmentSecretBase64Url), linkSalt: fromHex(link.linkSaltHex), linkId: link.linkId,
      ...(link.password === null ? {} : { password: link.password }),
    });
    linkFileKeysHex.push(toHex(await unwrapFileKeyFromLink(linkKey, fromBase64Url(link.blobBase64Url), link.linkId, link.fileId)));
    linkAccessVerifiersHex.push(toHex(await linkAccessVerifier(accessKeyBytes)));
  }

  const deviceKey = await importAesGcmKey(fromHex(k.deviceRootKey.deviceKeyHex), ['wrapKey', 'unwrapKey']);
  const rootViaDevice = await unwrapRootKeyFromDevice(deviceKey, fromBase64Url(k.deviceRootKey.blobBase64Url), k.deviceRootKey.userId);

  const e = v.envelope;
  const recipientPrivate = await importPrivateKeyPkcs8('ECDH-P256', fromHex(e.recipientHpkePrivateKeyPkcs8Hex), false);
  const recipientPublic = await importHpkePublicKeyRaw(fromHex(e.recipientHpkePublicKeyRawHex));
  const envelopeFileKey = await openShareEnvelope({
    envelope: fromBase64Url(e.envelopeBase64Url),
    ids: { fileId: e.fileId, senderId: e.senderId, recipientId: e.recipientId },
    recipientHpkeKeyPair: { privateKey: recipientPrivate, publicKey: recipientPublic },
    senderIdentityPublicKeyRaw: fromHex(e.senderIdentityPublicKeyRawHex),
  });
  const folderShareKey = await openFolderShareEnvelopeBytes({
    envelope: fromBase64Url(e.folderShare.envelopeBase64Url),
    ids: { folderId: e.folderShare.folderId, senderId: e.senderId, recipientId: e.recipientId },
    recipientHpkeKeyPair: { privateKey: recipientPrivate, publicKey: recipientPublic },
    senderIdentityPublicKeyRaw: fromHex(e.senderIdentityPublicKeyRawHex),
  });

  return {
    files,
    fileKeyViaPasswordHex: toHex(await unwrapFileKeyBytes(rootParent(rootViaPassword, k.fileKey.ownerId), wrappedFileKey, k.fileKey.fileId)),
    fileKeyViaRecoveryHex: toHex(await unwrapFileKeyBytes(rootParent(rootViaRecovery, k.fileKey.ownerId), wrappedFileKey, k.fileKey.fileId)),
    identitySignatureHex: toHex(await signEd25519(identityKey, fromHex(k.identityPrivateKey.testMessageHex))),
    hpkeBindingVerified,
    hpkeRoundTripHex: toHex(opened),
    metadata: await decryptMetadata(await importFileKey(fromHex(k.metadata.fileKeyHex)), k.metadata.fileId, fromBase64Url(k.metadata.blobBase64Url)),
    linkFileKeysHex,
    linkAccessVerifiersHex,
    fingerprintDigits: await identityFingerprintDigits(k.fingerprint.userId, fromHex(k.fingerprint.identityPublicKeyRawHex)),
    safetyNumberDigits: await (async () => {
      const own = { userId: k.fingerprint.userId, identityPublicKeyRaw: fromHex(k.fingerprint.identityPublicKeyRawHex) };
      const peer = { userId: k.safetyNumber.peerUserId, identityPublicKeyRaw: fromHex(k.safetyNumber.peerIdentityPublicKeyRawHex) };
      return [await safetyNumberDigits(own, peer), await safetyNumberDigits(peer, own)];
    })(),
    envelopeFileKeyHex: toHex(envelopeFileKey),
    folderShareKeyHex: toHex(folderShareKey),
    recoveryAuthTokenBase64Url: toBase64Url(await deriveRecoveryAuthTokenBytes(recoveryKeyFromText(k.recoveryKeyText))),
    fileKeyViaDeviceHex: toHex(await unwrapFileKeyBytes(rootParent(rootViaDevice, k.fileKey.ownerId), wrappedFileKey, k.fileKey.fileId)),
    contactsPlaintext: bytesToUtf8(await decryptContactsBytes(rootViaPassword, k.contacts.userId, fromBase64Url(k.contacts.blobBase64Url))),
    thumbnail: await checkThumbnailVector(k.thumbnail),
    ...await checkFolderVectors(v.folders),
  };
}

// What checkVectors must report, read from the vectors themselves.
export function expectedResults(v: VectorSet): VectorResults {
  return {
    files: v.file.cases.map((c) => ({ name: c.name, plaintextLength: c.plaintextLength, plaintextSha256Hex: c.plaintextSha256Hex })),
    fileKeyViaPasswordHex: v.keys.fileKey.fileKeyHex,
    fileKeyViaRecoveryHex: v.keys.fileKey.fileKeyHex,
    identitySignatureHex: v.keys.identityPrivateKey.signatureHex,
    hpkeBindingVerified: true,
    hpkeRoundTripHex: toHex(utf8ToBytes('probe')),
    metadata: v.keys.metadata.metadata,
    linkFileKeysHex: v.keys.links.map((l) => l.fileKeyHex),
    linkAccessVerifiersHex: v.keys.links.map((l) => l.accessVerifierHex),
    fingerprintDigits: v.keys.fingerprint.digits,
    safetyNumberDigits: [v.keys.safetyNumber.digits, v.keys.safetyNumber.digits],
    envelopeFileKeyHex: v.envelope.fileKeyHex,
    folderShareKeyHex: v.envelope.folderShare.folderKeyHex,
    recoveryAuthTokenBase64Url: v.keys.recoveryAuthToken.tokenBase64Url,
    fileKeyViaDeviceHex: v.keys.fileKey.fileKeyHex,
    contactsPlaintext: v.keys.contacts.plaintext,
    thumbnail: { type: 'image/webp', imageHex: v.keys.thumbnail.imageHex, viaRecordedKeyHex: v.keys.thumbnail.imageHex },
    folders: v.folders.folders.map((c) => ({ folderId: c.folderId, folderKeyHex: c.folderKeyHex, metadata: c.metadata })),
    fileInFolderKeyHex: v.folders.file.fileKeyHex,
    // Encoders write name then mtime, without whitespace (format.md §2.1).
    viaRecordedKeys: { fileKeyHex: v.folders.file.fileKeyHex, metadataJson: v.folders.folders.map((c) => JSON.stringify({ name: c.metadata.name, mtime: c.metadata.mtime })) },
  };
}
