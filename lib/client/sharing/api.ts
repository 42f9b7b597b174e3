// The sharing API as typed functions; every response is validated.
import { callApi as call } from '../api-call';
import { downloadResponse, okResponse, type DownloadJson } from '@/lib/shared/files';
import {
  contactsResponse, publicKeysResponse, shareListResponse, shareSchema, sharedListResponse,
  type PublicKeysJson, type SharedFileJson, type ShareJson,
} from '@/lib/shared/shares';

const sharesPath = (fileId: string, rest = '') => `/api/files/${encodeURIComponent(fileId)}/shares${rest}`;

export const sharingApi = {
  lookup: (email: string): Promise<PublicKeysJson> => call('GET', `/api/users/lookup?email=${encodeURIComponent(email)}`, publicKeysResponse),
  create: (fileId: string, recipientId: string, envelope: string, permissions: { canReshare?: boolean; canDelete?: boolean } = {}): Promise<ShareJson> =>
    call('POST', sharesPath(fileId), shareSchema, { recipientId, envelope, canReshare: permissions.canReshare ?? false, canDelete: permissions.canDelete ?? false }),
  /** A recipient the owner allowed to re-share seals the key to someone else. */
  reshare: (shareId: string, recipientId: string, envelope: string): Promise<ShareJson> =>
    call('POST', `/api/shared/${encodeURIComponent(shareId)}/shares`, shareSchema, { recipientId, envelope }),
  /** A recipient the owner allowed to delete removes the file for everyone. */
  deleteShared: async (shareId: string): Promise<void> => void (await call('DELETE', `/api/shared/${encodeURIComponent(shareId)}/file`, okResponse)),
  list: async (fileId: string): Promise<ShareJson[]> => (await call('GET', sharesPath(fileId), shareListResponse)).shares,
  revoke: async (fileId: string, shareId: string): Promise<void> => void (await call('DELETE', sharesPath(fileId, `/${encodeURIComponent(shareId)}`), okResponse)),
  sharedWithMe: async (): Promise<SharedFileJson[]> => (await call('GET', '/api/shared', sharedListResponse)).shared,
  sharedDownloadUrl: (shareId: string): Promise<DownloadJson> => call('GET', `/api/shared/${encodeURIComponent(shareId)}/download`, downloadResponse),
  getContacts: async (): Promise<string | null> => (await call('GET', '/api/contacts', contactsResponse)).encryptedContacts,
  putContacts: async (encryptedContacts: string): Promise<void> => void (await call('PUT', '/api/contacts', okResponse, { encryptedContacts })),
};
