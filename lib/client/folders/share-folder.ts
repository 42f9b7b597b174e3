// The owner's side of a folder share (docs/format.md §2.1 "Sharing a
// folder"): the folder's key, unwrapped from its place in the owner's tree,
// sealed to the recipient's pinned identity through the same pinning rule as
// file shares. The one key opens every key below it, files added later too.
import { sealFolderShareEnvelope } from '@/lib/crypto/folder-share-envelope';
import { unwrapFolderKeyBytes } from '@/lib/crypto/folder-key';
import type { UnlockedVault } from '@/lib/client/account/vault-keys';
import { sealPinned, type PreparedShare, type ShareOptions } from '@/lib/client/sharing/share-file';
import type { FolderShareJson } from '@/lib/shared/folder-shares';
import { folderSharingApi } from './sharing-api';
import type { VaultFolder } from './tree';

export async function shareFolder(
  vault: UnlockedVault, folder: VaultFolder, prepared: PreparedShare, options: Pick<ShareOptions, 'reverified'> = {},
): Promise<FolderShareJson> {
  const folderKeyBytes = await unwrapFolderKeyBytes(folder.parent, folder.wrappedFolderKey, folder.id);
  try {
    const envelope = await sealPinned(vault, prepared, options, (recipient) => sealFolderShareEnvelope({
      folderKeyBytes,
      ids: { folderId: folder.id, senderId: vault.userId, recipientId: prepared.recipient.userId },
      recipient,
      senderIdentityPrivateKey: vault.keys.identity.privateKey,
    }));
    return await folderSharingApi.create(folder.id, prepared.recipient.userId, envelope);
  } finally {
    folderKeyBytes.fill(0);
  }
}
