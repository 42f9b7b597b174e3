// Shapes of the committed vector files. Field names carry the encoding:
// ...Hex is lowercase hex, ...Base64Url is unpadded base64url.

export interface FileVectorCase {
  name: string;
  chunkSize: number;
  plaintextLength: number;
  saltHex: string;
  plaintextSha256Hex: string;
  ciphertextBase64Url: string;
}

export interface FileVectors {
  description: string;
  fileKeyHex: string;
  plaintextRule: string;
  cases: FileVectorCase[];
}

export interface KeyVectors {
  description: string;
  userId: string;
  exportKeyHex: string;
  rootKeyHex: string;
  recoveryKeyText: string;
  wrappedRootKeyPassword: { nonceHex: string; blobBase64Url: string };
  wrappedRootKeyRecovery: { nonceHex: string; blobBase64Url: string };
  fileKey: { ownerId: string; fileId: string; fileKeyHex: string; nonceHex: string; blobBase64Url: string };
  identityPrivateKey: {
    pkcs8Hex: string; publicKeyRawHex: string; nonceHex: string; blobBase64Url: string; testMessageHex: string; signatureHex: string;
  };
  hpkePrivateKey: { pkcs8Hex: string; publicKeyRawHex: string; nonceHex: string; blobBase64Url: string; hpkeKeyBindingSignatureHex: string };
  metadata: { fileId: string; fileKeyHex: string; metadata: { name: string; type: string; size: number; mtime: number }; nonceHex: string; blobBase64Url: string };
  links: {
    linkId: string; fileId: string; fileKeyHex: string; fragmentSecretBase64Url: string; linkSaltHex: string;
    password: string | null; nonceHex: string; blobBase64Url: string;
    /** format.md §6.1; its SHA-256 is the verifier the server stores. */
    accessKeyHex: string; accessVerifierHex: string;
  }[];
  fingerprint: { userId: string; identityPublicKeyRawHex: string; digits: string; digestHex: string };
  /** §7.1, of `fingerprint`'s identity with this peer's. */
  safetyNumber: { peerUserId: string; peerIdentityPublicKeyRawHex: string; digits: string; digestHex: string };
  /** format.md §11: from the recovery key of `recoveryKeyText`. */
  recoveryAuthToken: { tokenBase64Url: string };
  /** format.md §10: the root key wrapped under a device key; unwrapped, it opens `fileKey`. */
  deviceRootKey: { deviceKeyHex: string; userId: string; nonceHex: string; blobBase64Url: string };
  /** format.md §12: the contact list sealed under the root key. */
  contacts: { userId: string; plaintext: string; nonceHex: string; blobBase64Url: string };
  /** format.md §13: a 1x1 WebP sealed under the thumbnail subkey of `fileKeyHex` for `fileId`. */
  thumbnail: { fileId: string; fileKeyHex: string; thumbnailKeyHex: string; imageHex: string; nonceHex: string; blobBase64Url: string };
}

export interface EnvelopeVectors {
  description: string;
  fileId: string;
  senderId: string;
  recipientId: string;
  fileKeyHex: string;
  recipientHpkePrivateKeyPkcs8Hex: string;
  recipientHpkePublicKeyRawHex: string;
  recipientIdentityPublicKeyRawHex: string;
  recipientHpkeKeyBindingSignatureHex: string;
  senderIdentityPublicKeyRawHex: string;
  /** Only to reproduce the envelope byte for byte (Ed25519 is deterministic). */
  senderIdentityPrivateKeyPkcs8Hex: string;
  ephemeralIkmHex: string;
  envelopeBase64Url: string;
  /** format.md §2.1: the same sender and recipient share folder `folderId`; opening gives `folderKeyHex`. */
  folderShare: { folderId: string; folderKeyHex: string; ephemeralIkmHex: string; envelopeBase64Url: string };
}

/** format.md §2.1: one folder, its key wrapped for its place and its metadata sealed. */
export interface FolderVectorCase {
  folderId: string;
  /** Null: the top level, wrapped under the root key (purpose folder-key). */
  parentId: string | null;
  folderKeyHex: string;
  /** HKDF outputs of §2.1, for reimplementers; the blobs below prove them. */
  wrapKeyHex: string;
  metadataKeyHex: string;
  wrapNonceHex: string;
  wrappedFolderKeyBase64Url: string;
  metadata: { name: string; mtime: number };
  metadataNonceHex: string;
  metadataBase64Url: string;
}

export interface FolderVectors {
  description: string;
  ownerId: string;
  rootKeyHex: string;
  /** Parents before children. */
  folders: FolderVectorCase[];
  /** A file key wrapped inside `folderId` (purpose file-key-in-folder). */
  file: { fileId: string; folderId: string; fileKeyHex: string; nonceHex: string; wrappedFileKeyBase64Url: string };
}

export interface VectorSet {
  file: FileVectors;
  keys: KeyVectors;
  envelope: EnvelopeVectors;
  folders: FolderVectors;
}
