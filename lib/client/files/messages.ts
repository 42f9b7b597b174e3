// Plain-language messages for file actions. Never a stack trace, never a
// server internal: what happened and what the user can do.
import { ApiError } from './api';

export function fileErrorMessage(error: unknown, action: string): string {
  if (error instanceof ApiError) {
    if (error.code === 'quota_exceeded') return `Not enough storage left to ${action}. Delete some files and try again.`;
    if (error.code === 'unauthorized') return 'Your session has ended. Sign in again to continue.';
    if (error.code === 'not_found') return 'That file no longer exists. It may have been deleted in another tab.';
    if (error.code === 'rate_limited') return 'Too many requests. Wait a moment and try again.';
    if (error.code === 'storage_unavailable') return `Storage is not reachable right now, so we could not ${action}. Try again shortly.`;
    if (error.code === 'payload_too_large') return 'That file is too large for Twofold.';
    // Folder and bulk refusals (409) are written for people: "a folder cannot move into itself…".
    if (error.code === 'conflict') return `Could not ${action}: ${error.message}.`;
  }
  if (error instanceof Error) {
    // These carry messages written for users.
    if (['DamagedFileError', 'TooLargeForBrowserError', 'PreviewTooLargeError', 'FolderError', 'ZipEntryError', 'ZipTooManyEntriesError', 'StorageUnavailableError'].includes(error.name)) return error.message;
    if (error.name === 'IntegrityError' || error.name === 'FormatError') return 'This file was altered or damaged and cannot be opened.';
    if (error.name === 'NotReadableError') return 'The browser could not read that file from your device. Select it again.';
    if (error instanceof TypeError && /fetch|network/i.test(error.message)) return `The network connection failed, so we could not ${action}. Check your connection and try again.`;
  }
  return `Something went wrong and we could not ${action}. Please try again.`;
}

export function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'SaveCancelledError');
}
