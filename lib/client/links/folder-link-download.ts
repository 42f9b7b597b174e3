// What a visitor of a folder link saves: one file, or a folder of the link as
// one zip. Each is one download action on the server (format.md §6.3), so a
// zip of a hundred files counts once against the link's limit.
import type { SaveTargetKind } from '@/lib/client/files/download/download-sinks';
import type { VaultFile } from '@/lib/client/files/file-list';
import type { TransferProgress } from '@/lib/client/files/net/progress';
import { saveFile } from '@/lib/client/files/download/save-file';
import { planZip, safeSegment } from '@/lib/client/files/zip/zip-paths';
import { saveZip } from '@/lib/client/files/zip/save-zip';
import { linkDownloadSource, type OpenedFolderLink } from './open-folder-link';

export interface LinkSaveOptions {
  onProgress?: (progress: TransferProgress) => void;
  signal?: AbortSignal;
}

/** Called straight from the click: the save dialog needs the gesture. */
export function saveLinkedFile(link: OpenedFolderLink, file: VaultFile, options: LinkSaveOptions = {}): Promise<SaveTargetKind> {
  return saveFile(file, { ...options, api: linkDownloadSource(link, [file.id]) });
}

/** The folder and its whole subtree, paths cleaned as in the vault's zips (zip-paths.ts). */
export async function saveLinkedFolderZip(
  link: OpenedFolderLink, folderId: string, options: LinkSaveOptions = {},
): Promise<{ zipName: string; fileCount: number }> {
  const folder = link.tree.folders.get(folderId);
  if (!folder) throw new Error('That folder is not part of this link.');
  const entries = planZip(link.tree, link.files, { fileIds: [], folderIds: [folderId] });
  const fileIds = entries.flatMap((e) => (e.kind === 'file' ? [e.file.id] : []));
  const zipName = `${safeSegment(folder.name)}.zip`;
  await saveZip(zipName, entries, { ...options, api: linkDownloadSource(link, fileIds) });
  return { zipName, fileCount: fileIds.length };
}
