// The browser's error model: what a person reads when an action fails.
// Three kinds of failure reach a component ([Note: user-facing errors]):
// - a UserFacingError: its message was written for the user and is shown as is;
// - an ApiError: its ErrorCode picks the message from one table;
// - anything else (a bug, a browser failure): the generic message, so no
//   stack and no internal ever reaches the page.
// Feature mappers (files/messages.ts, links/, sharing/, account) handle their
// own cases first and end here. Nothing matches an error by name or message,
// except the browser's own signals (browser-errors.ts).
import type { ErrorCode } from '@/lib/shared/errors';
import { UserFacingError } from '@/lib/shared/user-facing-error';
import { ApiError } from './api-call';
import { isNetworkFailure } from './browser-errors';

/** When nothing more specific is known; `action` reads as "upload report.pdf", "rename the folder". */
export function genericErrorMessage(action: string): string {
  return `Something went wrong and we could not ${action}. Please try again.`;
}

/** One message per code the API can answer with; `action` as for genericErrorMessage. */
export const API_ERROR_MESSAGES: { readonly [C in ErrorCode]: (action: string, error: ApiError) => string } = {
  bad_request: (action) => `That request was not accepted, so we could not ${action}.`,
  unauthorized: () => 'Your session has ended. Sign in again to continue.',
  forbidden: (action) => `You do not have access to that, so we could not ${action}.`,
  wrong_password: () => 'Wrong password. Check it and try again.',
  not_found: () => 'That file no longer exists. It may have been deleted in another tab.',
  // Folder and bulk refusals (409) are written for people: "a folder cannot move into itself…".
  conflict: (action, error) => `Could not ${action}: ${error.message}.`,
  gone: (action) => `That is no longer available, so we could not ${action}.`,
  payload_too_large: () => 'That file is too large for Twofold.',
  quota_exceeded: (action) => `Not enough storage left to ${action}. Delete some files and try again.`,
  rate_limited: () => 'Too many requests. Wait a moment and try again.',
  storage_unavailable: (action) => `Storage is not reachable right now, so we could not ${action}. Try again shortly.`,
  not_ready: (action) => `Twofold is still starting, so we could not ${action}. Try again in a moment.`,
  internal: genericErrorMessage,
};

/** The message for any failure of `action`. */
export function userErrorMessage(error: unknown, action: string): string {
  if (error instanceof UserFacingError) return error.message;
  if (error instanceof ApiError) return API_ERROR_MESSAGES[error.code](action, error);
  if (isNetworkFailure(error)) return `The network connection failed, so we could not ${action}. Check your connection and try again.`;
  return genericErrorMessage(action);
}
