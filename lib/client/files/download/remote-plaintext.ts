// A stored file's plaintext as a Blob-like source, read on this thread with
// HTTP Range requests on a presigned GET (lib/crypto/remote-source.ts), with
// the URL renewed as it nears expiry. Re-encryption
// (lib/client/sharing/reencrypt-file.ts) reads its old copy here where no
// worker runs, and hands the worker `spec()` otherwise
// ([Note: re-encryption in the worker]). The upload engine reads it part by
// part, so a re-encryption holds only the parts in flight, never the whole
// file: about parallelism × part size.
import type { FileContext } from '@/lib/crypto/file-context';
import {
  fetchCiphertextRange, openRemoteContext, remotePlaintextSource, RemoteUrlRefusedError, type RemoteFileSpec,
} from '@/lib/crypto/remote-source';
import type { PlaintextSource } from '../upload/part-encryptor';

export { RemoteReadError } from '@/lib/crypto/remote-source';

/** A presigned GET of the ciphertext, as /api/files/[id]/download answers. */
export interface SignedGet {
  url: string;
  expiresAt: string;
}

export interface RemotePlaintextOptions {
  /** The stored file's key (non-extractable HKDF key). */
  fileKey: CryptoKey;
  ciphertextSize: number;
  chunkSize: number;
  /** A fresh presigned GET; called again when the current one nears expiry or is refused. */
  signGet: (signal?: AbortSignal) => Promise<SignedGet>;
  signal?: AbortSignal;
  fetch?: typeof fetch;
  now?: () => number;
}

/**
 * S3 checks a presigned URL's expiry when a request starts, not while it
 * streams; a margin keeps a request from starting a moment too late. The
 * worker starts its read as soon as it gets a URL, so the same margin serves it.
 */
const REFRESH_MARGIN_MS = 10_000;

class SignedUrlCache {
  private current: { url: string; expiresAtMs: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(private readonly options: RemotePlaintextOptions, private readonly now: () => number) {}

  /** A URL that stays valid for at least the margin; concurrent callers share one refresh. */
  async url(forceFresh = false): Promise<string> {
    if (!forceFresh && this.current && this.current.expiresAtMs - this.now() > REFRESH_MARGIN_MS) return this.current.url;
    this.pending ??= this.options.signGet(this.options.signal).then((signed) => {
      this.current = { url: signed.url, expiresAtMs: Date.parse(signed.expiresAt) };
      return signed.url;
    }).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }
}

export interface RemotePlaintext extends PlaintextSource {
  /** What the crypto worker needs to read the same file itself; `fresh` after the store refused the last URL. */
  spec(fresh?: boolean): Promise<RemoteFileSpec>;
}

/** Ranges on this thread: a refused URL (expired after all: clock skew, a long stall) is renewed once. */
function rangeReader(options: RemotePlaintextOptions, urls: SignedUrlCache) {
  return async (first: number, lastInclusive: number): Promise<Uint8Array> => {
    const at = async (fresh: boolean) => ({ url: await urls.url(fresh), fetch: options.fetch, signal: options.signal });
    try {
      return await fetchCiphertextRange(await at(false), first, lastInclusive);
    } catch (error) {
      if (!(error instanceof RemoteUrlRefusedError)) throw error;
      return fetchCiphertextRange(await at(true), first, lastInclusive);
    }
  };
}

/**
 * Opens the stored file for reading: fetches the header (bytes 0..73) and
 * checks it against the file key's commitment before any chunk is read.
 */
export async function openRemotePlaintext(options: RemotePlaintextOptions): Promise<RemotePlaintext> {
  const urls = new SignedUrlCache(options, options.now ?? Date.now);
  const readRange = rangeReader(options, urls);
  const context: FileContext = await openRemoteContext(options.fileKey, readRange);
  const source = remotePlaintextSource(context, options.ciphertextSize, readRange);
  return {
    size: source.size,
    slice: (start, end) => source.slice(start, end),
    spec: async (fresh = false) => ({
      fileKey: options.fileKey, ciphertextSize: options.ciphertextSize, chunkSize: options.chunkSize, url: await urls.url(fresh),
    }),
  };
}
