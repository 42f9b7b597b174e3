// The folder-links API (issue 10 item 4) as typed functions; every response is validated.
import { callApi as call } from '../api-call';
import { okResponse } from '@/lib/shared/files';
import {
  folderLinkDownloadResponse, folderLinkListResponse, folderLinkSchema, folderLinkTreeResponse,
  type CreateFolderLinkRequest, type FolderLinkDownloadJson, type FolderLinkJson, type FolderLinkTreeJson,
} from '@/lib/shared/folder-links';

const ownerPath = (folderId: string, rest = '') => `/api/folders/${encodeURIComponent(folderId)}/links${rest}`;
const visitorPath = (linkId: string, rest: string) => `/api/links/${encodeURIComponent(linkId)}${rest}`;

export const folderLinksApi = {
  create: (folderId: string, body: CreateFolderLinkRequest): Promise<FolderLinkJson> => call('POST', ownerPath(folderId), folderLinkSchema, body),
  list: async (folderId: string): Promise<FolderLinkJson[]> => (await call('GET', ownerPath(folderId), folderLinkListResponse)).links,
  revoke: async (folderId: string, linkId: string): Promise<void> =>
    void (await call('DELETE', ownerPath(folderId, `/${encodeURIComponent(linkId)}`), okResponse)),
};

/** A visitor of a folder link: the access key instead of a session (format.md §6.1). */
export const folderVisitorApi = {
  tree: (linkId: string, accessKey: string): Promise<FolderLinkTreeJson> => call('POST', visitorPath(linkId, '/tree'), folderLinkTreeResponse, { accessKey }),
  /** One download action (one file, or the whole folder as one zip) counts once against the limit. */
  downloads: (linkId: string, accessKey: string, fileIds: string[], signal?: AbortSignal): Promise<FolderLinkDownloadJson> =>
    call('POST', visitorPath(linkId, '/file-downloads'), folderLinkDownloadResponse, { accessKey, fileIds }, signal),
};
