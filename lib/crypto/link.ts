// Public-link keys (docs/format.md §6): the fragment secret never reaches the
// server, and an optional password is part of the key via Argon2id rather
// than a check the server could skip.
import { argon2idBytes } from './argon2';
import { assertBytes, concatBytes, encodeFields } from './bytes';
import { KEY_LENGTH } from './constants';
import { IntegrityError } from './errors';
import type { UnsafeDeterministicNonce } from './sealed-blob';
import { hkdfAesGcmKey, importHkdfKey, randomBytes } from './subtle';
import { unwrapKeyBytes, wrapKeyBytes } from './wrap';

export const FRAGMENT_SECRET_LENGTH = 32;
export const LINK_SALT_LENGTH = 16;

export function generateLinkSecrets(): { fragmentSecret: Uint8Array; linkSalt: Uint8Array } {
  return { fragmentSecret: randomBytes(FRAGMENT_SECRET_LENGTH), linkSalt: randomBytes(LINK_SALT_LENGTH) };
}

export async function deriveLinkKey(args: {
  fragmentSecret: Uint8Array; linkSalt: Uint8Array; linkId: string; password?: string;
}): Promise<CryptoKey> {
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
  const info = encodeFields('twofold/v1/link', linkId, hasPassword ? 'password' : 'none');
  return hkdfAesGcmKey(ikm, linkSalt, info, ['encrypt', 'decrypt']);
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
