'use client';

import { useMemo } from 'react';
import { Dialog } from '@/components/ui/dialog';
import type { VaultFolder } from '@/lib/client/folders/tree';
import { createFolderLink, listFolderLinks, revokeFolderLink } from '@/lib/client/links/create-folder-link';
import { LinkManager, type LinkTarget } from './link-manager';

/** Links to a folder: whoever has one sees the folder's live subtree, files added later included. */
export function FolderLinkDialog({ folder, onClose }: { folder: VaultFolder; onClose: () => void }) {
  const target = useMemo<LinkTarget>(() => ({
    id: folder.id,
    allows: `browse ${folder.name} and everything in it, and download any of it (files you add later too)`,
    listLabel: 'Public links of this folder',
    list: () => listFolderLinks(folder.id),
    create: async (options) => (await createFolderLink(folder, options, window.location.origin)).url,
    revoke: (linkId) => revokeFolderLink(folder.id, linkId),
  }), [folder]);
  return (
    <Dialog title={`Create link to ${folder.name}`} onClose={onClose} wide
      description="Items in the trash stay out of the link. Revoking a link ends it at once.">
      <LinkManager target={target} />
    </Dialog>
  );
}
