// The owner's side of a public link to a file (docs/format.md §6): the file
// key wrapped under the link key; the rest is newLinkRequest's.
import type { KeyParent } from '@/lib/crypto/key-parent';
import { fromBase64Url, toBase64Url } from '@/lib/crypto/bytes';
import { unwrapFileKeyBytes } from '@/lib/crypto/file-key';
import { wrapFileKeyForLink } from '@/lib/crypto/link';
import type { FileJson } from '@/lib/shared/files';
import type { LinkJson } from '@/lib/shared/links';
import { linksApi } from './api';
import { newLinkRequest, type LinkOptions } from './link-secrets';

export { linkUrl, type LinkOptions } from './link-secrets';

export async function createPublicLink(
  parent: KeyParent, file: FileJson, options: LinkOptions, origin: string,
): Promise<{ link: LinkJson; url: string }> {
  if (!file.wrappedFileKey) throw new Error('The upload is not complete yet.');
  const fileKeyBytes = await unwrapFileKeyBytes(parent, fromBase64Url(file.wrappedFileKey), file.id);
  try {
    const { base, wrapped, url } = await newLinkRequest(options, origin,
      (linkKey, linkId) => wrapFileKeyForLink(linkKey, fileKeyBytes, linkId, file.id));
    const link = await linksApi.create(file.id, { ...base, wrappedFileKey: toBase64Url(wrapped) });
    return { link, url };
  } finally {
    fileKeyBytes.fill(0);
  }
}
