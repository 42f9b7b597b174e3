// What each API route takes, for the fuzzer: the request schema of its body
// (the same zod schema the handler parses) and any query. Keyed by route
// template and method; route-fuzz.spec.ts checks this table against
// route-inventory.ts both ways, so no route escapes it.
import type { z } from 'zod';
import {
  changePasswordRequest, loginStartRequest, reauthStartRequest, recoveryFinishRequest, recoveryStartRequest,
  confirmRecoveryKeyRequest, regenerateRecoveryKeyRequest, registerFinishRequest, registerStartRequest,
} from '@/lib/shared/accounts';
import { completeUploadRequest, createUploadRequest, presignPartsRequest, renameFileRequest } from '@/lib/shared/files';
import { createFolderShareRequest } from '@/lib/shared/folder-shares';
import { createFolderRequest, itemsRequest, moveItemsRequest, renameFolderRequest, restoreItemsRequest } from '@/lib/shared/folders';
import { createFolderLinkRequest, folderLinkDownloadRequest } from '@/lib/shared/folder-links';
import { createLinkRequest, linkAccessRequest } from '@/lib/shared/links';
import { createShareRequest, putContactsRequest, reshareRequest } from '@/lib/shared/shares';
import { thumbnailUploadRequest } from '@/lib/shared/thumbnails';
import type { HttpMethod } from './route-inventory';

export interface Endpoint {
  /** The JSON body's schema; absent for routes that read no body. */
  body?: z.ZodType;
  /** Query parameters the route reads, fuzzed as strings. */
  query?: string[];
  /** Catch-all routes: segment values worth trying besides random ones. */
  catchAll?: string[];
  /** Ends the session (sign out everywhere): fuzzed last when signed in. */
  endsSession?: boolean;
}

export const ROUTE_TABLE: Record<string, Partial<Record<HttpMethod, Endpoint>>> = {
  '/api/account': { GET: {} },
  '/api/account/password': { PUT: { body: changePasswordRequest } },
  '/api/account/reauth': { POST: { body: reauthStartRequest } },
  '/api/account/recovery-key': { PUT: { body: regenerateRecoveryKeyRequest } },
  '/api/account/recovery-key/confirm': { POST: { body: confirmRecoveryKeyRequest } },
  '/api/account/sessions': { GET: {}, DELETE: { endsSession: true } },
  '/api/account/sessions/[sessionId]': { DELETE: {} },
  '/api/account/sessions/others': { DELETE: {} },
  '/api/auth/[...nextauth]': {
    GET: { catchAll: ['session', 'csrf', 'providers', 'callback/opaque', 'signin', 'error'] },
    POST: { catchAll: ['callback/opaque', 'signin/opaque', '_log'] },
  },
  '/api/csp-report': { POST: {} },
  '/api/contacts': { GET: {}, PUT: { body: putContactsRequest } },
  '/api/files': { GET: {}, POST: { body: createUploadRequest } },
  '/api/folders': { GET: {}, POST: { body: createFolderRequest } },
  '/api/folders/[id]': { GET: {}, PATCH: { body: renameFolderRequest } },
  '/api/folders/[id]/shares': { GET: {}, POST: { body: createFolderShareRequest } },
  '/api/folders/[id]/shares/[shareId]': { DELETE: {} },
  '/api/shared-folders': { GET: {} },
  '/api/shared-folders/[shareId]': { GET: {} },
  '/api/shared-folders/[shareId]/files/[fileId]/download': { GET: {} },
  '/api/folders/[id]/links': { GET: {}, POST: { body: createFolderLinkRequest } },
  '/api/folders/[id]/links/[linkId]': { DELETE: {} },
  '/api/items/move': { POST: { body: moveItemsRequest } },
  '/api/items/trash': { POST: { body: itemsRequest } },
  '/api/items/restore': { POST: { body: restoreItemsRequest } },
  '/api/items/delete': { POST: { body: itemsRequest } },
  '/api/trash/empty': { POST: {} },
  '/api/files/[id]': { GET: {}, PATCH: { body: renameFileRequest }, DELETE: {} },
  '/api/files/[id]/complete': { POST: { body: completeUploadRequest } },
  '/api/files/[id]/download': { GET: {} },
  '/api/files/[id]/layers': { GET: {} },
  '/api/files/[id]/links': { GET: {}, POST: { body: createLinkRequest } },
  '/api/files/[id]/links/[linkId]': { DELETE: {} },
  '/api/files/[id]/parts': { POST: { body: presignPartsRequest } },
  '/api/files/[id]/shares': { GET: {}, POST: { body: createShareRequest } },
  '/api/files/[id]/shares/[shareId]': { DELETE: {} },
  '/api/files/[id]/thumbnail': { GET: {}, POST: { body: thumbnailUploadRequest } },
  '/api/health': { GET: {} },
  '/api/health/live': { GET: {} },
  '/api/health/ready': { GET: {} },
  '/api/links/[linkId]': { GET: {} },
  '/api/links/[linkId]/download': { POST: { body: linkAccessRequest } },
  '/api/links/[linkId]/file-downloads': { POST: { body: folderLinkDownloadRequest } },
  '/api/links/[linkId]/open': { POST: { body: linkAccessRequest } },
  '/api/links/[linkId]/tree': { POST: { body: linkAccessRequest } },
  '/api/login/start': { POST: { body: loginStartRequest } },
  '/api/metrics': { GET: {} },
  '/api/recovery/finish': { POST: { body: recoveryFinishRequest } },
  '/api/recovery/start': { POST: { body: recoveryStartRequest } },
  '/api/register/finish': { POST: { body: registerFinishRequest } },
  '/api/register/start': { POST: { body: registerStartRequest } },
  '/api/shared': { GET: {} },
  '/api/shared/[shareId]/download': { GET: {} },
  '/api/shared/[shareId]/thumbnail': { GET: {} },
  '/api/shared/[shareId]/file': { DELETE: {} },
  '/api/shared/[shareId]/shares': { POST: { body: reshareRequest } },
  '/api/sharing': { GET: {} },
  '/api/usage': { GET: {} },
  '/api/users/lookup': { GET: { query: ['email'] } },
};
