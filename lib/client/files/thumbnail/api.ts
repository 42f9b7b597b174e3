// The thumbnail API as typed functions, each response validated (lib/shared/thumbnails.ts).
import { callApi as call } from '../../api-call';
import { thumbnailResponse, thumbnailUploadResponse, type ThumbnailJson, type ThumbnailUploadJson } from '@/lib/shared/thumbnails';

const path = (id: string) => `/api/files/${encodeURIComponent(id)}/thumbnail`;

export const thumbnailsApi = {
  presignUpload: (fileId: string, size: number, signal?: AbortSignal): Promise<ThumbnailUploadJson> =>
    call('POST', path(fileId), thumbnailUploadResponse, { size }, signal),
  url: (fileId: string, signal?: AbortSignal): Promise<ThumbnailJson> => call('GET', path(fileId), thumbnailResponse, undefined, signal),
  sharedUrl: (shareId: string, signal?: AbortSignal): Promise<ThumbnailJson> =>
    call('GET', `/api/shared/${encodeURIComponent(shareId)}/thumbnail`, thumbnailResponse, undefined, signal),
};
