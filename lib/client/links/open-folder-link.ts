// A visitor opening a public link to a folder (docs/format.md §2.1 "Linking a
// folder", §6): derive the keys from the fragment (and password), prove them
// with the access key, unwrap the linked folder's key from the link, then
// every folder below under its parent's key and every file under its
// folder's, exactly as the owner's vault does (openFoldersBelow, openFile).
// Anything the server put somewhere its key does not open is hidden and
// counted, never shown under a name it could have chosen.
import { fromBase64Url, toBase64Url } from '@/lib/crypto/bytes';
import { decryptFolderMetadata, importFolderKeys } from '@/lib/crypto/folder-key';
import { folderParent } from '@/lib/crypto/key-parent';
import { deriveLinkKeys, unwrapFolderKeyFromLink } from '@/lib/crypto/link';
import { openFile, type VaultFile } from '@/lib/client/files/file-list';
import type { DownloadOptions } from '@/lib/client/files/download/download-engine';
import { openFoldersBelow, VaultTree } from '@/lib/client/folders/tree';
import type { DownloadJson, FileJson } from '@/lib/shared/files';
import type { FolderLinkTreeJson, LinkedFileJson } from '@/lib/shared/folder-links';
import type { LinkInfoJson } from '@/lib/shared/links';
import { folderVisitorApi } from './folder-api';
import { LinkDamagedError } from './open-link';

export interface OpenedFolderLink {
  linkId: string;
  /** The linked folder is in tree.folders with parentId null; the tree's root is its key. */
  rootId: string;
  tree: VaultTree;
  files: VaultFile[];
  /** Folders and files that did not open with the keys this link gives: hidden. */
  hidden: number;
  expiresAt: string | null;
  downloadsLeft: number | null;
  /** Each call is one download action on the server: one file, or all of `fileIds` at once. */
  downloads: (fileIds: string[], signal?: AbortSignal) => Promise<Map<string, DownloadJson>>;
}

// The file-list opener reads owner rows; a link's file rows are the ready, live subset.
function asFileRow(file: LinkedFileJson): FileJson {
  return {
    id: file.id, status: 'ready', ciphertextSize: file.ciphertextSize, chunkSize: file.chunkSize,
    encryptedMetadata: file.encryptedMetadata, wrappedFileKey: file.wrappedFileKey,
    createdAt: file.createdAt, updatedAt: file.createdAt, completedAt: file.createdAt, folderId: file.folderId, trashedAt: null,
  };
}

async function openLinkedTree(linkKey: CryptoKey, linkId: string, body: FolderLinkTreeJson): Promise<Pick<OpenedFolderLink, 'tree' | 'files' | 'hidden'>> {
  const { folder } = body;
  let keyBytes: Uint8Array | undefined;
  let tree: VaultTree;
  try {
    keyBytes = await unwrapFolderKeyFromLink(linkKey, fromBase64Url(folder.wrappedFolderKey), linkId, folder.id);
    const keys = await importFolderKeys(keyBytes, folder.id);
    const metadata = await decryptFolderMetadata(keys, fromBase64Url(folder.encryptedMetadata));
    tree = new VaultTree(folderParent(keys));
    // A link cannot move anything, so the linked folder's own "parent" is never used to re-wrap.
    tree.folders.set(folder.id, {
      id: folder.id, parentId: null, name: metadata.name, keys, parent: tree.root, wrappedFolderKey: fromBase64Url(folder.wrappedFolderKey),
      trashedAt: null, createdAt: new Date(metadata.mtime).toISOString(),
    });
  } catch (cause) {
    // The access key checked out, so the fragment is right: the server sent a key or name that does not open.
    throw new LinkDamagedError({ cause });
  } finally {
    keyBytes?.fill(0);
  }
  await openFoldersBelow(tree, folder.id, tree.root, body.folders.filter((f) => f.id !== folder.id));
  const opened = await Promise.allSettled(body.files.map((f) => openFile(tree.parentFor(f.folderId), asFileRow(f))));
  const files = opened.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  return { tree, files, hidden: tree.refused.length + (body.files.length - files.length) };
}

export async function openFolderLink(info: LinkInfoJson, fragmentSecret: Uint8Array, password?: string): Promise<OpenedFolderLink> {
  const { linkKey, accessKeyBytes } = await deriveLinkKeys({
    fragmentSecret, linkSalt: fromBase64Url(info.linkSalt), linkId: info.id, password: info.hasPassword ? password : undefined,
  });
  const accessKey = toBase64Url(accessKeyBytes);
  accessKeyBytes.fill(0);
  const body = await folderVisitorApi.tree(info.id, accessKey);
  const opened = await openLinkedTree(linkKey, info.id, body);
  return {
    linkId: info.id,
    rootId: body.folder.id,
    ...opened,
    expiresAt: body.expiresAt,
    downloadsLeft: body.downloadsLeft,
    downloads: async (fileIds, signal) => {
      const { downloads } = await folderVisitorApi.downloads(info.id, accessKey, fileIds, signal);
      return new Map(downloads.map(({ fileId, ...rest }) => [fileId, rest]));
    },
  };
}

/**
 * The download-engine source for one action over `fileIds`: the first file
 * asked for fetches every URL in ONE request (one counted download, however
 * many files the zip holds); the rest are answered from it.
 */
export function linkDownloadSource(link: Pick<OpenedFolderLink, 'downloads'>, fileIds: readonly string[]): DownloadOptions['api'] {
  let batch: Promise<Map<string, DownloadJson>> | undefined;
  return {
    downloadUrl: async (fileId, signal) => {
      batch ??= link.downloads([...fileIds], signal);
      const found = (await batch).get(fileId);
      if (!found) throw new Error(`The link no longer gives access to one of the files (${fileId}); nothing was saved.`);
      // The server signs each batch for a short while (lib/server/files/download.ts), and asking again would count another download.
      if (Date.parse(found.expiresAt) <= Date.now()) {
        throw new Error('The download took longer than the link\'s download window, so it was stopped and nothing was saved. Try again, or download the files one by one.');
      }
      return found;
    },
  };
}
