// The public-links API as typed functions; every response is validated.
import { callApi as call } from '../api-call';
import { downloadResponse, okResponse, type DownloadJson } from '@/lib/shared/files';
import {
  linkInfoResponse, linkListResponse, linkSchema, openLinkResponse,
  type CreateLinkRequest, type LinkInfoJson, type LinkJson, type OpenLinkJson,
} from '@/lib/shared/links';
import { sharingActivityResponse, type SharingActivityJson } from '@/lib/shared/shares';

const ownerPath = (fileId: string, rest = '') => `/api/files/${encodeURIComponent(fileId)}/links${rest}`;
const visitorPath = (linkId: string, rest = '') => `/api/links/${encodeURIComponent(linkId)}${rest}`;

export const linksApi = {
  create: (fileId: string, body: CreateLinkRequest): Promise<LinkJson> => call('POST', ownerPath(fileId), linkSchema, body),
  list: async (fileId: string): Promise<LinkJson[]> => (await call('GET', ownerPath(fileId), linkListResponse)).links,
  revoke: async (fileId: string, linkId: string): Promise<void> => void (await call('DELETE', ownerPath(fileId, `/${encodeURIComponent(linkId)}`), okResponse)),
  activity: (): Promise<SharingActivityJson> => call('GET', '/api/sharing', sharingActivityResponse),
};

/** What a visitor's browser calls: no session, the access key instead (format.md §6.1). */
export const visitorApi = {
  info: (linkId: string): Promise<LinkInfoJson> => call('GET', visitorPath(linkId), linkInfoResponse),
  open: (linkId: string, accessKey: string): Promise<OpenLinkJson> => call('POST', visitorPath(linkId, '/open'), openLinkResponse, { accessKey }),
  download: (linkId: string, accessKey: string, signal?: AbortSignal): Promise<DownloadJson> =>
    call('POST', visitorPath(linkId, '/download'), downloadResponse, { accessKey }, signal),
};
