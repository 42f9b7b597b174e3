// A zip of vault files, made as they decrypt (docs/architecture.md, "Zip
// downloads"). client-zip pulls one entry at a time from the async iterable
// below and reads its stream to the end before asking for the next, so only
// one file is being fetched and decrypted at any moment and backpressure runs
// from the save sink through client-zip into the decrypting pipe: memory is a
// few chunks, whatever the total size. Entries are stored, not deflated:
// media and archives do not shrink, and the CPU is busy decrypting.
import { makeZip, predictLength } from 'client-zip';
import { DamagedFileError, downloadFile, type DownloadOptions } from '../download/download-engine';
import type { ZipPlanEntry } from './zip-paths';
import { UserFacingError } from '@/lib/shared/user-facing-error';

/** A file of the zip did not decrypt: the zip stops there and its message names the file. */
export class ZipEntryError extends UserFacingError {
  override name = 'ZipEntryError';
  constructor(readonly path: string, options: { cause: unknown }) {
    super(options.cause instanceof DamagedFileError
      ? `“${path}” was altered or damaged, so the zip was stopped and nothing was saved. Download the other items without it, or delete it.`
      : `“${path}” could not be downloaded, so the zip was stopped and nothing was saved. Try again.`, options);
  }
}

export interface ZipSource {
  api: DownloadOptions['api'];
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Plaintext bytes of the files decrypted so far. */
  onPlaintext?: (bytes: number) => void;
}

function metadataOf(entry: ZipPlanEntry) {
  return entry.kind === 'folder' ? { name: entry.path } : { name: entry.path, size: entry.file.plaintextSize };
}

/**
 * client-zip writes ZIP64 end records only past 4 GiB; past 65,535 entries it clamps the classic count, and
 * Info-ZIP's `unzip -t` then reports the archive as damaged. Refusing up front beats a zip that may not open.
 */
export const MAX_ZIP_ENTRIES = 65_535;

export class ZipTooManyEntriesError extends UserFacingError {
  override name = 'ZipTooManyEntriesError';
  constructor(count: number) {
    super(`This selection holds ${count.toLocaleString('en')} files and folders, more than one zip can hold (${MAX_ZIP_ENTRIES.toLocaleString('en')}). Download it in smaller parts, one folder at a time.`);
  }
}

/** The exact byte length of the zip of `entries` (ZIP64 records included when needed). */
export function zipLength(entries: readonly ZipPlanEntry[]): number {
  if (entries.length > MAX_ZIP_ENTRIES) throw new ZipTooManyEntriesError(entries.length);
  return Number(predictLength(entries.map(metadataOf)));
}

export interface ZipRun {
  stream: ReadableStream<Uint8Array>;
  /** The first entry that failed, once one has: its error says which file it was. */
  failure(): ZipEntryError | undefined;
  /** Resolves once the file being decrypted now has finished or failed (so failure() is known). */
  settled(): Promise<void>;
}

/** Starts nothing until the stream is read; then fetches and decrypts each file in turn. */
export function zipStream(entries: readonly ZipPlanEntry[], source: ZipSource): ZipRun {
  let failed: ZipEntryError | undefined;
  let current: Promise<void> = Promise.resolve();
  async function* items() {
    for (const entry of entries) {
      if (entry.kind === 'folder') {
        yield { name: entry.path, lastModified: entry.lastModified };
        continue;
      }
      const { file } = entry;
      const pipe = new TransformStream<Uint8Array, Uint8Array>({
        transform(piece, controller) {
          controller.enqueue(piece);
          source.onPlaintext?.(piece.length);
        },
      });
      // format.md §4: the metadata's size must match the ciphertext's (see saveFile).
      const done = file.metadata.size !== file.plaintextSize
        ? pipe.writable.abort(new DamagedFileError()).then(() => Promise.reject(new DamagedFileError()))
        : downloadFile({ fileId: file.id, fileKey: file.fileKey, api: source.api, fetch: source.fetch, signal: source.signal, sink: pipe.writable });
      // Recorded before client-zip sees the stream fail, so the caller can name the file.
      current = done.catch((cause: unknown) => void (failed ??= new ZipEntryError(entry.path, { cause })));
      yield { name: entry.path, lastModified: entry.lastModified, size: file.plaintextSize, input: pipe.readable };
      // client-zip has read the whole stream by now; a failure has already errored it.
      await done.catch((cause: unknown) => {
        throw failed ?? cause;
      });
    }
  }
  return { stream: makeZip(items(), { buffersAreUTF8: true }), failure: () => failed, settled: () => current };
}
