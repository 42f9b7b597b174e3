// In-browser preview: decrypt a whole file into memory (small files only)
// and hand the UI something safe to render. Nothing is written anywhere and
// the caller revokes the object URL when the preview closes.
import { filesApi } from '../api';
import { downloadFile, type DownloadOptions } from './download-engine';
import type { OpenedFile } from '../file-list';
import type { TransferProgress } from '../net/progress';
import { UserFacingError } from '@/lib/shared/user-facing-error';

/** Previews hold the whole plaintext in memory, twice for a moment (pieces, then Blob). */
export const PREVIEW_LIMIT = 64 * 1024 * 1024;
/** A <pre> with many megabytes of text makes the page crawl; the rest is one download away. */
export const TEXT_PREVIEW_CHARS = 1024 * 1024;

export type PreviewKind = 'image' | 'pdf' | 'text' | 'audio' | 'video';

// Raster formats only. An SVG can carry script, and a blob: URL has this
// page's origin, so an SVG opened in its own tab would run in the vault;
// SVGs are shown as text instead.
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp']);
const TEXT_EXTENSIONS = /\.(txt|md|csv|tsv|json|log|xml|ya?ml|toml|ini|svg|html?|css|js|ts|tsx|py|rs|go|sh|c|h|cpp|java)$/i;

export function previewKind(file: OpenedFile): PreviewKind | null {
  const type = file.metadata.type.toLowerCase().split(';')[0]!.trim();
  if (IMAGE_TYPES.has(type)) return 'image';
  if (type === 'application/pdf') return 'pdf';
  if (type.startsWith('audio/')) return 'audio';
  if (type.startsWith('video/')) return 'video';
  if (type.startsWith('text/') || type === 'application/json' || type === 'image/svg+xml' || TEXT_EXTENSIONS.test(file.metadata.name)) return 'text';
  return null;
}

export type Preview =
  | { kind: 'text'; text: string; truncated: boolean }
  | { kind: Exclude<PreviewKind, 'text'>; url: string };

export class PreviewTooLargeError extends UserFacingError {
  override name = 'PreviewTooLargeError';
  constructor() {
    super(`Previews are limited to ${PREVIEW_LIMIT / 1024 ** 2} MiB. Download the file to open it.`);
  }
}

export async function loadPreview(
  file: OpenedFile, kind: PreviewKind, options: { signal?: AbortSignal; onProgress?: (p: TransferProgress) => void; api?: DownloadOptions['api'] } = {},
): Promise<Preview> {
  if (file.plaintextSize > PREVIEW_LIMIT) throw new PreviewTooLargeError();
  const pieces: Uint8Array[] = [];
  await downloadFile({
    fileId: file.id,
    fileKey: file.fileKey,
    api: options.api ?? filesApi,
    signal: options.signal,
    onProgress: options.onProgress,
    sink: new WritableStream({ write: (piece) => void pieces.push(piece) }),
  });
  if (kind === 'text') {
    const decoder = new TextDecoder('utf-8', { fatal: false });
    const text = decoder.decode(await new Blob(pieces as BlobPart[]).arrayBuffer());
    return { kind, text: text.slice(0, TEXT_PREVIEW_CHARS), truncated: text.length > TEXT_PREVIEW_CHARS };
  }
  // The Blob gets the type from the (authenticated) metadata only for the
  // kinds the allowlist above admitted; PDFs render in the browser's sandboxed viewer.
  const blob = new Blob(pieces as BlobPart[], { type: file.metadata.type });
  return { kind, url: URL.createObjectURL(blob) };
}
