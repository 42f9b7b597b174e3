// Shapes of tests/vectors/negative.json: inputs every decoder must refuse,
// each labelled with how it must fail (age's test kit does the same).
// ...Hex is lowercase hex, ...Base64Url is unpadded base64url.

/**
 * - `header failure`: the file header is refused before any chunk is decrypted;
 * - `payload failure`: the header (or blob framing) was fine, the ciphertext is not;
 * - `wrong key`: nothing was altered, the key is not the one it was made with;
 * - `wrong context`: right key and bytes, opened for another purpose or other ids;
 * - `format error`: an authenticated document (or a public field) that v1 does not allow;
 * - `encoding error`: text that is not canonical base64url.
 */
export type NegativeExpect = 'header failure' | 'payload failure' | 'wrong key' | 'wrong context' | 'format error' | 'encoding error';
/** format.md conventions: FormatError for what cannot be parsed, IntegrityError for what does not authenticate. */
export type NegativeErrorClass = 'FormatError' | 'IntegrityError' | 'TypeError';

interface NegativeBase {
  name: string;
  expect: NegativeExpect;
  error: NegativeErrorClass;
}

/** format.md §1: decrypt `ciphertextBase64Url` with `fileKeyHex`. */
export interface NegativeFileCase extends NegativeBase {
  fileKeyHex: string;
  ciphertextBase64Url: string;
}

/** format.md §3: unwrap `blobBase64Url` (made for `madeFor`) with `wrappingKeyHex`, purpose and ids. */
export interface NegativeWrapCase extends NegativeBase {
  wrappingKeyHex: string;
  purpose: 'file-key' | 'link-file-key' | 'root-key/password' | 'root-key/recovery';
  ids: string[];
  blobBase64Url: string;
}

/** format.md §4: decrypt `blobBase64Url` with `fileKeyHex` as metadata of `fileId`. */
export interface NegativeMetadataCase extends NegativeBase {
  fileKeyHex: string;
  fileId: string;
  /** The authenticated JSON inside, for readers; decoders must not need it. */
  plaintext: string;
  blobBase64Url: string;
}

/**
 * format.md §2.1: a wrapped key or a folder's metadata blob as the server
 * presents it. The client opens it with the keys it holds (`folderTree`) for
 * the place the server claims.
 */
export interface NegativeFolderCase extends NegativeBase {
  item: 'file-key' | 'folder-key' | 'folder-metadata';
  /** Keys: the file or folder whose key it is. Absent for metadata. */
  itemId?: string;
  /** Keys: the folder the server says it is in (null: the top level). Metadata: the folder it is presented for. */
  claimed: string | null;
  /** The same, as the blob was made. */
  madeFor: string | null;
  /** Metadata only: the authenticated JSON inside, for readers; decoders must not need it. */
  plaintext?: string;
  blobBase64Url: string;
}

/**
 * format.md §5 and §2.1: an envelope (made as `madeAs` for `madeForId`)
 * presented as `openAs` for `subjectId`, opened with envelope.json's
 * recipient key pair and sender identity key.
 */
export interface NegativeEnvelopeCase extends NegativeBase {
  openAs: 'file-share' | 'folder-share';
  subjectId: string;
  madeAs: 'file-share' | 'folder-share';
  madeForId: string;
  envelopeBase64Url: string;
}

/** format.md conventions: `text` must not decode. */
export interface NegativeBase64UrlCase extends NegativeBase {
  text: string;
}

export interface NegativeVectors {
  description: string;
  /** The key every file case was made with (file.json's key). */
  referenceFileKeyHex: string;
  files: NegativeFileCase[];
  /** What every wrap case was made with: wrapping key, purpose and ids. */
  wrapMadeFor: { wrappingKeyHex: string; purpose: 'file-key'; ids: string[] };
  wrappedKeys: NegativeWrapCase[];
  /** The file id every metadata case was made for. */
  metadataMadeForFileId: string;
  metadata: NegativeMetadataCase[];
  /** The keys the client holds (folders.json): root key, owner and each folder's key. */
  folderTree: { ownerId: string; rootKeyHex: string; folders: { folderId: string; parentId: string | null; folderKeyHex: string }[] };
  folders: NegativeFolderCase[];
  /** envelope.json's parties: what every envelope case is opened with. */
  envelopeParties: { senderId: string; recipientId: string; recipientHpkePrivateKeyPkcs8Hex: string; recipientHpkePublicKeyRawHex: string; senderIdentityPublicKeyRawHex: string };
  envelopes: NegativeEnvelopeCase[];
  base64url: NegativeBase64UrlCase[];
}

export interface NegativeResult {
  name: string;
  expect: NegativeExpect | 'accepted' | 'unclassified';
  error: NegativeErrorClass | 'none' | string;
}
