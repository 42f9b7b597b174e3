// The one request the browser makes to the bucket when uploading: a PUT to a
// presigned URL with exactly the headers the server signed (for a single
// PUT, the SSE-KMS headers; the store refuses the request without them).
import type { PresignedPart } from '@/lib/shared/files';

export interface PutResult {
  status: number;
  /** S3's ETag response header; needed to complete a multipart upload (CORS must expose it). */
  etag: string | null;
}

/**
 * Sends one part. Resolves with any HTTP status (the engine decides about
 * retries) and rejects on network failure or abort. `onSent` lets a transport
 * with upload progress (XHR) report partial bytes; fetch cannot.
 */
export type PutPart = (
  part: PresignedPart,
  body: Uint8Array<ArrayBuffer>,
  options: { signal: AbortSignal; onSent?: (bytes: number) => void },
) => Promise<PutResult>;

export const fetchPutPart: PutPart = async (part, body, { signal }) => {
  const response = await fetch(part.url, {
    method: 'PUT',
    body,
    headers: part.headers,
    signal,
    // The URL is the credential: no cookies go to the store.
    credentials: 'omit',
    cache: 'no-store',
  });
  await response.arrayBuffer().catch(() => undefined); // frees the connection
  return { status: response.status, etag: response.headers.get('ETag') };
};
