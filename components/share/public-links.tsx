'use client';

import { useMemo } from 'react';
import type { UnlockedVault } from '@/lib/client/account/vault-keys';
import { filesApi } from '@/lib/client/files/api';
import type { VaultFile } from '@/lib/client/files/file-list';
import { linksApi } from '@/lib/client/links/api';
import { createPublicLink } from '@/lib/client/links/create-link';
import { LinkManager, type LinkTarget } from './link-manager';

/** Public links of one file. */
export function PublicLinks({ file }: { vault?: UnlockedVault; file: VaultFile }) {
  const target = useMemo<LinkTarget>(() => ({
    id: file.id,
    allows: `download ${file.metadata.name}`,
    listLabel: 'Public links of this file',
    list: () => linksApi.list(file.id),
    create: async (options) => {
      // The row as the server holds it now: the wrapped key must be the current one.
      const row = await filesApi.get(file.id);
      return (await createPublicLink(file.parent, row, options, window.location.origin)).url;
    },
    revoke: (linkId) => linksApi.revoke(file.id, linkId),
  }), [file.id, file.metadata.name, file.parent]);
  return <LinkManager target={target} />;
}
