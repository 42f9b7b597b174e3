// Public-link keys (docs/format.md §6): the fragment secret never reaches the
// server, and an optional password is part of the key via Argon2id rather
// than a check the server could skip.
import { argon2idBytes } from './argon2';
import { assertBytes, concatBytes, encodeFields, fromBase64Url, toBase64Url } from './bytes';
import { KEY_LENGTH } from './constants';
import { IntegrityError } from './errors';
import type { UnsafeDeterministicNonce } from './sealed-blob';
import { hkdfAesGcmKey, hkdfBytes, importHkdfKey, randomBytes, sha256Bytes } from './subtle';
import { unwrapKeyBytes, wrapKeyBytes } from './wrap';

export const FRAGMENT_SECRET_LENGTH = 32;
export const LINK_SALT_LENGTH = 16;
/** format.md §6: link ids are 16 random bytes, chosen by the creating browser. */
export const LINK_ID_LENGTH = 16;
export const ACCESS_KEY_LENGTH = 32;

export function generateLinkSecrets(): { linkId: string; fragmentSecret: Uint8Array; linkSalt: Uint8Array } {
  return {
    linkId: toBase64Url(randomBytes(LINK_ID_LENGTH)),
    fragmentSecret: randomBytes(FRAGMENT_SECRET_LENGTH),
    linkSalt: randomBytes(LINK_SALT_LENGTH),
  };
}

export interface LinkKeyInput {
  fragmentSecret: Uint8Array;
  linkSalt: Uint8Array;
  linkId: string;
  password?: string;
}

export interface LinkKeys {
  /** Wraps the file key (purpose link-file-key). Non-extractable. */
  linkKey: CryptoKey;
  /**
   * format.md §6.1: proves to the server that the caller holds the fragment
   * (and the password). HKDF-separated from linkKey, so the server learns
   * nothing that opens the wrapped key.
   */
  accessKeyBytes: Uint8Array;
}

function linkInfo(label: string, linkId: string, hasPassword: boolean): Uint8Array {
  return encodeFields(label, linkId, hasPassword ? 'password' : 'none');
}

/** One Argon2id run (with a password) yields both keys. */
export async function deriveLinkKeys(args: LinkKeyInput): Promise<LinkKeys> {
  const { fragmentSecret, linkSalt, linkId, password } = args;
  assertBytes(fragmentSecret, 'fragmentSecret', FRAGMENT_SECRET_LENGTH);
  assertBytes(linkSalt, 'linkSalt', LINK_SALT_LENGTH);
  if (typeof linkId !== 'string' || linkId.length === 0) throw new TypeError('linkId must be a non-empty string');
  if (password !== undefined && (typeof password !== 'string' || password.length === 0)) {
    throw new TypeError('password must be a non-empty string when given');
  }
  const hasPassword = password !== undefined;
  const ikmBytes = hasPassword ? concatBytes(fragmentSecret, await argon2idBytes(password, linkSalt)) : fragmentSecret;
  const ikm = await importHkdfKey(ikmBytes);
  if (hasPassword) ikmBytes.fill(0);
  const [linkKey, accessKeyBytes] = await Promise.all([
    hkdfAesGcmKey(ikm, linkSalt, linkInfo('twofold/v1/link', linkId, hasPassword), ['encrypt', 'decrypt']),
    hkdfBytes(ikm, linkSalt, linkInfo('twofold/v1/link-access', linkId, hasPassword), ACCESS_KEY_LENGTH),
  ]);
  return { linkKey, accessKeyBytes };
}

export async function deriveLinkKey(args: LinkKeyInput): Promise<CryptoKey> {
  return (await deriveLinkKeys(args)).linkKey;
}

/** format.md §6.1: what the server stores to check an access key. */
export async function linkAccessVerifier(accessKeyBytes: Uint8Array): Promise<Uint8Array> {
  assertBytes(accessKeyBytes, 'accessKeyBytes', ACCESS_KEY_LENGTH);
  return sha256Bytes(accessKeyBytes);
}

export async function wrapFileKeyForLink(
  linkKey: CryptoKey, fileKeyBytes: Uint8Array, linkId: string, fileId: string, unsafeDeterministic?: UnsafeDeterministicNonce,
): Promise<Uint8Array> {
  assertBytes(fileKeyBytes, 'fileKeyBytes', KEY_LENGTH);
  return wrapKeyBytes(linkKey, fileKeyBytes, { purpose: 'link-file-key', ids: [linkId, fileId] }, unsafeDeterministic);
}

// IntegrityError for a wrong fragment, a wrong password, or a replayed blob.
export async function unwrapFileKeyFromLink(linkKey: CryptoKey, wrapped: Uint8Array, linkId: string, fileId: string): Promise<Uint8Array> {
  const bytes = await unwrapKeyBytes(linkKey, wrapped, { purpose: 'link-file-key', ids: [linkId, fileId] });
  if (bytes.length !== KEY_LENGTH) throw new IntegrityError();
  return bytes;
}

/**
 * format.md §2.1 "Linking a folder": a folder link wraps one key, the folder
 * key; everything below it opens from there through the tree's own wraps.
 * The AAD binds (linkId, folderId) under its own purpose, so a file link's
 * wrap presented as a folder link's (or the other way round) fails.
 */
export async function wrapFolderKeyForLink(
  linkKey: CryptoKey, folderKeyBytes: Uint8Array, linkId: string, folderId: string, unsafeDeterministic?: UnsafeDeterministicNonce,
): Promise<Uint8Array> {
  assertBytes(folderKeyBytes, 'folderKeyBytes', KEY_LENGTH);
  if (typeof folderId !== 'string' || folderId.length === 0) throw new TypeError('folderId must be a non-empty string');
  return wrapKeyBytes(linkKey, folderKeyBytes, { purpose: 'link-folder-key', ids: [linkId, folderId] }, unsafeDeterministic);
}

/** IntegrityError for a wrong fragment or password, another folder, or a file link's blob. */
export async function unwrapFolderKeyFromLink(linkKey: CryptoKey, wrapped: Uint8Array, linkId: string, folderId: string): Promise<Uint8Array> {
  const bytes = await unwrapKeyBytes(linkKey, wrapped, { purpose: 'link-folder-key', ids: [linkId, folderId] });
  if (bytes.length !== KEY_LENGTH) throw new IntegrityError();
  return bytes;
}

/** format.md §6.2: the URL fragment is the secret in base64url, nothing else. */
export function encodeLinkFragment(fragmentSecret: Uint8Array): string {
  assertBytes(fragmentSecret, 'fragmentSecret', FRAGMENT_SECRET_LENGTH);
  return toBase64Url(fragmentSecret);
}

/** Undefined for anything that is not exactly one well-formed secret (a link cut short when copied, say). */
export function parseLinkFragment(fragment: string): Uint8Array | undefined {
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (!/^[A-Za-z0-9_-]{43}$/.test(text)) return undefined;
  try {
    const bytes = fromBase64Url(text);
    return bytes.length === FRAGMENT_SECRET_LENGTH ? bytes : undefined;
  } catch {
    return undefined;
  }
}
