// The sharing API as typed functions; every response is validated.
import type { z } from 'zod';
import { ApiError } from '@/lib/client/account/api';
import { downloadResponse, okResponse, type DownloadJson } from '@/lib/shared/files';
import {
  contactsResponse, publicKeysResponse, shareListResponse, shareSchema, sharedListResponse,
  type PublicKeysJson, type SharedFileJson, type ShareJson,
} from '@/lib/shared/shares';

async function call<S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown): Promise<z.infer<S>> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
    cache: 'no-store',
  });
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiError(response.status, error?.code ?? 'internal', error?.message ?? `request failed (${response.status})`);
  }
  return schema.parse(json);
}

const sharesPath = (fileId: string, rest = '') => `/api/files/${encodeURIComponent(fileId)}/shares${rest}`;

export const sharingApi = {
  lookup: (email: string): Promise<PublicKeysJson> => call('GET', `/api/users/lookup?email=${encodeURIComponent(email)}`, publicKeysResponse),
  create: (fileId: string, recipientId: string, envelope: string): Promise<ShareJson> => call('POST', sharesPath(fileId), shareSchema, { recipientId, envelope }),
  list: async (fileId: string): Promise<ShareJson[]> => (await call('GET', sharesPath(fileId), shareListResponse)).shares,
  revoke: async (fileId: string, shareId: string): Promise<void> => void (await call('DELETE', sharesPath(fileId, `/${encodeURIComponent(shareId)}`), okResponse)),
  sharedWithMe: async (): Promise<SharedFileJson[]> => (await call('GET', '/api/shared', sharedListResponse)).shared,
  sharedDownloadUrl: (shareId: string): Promise<DownloadJson> => call('GET', `/api/shared/${encodeURIComponent(shareId)}/download`, downloadResponse),
  getContacts: async (): Promise<string | null> => (await call('GET', '/api/contacts', contactsResponse)).encryptedContacts,
  putContacts: async (encryptedContacts: string): Promise<void> => void (await call('PUT', '/api/contacts', okResponse, { encryptedContacts })),
};
