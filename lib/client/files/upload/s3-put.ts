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
  body: Blob,
  options: { signal: AbortSignal; onSent?: (bytes: number) => void },
) => Promise<PutResult>;

export const fetchPutPart: PutPart = async (part, body, { signal }) => {
  const response = await fetch(part.url, {
    method: 'PUT',
    // [Note: Blob bodies upload faster] Chromium 156 sends a typed-array
    // body at 11–20 MiB/s to a local store but a Blob at ~190 MiB/s (same
    // bytes, 4 parts in parallel; docs/benchmarks.md). Parts are made into
    // Blobs in the encryption worker (lib/crypto/file-part.ts), or staged
    // there as OPFS Files, the form the fast baseline sends ([Note: OPFS staging]).
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
