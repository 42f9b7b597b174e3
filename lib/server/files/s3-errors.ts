import 'server-only';
import { S3ServiceException } from '@aws-sdk/client-s3';
import { AppError } from '../errors';

/** True for an S3 error with one of these names (NoSuchUpload, NotFound…). */
export function isS3Error(error: unknown, ...names: string[]): boolean {
  return error instanceof S3ServiceException && names.includes(error.name);
}

/** Storage failures reach the client as 503 without the SDK's message (it may quote keys or URLs). */
export function storageUnavailable(doing: string, cause: unknown): AppError {
  return new AppError('storage_unavailable', `storage is unavailable (${doing}); try again`, {}, { cause });
}

/** Runs a storage call, turning unexpected failures into storageUnavailable. */
export async function storageCall<T>(doing: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw storageUnavailable(doing, error);
  }
}
