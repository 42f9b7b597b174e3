// The folder-sharing API as typed functions; every response is validated.
import { callApi as call } from '../api-call';
import { downloadResponse, okResponse, type DownloadJson } from '@/lib/shared/files';
import {
  folderShareListResponse, folderShareSchema, sharedFolderListResponse, sharedSubtreeResponse,
  type FolderShareJson, type SharedFolderJson, type SharedSubtreeJson,
} from '@/lib/shared/folder-shares';

const sharesPath = (folderId: string, rest = '') => `/api/folders/${encodeURIComponent(folderId)}/shares${rest}`;
const sharedPath = (shareId: string, rest = '') => `/api/shared-folders/${encodeURIComponent(shareId)}${rest}`;

export const folderSharingApi = {
  create: (folderId: string, recipientId: string, envelope: string): Promise<FolderShareJson> =>
    call('POST', sharesPath(folderId), folderShareSchema, { recipientId, envelope }),
  list: async (folderId: string): Promise<FolderShareJson[]> => (await call('GET', sharesPath(folderId), folderShareListResponse)).shares,
  revoke: async (folderId: string, shareId: string): Promise<void> => void (await call('DELETE', sharesPath(folderId, `/${encodeURIComponent(shareId)}`), okResponse)),
  sharedWithMe: async (): Promise<SharedFolderJson[]> => (await call('GET', '/api/shared-folders', sharedFolderListResponse)).shared,
  subtree: (shareId: string): Promise<SharedSubtreeJson> => call('GET', sharedPath(shareId), sharedSubtreeResponse),
  downloadUrl: (shareId: string, fileId: string, signal?: AbortSignal): Promise<DownloadJson> =>
    call('GET', sharedPath(shareId, `/files/${encodeURIComponent(fileId)}/download`), downloadResponse, undefined, signal),
};
