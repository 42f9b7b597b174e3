// The owner's side of a public link (docs/format.md §6): fresh secrets, the
// file key wrapped under the link key, and only the wrapped key, the salt and
// the access verifier sent. The fragment secret and the password stay here;
// the URL built from them is shown once and never stored.
import type { KeyParent } from '@/lib/crypto/key-parent';
import { fromBase64Url, toBase64Url } from '@/lib/crypto/bytes';
import { unwrapFileKeyBytes } from '@/lib/crypto/file-key';
import { deriveLinkKeys, encodeLinkFragment, generateLinkSecrets, linkAccessVerifier, wrapFileKeyForLink } from '@/lib/crypto/link';
import type { FileJson } from '@/lib/shared/files';
import type { LinkJson } from '@/lib/shared/links';
import { linksApi } from './api';

export interface LinkOptions {
  /** Empty or undefined: no password. */
  password?: string;
  expiresInSeconds: number | null;
  maxDownloads: number | null;
}

/** The page a link opens; the fragment never reaches any server (format.md §6.2). */
export function linkUrl(origin: string, linkId: string, fragmentSecret: Uint8Array): string {
  return `${origin}/s/${linkId}#${encodeLinkFragment(fragmentSecret)}`;
}

export async function createPublicLink(
  parent: KeyParent, file: FileJson, options: LinkOptions, origin: string,
): Promise<{ link: LinkJson; url: string }> {
  if (!file.wrappedFileKey) throw new Error('The upload is not complete yet.');
  const password = options.password ? options.password : undefined;
  const { linkId, fragmentSecret, linkSalt } = generateLinkSecrets();
  const fileKeyBytes = await unwrapFileKeyBytes(parent, fromBase64Url(file.wrappedFileKey), file.id);
  try {
    const { linkKey, accessKeyBytes } = await deriveLinkKeys({ fragmentSecret, linkSalt, linkId, password });
    const link = await linksApi.create(file.id, {
      id: linkId,
      linkSalt: toBase64Url(linkSalt),
      wrappedFileKey: toBase64Url(await wrapFileKeyForLink(linkKey, fileKeyBytes, linkId, file.id)),
      accessVerifier: toBase64Url(await linkAccessVerifier(accessKeyBytes)),
      hasPassword: password !== undefined,
      expiresInSeconds: options.expiresInSeconds,
      maxDownloads: options.maxDownloads,
    });
    accessKeyBytes.fill(0);
    return { link, url: linkUrl(origin, linkId, fragmentSecret) };
  } finally {
    fileKeyBytes.fill(0);
  }
}
