// The folders, bulk and trash API as typed functions; every response is validated.
import { callApi as call } from '../api-call';
import {
  bulkResponse, emptyTrashResponse, folderListResponse, folderSchema,
  type BulkResponse, type CreateFolderRequest, type FolderJson, type ItemRef, type MoveItemsRequest, type RestoreItemsRequest,
} from '@/lib/shared/folders';

export interface FoldersApi {
  list(): Promise<FolderJson[]>;
  create(body: CreateFolderRequest): Promise<FolderJson>;
  rename(id: string, encryptedMetadata: string): Promise<FolderJson>;
  move(body: MoveItemsRequest): Promise<BulkResponse>;
  trash(items: ItemRef[]): Promise<BulkResponse>;
  restore(items: RestoreItemsRequest['items']): Promise<BulkResponse>;
  deleteForever(items: ItemRef[]): Promise<BulkResponse>;
  emptyTrash(): Promise<{ files: number; folders: number }>;
}

export const foldersApi: FoldersApi = {
  list: async () => (await call('GET', '/api/folders', folderListResponse)).folders,
  create: (body) => call('POST', '/api/folders', folderSchema, body),
  rename: (id, encryptedMetadata) => call('PATCH', `/api/folders/${encodeURIComponent(id)}`, folderSchema, { encryptedMetadata }),
  move: (body) => call('POST', '/api/items/move', bulkResponse, body),
  trash: (items) => call('POST', '/api/items/trash', bulkResponse, { items }),
  restore: (items) => call('POST', '/api/items/restore', bulkResponse, { items }),
  deleteForever: (items) => call('POST', '/api/items/delete', bulkResponse, { items }),
  emptyTrash: () => call('POST', '/api/trash/empty', emptyTrashResponse),
};
