// Plain-language messages for sharing. Key warnings are shown word for word:
// they are the point of the feature.
import { ApiError } from '@/lib/client/account/api';
import { fileErrorMessage } from '@/lib/client/files/messages';

/** An error whose message is written for the user. */
export class SharingError extends Error {
  override name = 'SharingError';
}

export function sharingErrorMessage(error: unknown, action: string): string {
  if (error instanceof Error && (error.name === 'SharingError' || error.name === 'IdentityKeyChangedError')) return error.message;
  if (error instanceof ApiError && error.code === 'not_found' && action === 'look up that person') return 'No Twofold account uses that email.';
  if (error instanceof ApiError && error.code === 'conflict') return 'This file is already shared with that person.';
  if (error instanceof ApiError && error.code === 'bad_request') return `That request was not accepted, so we could not ${action}.`;
  return fileErrorMessage(error, action);
}
