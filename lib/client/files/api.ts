// The files API as typed functions. Every response is validated with the
// shared zod schema before anything trusts it (conventions: validate every response).
import { ApiError, callApi as call } from '../api-call';
import {
  createUploadResponse, downloadResponse, fileListResponse, fileSchema, layersResponse, okResponse, presignPartsResponse,
  usageResponse,
  type CompleteUploadRequest, type CreateUploadRequest, type CreateUploadResponse, type DownloadJson, type FileJson,
  type LayersJson, type PresignedPart, type UsageJson,
} from '@/lib/shared/files';

export { ApiError };

const filePath = (id: string, rest = '') => `/api/files/${encodeURIComponent(id)}${rest}`;

export interface FilesApi {
  createUpload(body: CreateUploadRequest, signal?: AbortSignal): Promise<CreateUploadResponse>;
  presignParts(id: string, partNumbers: number[], signal?: AbortSignal): Promise<PresignedPart[]>;
  complete(id: string, body: CompleteUploadRequest, signal?: AbortSignal): Promise<FileJson>;
  /**
   * Aborts a pending upload or deletes a ready file. `keepalive` sends it so
   * that a reload or close just after does not cut it off (Cancel).
   */
  remove(id: string, options?: { keepalive?: boolean }): Promise<void>;
  list(): Promise<FileJson[]>;
  get(id: string): Promise<FileJson>;
  rename(id: string, encryptedMetadata: string): Promise<FileJson>;
  downloadUrl(id: string, signal?: AbortSignal): Promise<DownloadJson>;
  layers(id: string): Promise<LayersJson>;
  usage(): Promise<UsageJson>;
}

export const filesApi: FilesApi = {
  createUpload: (body, signal) => call('POST', '/api/files', createUploadResponse, body, signal),
  presignParts: async (id, partNumbers, signal) => (await call('POST', filePath(id, '/parts'), presignPartsResponse, { partNumbers }, signal)).parts,
  complete: (id, body, signal) => call('POST', filePath(id, '/complete'), fileSchema, body, signal),
  remove: async (id, options) => void (await call('DELETE', filePath(id), okResponse, undefined, undefined, { keepalive: options?.keepalive === true })),
  list: async () => (await call('GET', '/api/files', fileListResponse)).files,
  get: (id) => call('GET', filePath(id), fileSchema),
  rename: (id, encryptedMetadata) => call('PATCH', filePath(id), fileSchema, { encryptedMetadata }),
  downloadUrl: (id, signal) => call('GET', filePath(id, '/download'), downloadResponse, undefined, signal),
  layers: (id) => call('GET', filePath(id, '/layers'), layersResponse),
  usage: () => call('GET', '/api/usage', usageResponse),
};
