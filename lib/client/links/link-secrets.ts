// What every public link starts with, whatever it points at (docs/format.md
// §6): fresh secrets, the keys derived from them (and the optional password),
// and the verifier the server stores. The caller wraps its one key under
// linkKey; the fragment secret and the password never leave this browser.
import { toBase64Url } from '@/lib/crypto/bytes';
import { deriveLinkKeys, encodeLinkFragment, generateLinkSecrets, linkAccessVerifier } from '@/lib/crypto/link';
import type { CreateLinkRequest } from '@/lib/shared/links';

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

export type LinkRequestBase = Omit<CreateLinkRequest, 'wrappedFileKey'>;

/**
 * Derives the link's keys, lets `wrap` seal the one key it shares under the
 * link key, and returns the request fields common to file and folder links
 * plus the URL to show once.
 */
export async function newLinkRequest<T>(
  options: LinkOptions, origin: string, wrap: (linkKey: CryptoKey, linkId: string) => Promise<T>,
): Promise<{ base: LinkRequestBase; wrapped: T; url: string }> {
  const password = options.password ? options.password : undefined;
  const { linkId, fragmentSecret, linkSalt } = generateLinkSecrets();
  const { linkKey, accessKeyBytes } = await deriveLinkKeys({ fragmentSecret, linkSalt, linkId, password });
  try {
    const wrapped = await wrap(linkKey, linkId);
    const base: LinkRequestBase = {
      id: linkId,
      linkSalt: toBase64Url(linkSalt),
      accessVerifier: toBase64Url(await linkAccessVerifier(accessKeyBytes)),
      hasPassword: password !== undefined,
      expiresInSeconds: options.expiresInSeconds,
      maxDownloads: options.maxDownloads,
    };
    return { base, wrapped, url: linkUrl(origin, linkId, fragmentSecret) };
  } finally {
    accessKeyBytes.fill(0);
  }
}
