'use client';

import { useEffect, useState, type ReactNode } from 'react';
import { File as FileIcon, FileImage, FileText, FileVideo } from 'lucide-react';
import { loadThumbnail, type ThumbnailTarget } from '@/lib/client/files/thumbnail/load-thumbnail';
import { thumbnailSourceOf } from '@/lib/client/files/thumbnail/make';

export interface ThumbnailFile extends ThumbnailTarget {
  metadata: { type: string; size: number };
}

function TypeIcon({ type }: { type: string }) {
  const props = { 'aria-hidden': true, className: 'size-5' } as const;
  if (type.startsWith('image/')) return <FileImage {...props} />;
  if (type.startsWith('video/')) return <FileVideo {...props} />;
  if (type.startsWith('text/') || type === 'application/pdf') return <FileText {...props} />;
  return <FileIcon {...props} />;
}

// Starts the fetch a little before the row scrolls in, so it is usually there when seen.
const ROOT_MARGIN = '200px';

/**
 * A file's decrypted thumbnail (docs/format.md §13), or its type's icon when
 * it has none, is not yet in view, or did not authenticate. Fetched once,
 * when first scrolled near the viewport; the blob: URL is revoked when the
 * row goes away. Decorative (alt ""): the file's name is always next to it.
 * `size` is the side in pixels (40 in list rows; the grid passes its own).
 */
/**
 * `fill`: take the parent's box (a grid card's square) instead of `size`;
 * `fallback`: what shows until (or unless) a thumbnail is there, the type icon by default.
 */
export function FileThumbnail({ file, size = 40, fill = false, fallback }: { file: ThumbnailFile; size?: number; fill?: boolean; fallback?: ReactNode }) {
  // A callback ref in state: the effect runs again whenever the element itself changes.
  const [element, setElement] = useState<HTMLSpanElement | null>(null);
  const [url, setUrl] = useState<string | undefined>(undefined);
  // For tests and styling: 'none' once it is settled that the icon stays (none stored, or refused).
  const [state, setState] = useState<'waiting' | 'loading' | 'shown' | 'none'>('waiting');
  // Only types that can have one are asked for: no request per row for a folder of PDFs.
  const mayHaveOne = thumbnailSourceOf(file.metadata) !== undefined;
  const { id, fileKey, shareId } = file;

  useEffect(() => {
    if (!mayHaveOne || !element) return;
    const controller = new AbortController();
    let objectUrl: string | undefined;
    const start = () => {
      setState('loading');
      void loadThumbnail({ id, fileKey, shareId }, controller.signal).then((blob) => {
        if (controller.signal.aborted) return;
        if (!blob) return setState('none');
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
        setState('shown');
      });
    };
    let observer: IntersectionObserver | undefined;
    if (typeof IntersectionObserver === 'undefined') start();
    else {
      observer = new IntersectionObserver((entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        observer?.disconnect();
        start();
      }, { rootMargin: ROOT_MARGIN });
      observer.observe(element);
    }
    return () => {
      observer?.disconnect();
      controller.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
      setUrl(undefined);
      setState('waiting');
    };
  }, [element, id, fileKey, shareId, mayHaveOne]);

  return (
    <span ref={setElement} data-testid="file-thumbnail" data-state={mayHaveOne ? state : 'none'} style={fill ? undefined : { width: size, height: size }}
      className={`inline-flex shrink-0 items-center justify-center overflow-hidden text-slate-500 ${fill ? 'size-full' : 'rounded-md bg-slate-100'}`}>
      {url
        // eslint-disable-next-line @next/next/no-img-element -- a blob: URL, nothing for next/image to optimise
        ? <img src={url} alt="" width={size} height={size} className="size-full object-cover" draggable={false} />
        : (fallback ?? <TypeIcon type={file.metadata.type} />)}
    </span>
  );
}
