'use client';

import { Dialog } from '@/components/ui/dialog';
import type { UnlockedVault } from '@/lib/client/account/vault-keys';
import { reshareFile } from '@/lib/client/sharing/share-file';
import type { SharedFileJson } from '@/lib/shared/shares';
import { PersonShareForm } from './person-share-form';

/** A recipient the owner allowed to re-share passes the file on; the owner sees it in their audit view. */
export function ReshareDialog({ vault, shared, name, onClose }: { vault: UnlockedVault; shared: SharedFileJson; name: string; onClose: () => void }) {
  return (
    <Dialog title={`Share ${name} on`} onClose={onClose} wide
      description={`${shared.ownerEmail} allowed you to share this file. The key is sealed in this browser to the other person and signed by you; ${shared.ownerEmail} will see who you shared it with.`}>
      <PersonShareForm vault={vault} offerPermissions={false} onShare={async (prepared, choices) => {
        await reshareFile(vault, shared, prepared, choices);
        return `${name} is now shared with ${prepared.email}.`;
      }} />
    </Dialog>
  );
}
