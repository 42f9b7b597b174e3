// A stored file's plaintext as a Blob-like source (size + slice().arrayBuffer()),
// read with HTTP Range requests on a presigned GET and decrypted chunk by
// chunk (docs/format.md §1.4). The upload engine reads it part by part, so a
// re-encryption (lib/client/sharing/reencrypt-file.ts) holds only the parts
// in flight, never the whole file: about parallelism × part size.
//
// Every byte handed out has authenticated under the old file key: the header
// is checked against the key's commitment when the source opens, and each
// chunk authenticates as it is decrypted. A failure is an IntegrityError
// (or FormatError), which the caller reports as damage.
import { HEADER_LENGTH } from '@/lib/crypto/constants';
import { IntegrityError } from '@/lib/crypto/errors';
import { openFileContext, type FileContext } from '@/lib/crypto/file-context';
import { plaintextSizeFromCiphertextSize } from '@/lib/crypto/file-format';
import { ciphertextRangeForPlaintextRange, decryptChunkRange, HEADER_BYTE_RANGE } from '@/lib/crypto/range';
import type { PlaintextSource } from '../upload/part-encryptor';

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
 * streams; a margin keeps a request from starting a moment too late.
 */
const REFRESH_MARGIN_MS = 10_000;

/** The stored object no longer answers as it should (HTTP error): not damage, but nothing to re-encrypt from. */
export class RemoteReadError extends Error {
  override name = 'RemoteReadError';
}

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

class RemotePlaintext implements PlaintextSource {
  readonly size: number;

  constructor(
    private readonly options: RemotePlaintextOptions,
    private readonly context: FileContext,
    private readonly urls: SignedUrlCache,
  ) {
    this.size = plaintextSizeFromCiphertextSize(options.ciphertextSize, options.chunkSize);
  }

  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> } {
    // Blob.slice's clamping; negative offsets are not needed by the engine.
    const from = Math.min(Math.max(0, start), this.size);
    const to = Math.min(Math.max(from, end), this.size);
    return { arrayBuffer: () => this.read(from, to) };
  }

  private async read(start: number, end: number): Promise<ArrayBuffer> {
    if (end === start) return new ArrayBuffer(0);
    const { chunkSize, ciphertextSize } = this.options;
    const range = ciphertextRangeForPlaintextRange(start, end, chunkSize, this.size);
    const ciphertext = await fetchRange(this.options, this.urls, range.byteStart, range.byteEndInclusive);
    const plaintext = await decryptChunkRange(this.context, ciphertextSize, range.firstChunk, ciphertext);
    return plaintext.slice(range.plaintextOffset, range.plaintextOffset + (end - start)).buffer as ArrayBuffer;
  }
}

/** Bytes [first, lastInclusive] of the object; a short or long answer is damage, like a bad chunk. */
async function fetchRange(options: RemotePlaintextOptions, urls: SignedUrlCache, first: number, lastInclusive: number): Promise<Uint8Array> {
  const doFetch = options.fetch ?? fetch;
  const request = async (url: string) => doFetch(url, {
    headers: { Range: `bytes=${first}-${lastInclusive}` },
    signal: options.signal,
    // The URL is the credential: no cookies go to the store.
    credentials: 'omit',
    cache: 'no-store',
  });
  let response = await request(await urls.url());
  if (response.status === 403) {
    // Expired after all (clock skew, a long stall): one fresh URL.
    await response.arrayBuffer().catch(() => undefined);
    response = await request(await urls.url(true));
  }
  if (response.status !== 206 && response.status !== 200) {
    await response.arrayBuffer().catch(() => undefined);
    throw new RemoteReadError(`reading the stored file failed (HTTP ${response.status})`);
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length !== lastInclusive - first + 1) throw new IntegrityError();
  return bytes;
}

/**
 * Opens the stored file for reading: fetches the header (bytes 0..73) and
 * checks it against the file key's commitment before any chunk is read.
 */
export async function openRemotePlaintext(options: RemotePlaintextOptions): Promise<PlaintextSource> {
  const urls = new SignedUrlCache(options, options.now ?? Date.now);
  const header = await fetchRange(options, urls, HEADER_BYTE_RANGE.byteStart, HEADER_BYTE_RANGE.byteEndInclusive);
  if (header.length !== HEADER_LENGTH) throw new IntegrityError();
  const context = await openFileContext(options.fileKey, header);
  return new RemotePlaintext(options, context, urls);
}
