// Folder links (docs/format.md §2.1 "Linking a folder", §6): the folder key
// wrapped under the link key opens only as that folder of that link, and a
// file link's wrap is not accepted in its place.
import { describe, expect, it } from 'vitest';
import { IntegrityError } from '@/lib/crypto/errors';
import { generateFolderKeyBytes } from '@/lib/crypto/folder-key';
import { deriveLinkKeys, generateLinkSecrets, unwrapFileKeyFromLink, unwrapFolderKeyFromLink, wrapFileKeyForLink, wrapFolderKeyForLink } from '@/lib/crypto/link';

async function linkKeyFor(password?: string) {
  const secrets = generateLinkSecrets();
  const { linkKey } = await deriveLinkKeys({ ...secrets, password });
  return { ...secrets, linkKey };
}

describe('folder link wrap', () => {
  it('round-trips the folder key for (linkId, folderId)', async () => {
    const { linkId, linkKey } = await linkKeyFor();
    const bytes = generateFolderKeyBytes();
    const blob = await wrapFolderKeyForLink(linkKey, bytes, linkId, 'folder-1');
    expect(await unwrapFolderKeyFromLink(linkKey, blob, linkId, 'folder-1')).toEqual(bytes);
  });

  it('refuses another folder id, another link id, a wrong password and a flipped bit', async () => {
    const { linkId, linkKey, fragmentSecret, linkSalt } = await linkKeyFor('hunter2');
    const blob = await wrapFolderKeyForLink(linkKey, generateFolderKeyBytes(), linkId, 'folder-1');
    await expect(unwrapFolderKeyFromLink(linkKey, blob, linkId, 'folder-2')).rejects.toBeInstanceOf(IntegrityError);
    await expect(unwrapFolderKeyFromLink(linkKey, blob, 'other-link', 'folder-1')).rejects.toBeInstanceOf(IntegrityError);
    const wrong = await deriveLinkKeys({ fragmentSecret, linkSalt, linkId, password: 'hunter3' });
    await expect(unwrapFolderKeyFromLink(wrong.linkKey, blob, linkId, 'folder-1')).rejects.toBeInstanceOf(IntegrityError);
    for (let i = 0; i < blob.length; i++) {
      const flipped = blob.slice();
      flipped[i]! ^= 1;
      await expect(unwrapFolderKeyFromLink(linkKey, flipped, linkId, 'folder-1')).rejects.toThrow();
    }
  });

  it('a file link wrap presented as a folder link wrap fails, and the other way round', async () => {
    const { linkId, linkKey } = await linkKeyFor();
    const key = generateFolderKeyBytes();
    const asFile = await wrapFileKeyForLink(linkKey, key, linkId, 'same-id');
    await expect(unwrapFolderKeyFromLink(linkKey, asFile, linkId, 'same-id')).rejects.toBeInstanceOf(IntegrityError);
    const asFolder = await wrapFolderKeyForLink(linkKey, key, linkId, 'same-id');
    await expect(unwrapFileKeyFromLink(linkKey, asFolder, linkId, 'same-id')).rejects.toBeInstanceOf(IntegrityError);
  });

  it('validates its inputs', async () => {
    const { linkId, linkKey } = await linkKeyFor();
    await expect(wrapFolderKeyForLink(linkKey, new Uint8Array(31), linkId, 'f')).rejects.toThrow(RangeError);
    await expect(wrapFolderKeyForLink(linkKey, generateFolderKeyBytes(), linkId, '')).rejects.toThrow(TypeError);
  });
});
