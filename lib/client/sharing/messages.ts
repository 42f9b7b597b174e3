// Plain-language messages for sharing. Key warnings are shown word for word:
// they are the point of the feature.
import { ApiError } from '@/lib/client/api-call';
import { fileErrorMessage } from '@/lib/client/files/messages';
import { UserFacingError } from '@/lib/shared/user-facing-error';

/** A sharing refusal written for the user ([Note: user-facing errors]). */
export class SharingError extends UserFacingError {
  override name = 'SharingError';
}

export function sharingErrorMessage(error: unknown, action: string): string {
  // A SharingError, an IdentityKeyChangedError, or any other message written for the user.
  if (error instanceof UserFacingError) return error.message;
  if (error instanceof ApiError && error.code === 'not_found' && action === 'look up that person') return 'No Twofold account uses that email.';
  if (error instanceof ApiError && error.code === 'conflict') return 'This file is already shared with that person.';
  if (error instanceof ApiError && error.code === 'bad_request') return `That request was not accepted, so we could not ${action}.`;
  return fileErrorMessage(error, action);
}
