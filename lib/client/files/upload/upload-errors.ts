// Errors the upload engine distinguishes, because the manager acts on them
// differently (docs/uploads.md): an interrupted upload stays resumable; a
// changed plaintext forces a new key and salt; anything else is discarded.
export { SourceChangedError } from '@/lib/crypto/file-part';
import { UserFacingError } from '@/lib/shared/user-facing-error';

/** The network or the store stayed unreachable; everything acknowledged so far is kept for a resume. */
export class UploadInterruptedError extends UserFacingError {
  override name = 'UploadInterruptedError';
  /** The pending upload that was kept, once the manager knows it: a Retry continues it. */
  uploadId?: string;
  constructor(detail: string, options?: { cause?: unknown }) {
    super(`The upload was interrupted (${detail}); it can be resumed.`, options);
  }
}

/**
 * A re-selected file's plaintext differs from what was already encrypted
 * under this upload's header: re-encrypting it would reuse nonces, so the
 * upload must start over with a new key and salt (format.md §1.6).
 */
export class PlaintextChangedError extends Error {
  override name = 'PlaintextChangedError';
  constructor(partNumber: number) {
    super(`part ${partNumber} of the re-selected file differs from what was uploaded before`);
  }
}

/** The file picked to resume is not the one that was being uploaded (another name or size). */
export class ResumeMismatchError extends UserFacingError {
  override name = 'ResumeMismatchError';
}
