// The owner's side of a public link to a folder (docs/format.md §2.1 "Linking
// a folder", §6): one key is shared, the folder key, wrapped under the link
// key; everything below opens from it through the tree's own wraps, so files
// added later are in the link too. The folder key's bytes are unwrapped from
// where the owner's tree holds it (as a move does) and zeroed afterwards.
import { toBase64Url } from '@/lib/crypto/bytes';
import { unwrapFolderKeyBytes } from '@/lib/crypto/folder-key';
import { wrapFolderKeyForLink } from '@/lib/crypto/link';
import type { VaultFolder } from '@/lib/client/folders/tree';
import type { FolderLinkJson } from '@/lib/shared/folder-links';
import { folderLinksApi } from './folder-api';
import { newLinkRequest, type LinkOptions } from './link-secrets';

export async function createFolderLink(
  folder: Pick<VaultFolder, 'id' | 'parent' | 'wrappedFolderKey'>, options: LinkOptions, origin: string, api = folderLinksApi,
): Promise<{ link: FolderLinkJson; url: string }> {
  const folderKeyBytes = await unwrapFolderKeyBytes(folder.parent, folder.wrappedFolderKey, folder.id);
  try {
    const { base, wrapped, url } = await newLinkRequest(options, origin,
      (linkKey, linkId) => wrapFolderKeyForLink(linkKey, folderKeyBytes, linkId, folder.id));
    const link = await api.create(folder.id, { ...base, wrappedFolderKey: toBase64Url(wrapped) });
    return { link, url };
  } finally {
    folderKeyBytes.fill(0);
  }
}

export const listFolderLinks = (folderId: string): Promise<FolderLinkJson[]> => folderLinksApi.list(folderId);
export const revokeFolderLink = (folderId: string, linkId: string): Promise<void> => folderLinksApi.revoke(folderId, linkId);
