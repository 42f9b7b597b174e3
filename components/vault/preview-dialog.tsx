'use client';

import { useEffect, useState } from 'react';
import { Dialog } from '@/components/ui/dialog';
import { Notice } from '@/components/ui/notice';
import { ProgressBar } from '@/components/ui/progress';
import type { DownloadOptions } from '@/lib/client/files/download/download-engine';
import type { OpenedFile } from '@/lib/client/files/file-list';
import { formatBytes } from '@/lib/client/files/format';
import { fileErrorMessage, isAbort } from '@/lib/client/files/messages';
import { loadPreview, previewKind, type Preview } from '@/lib/client/files/download/preview';
import type { TransferProgress } from '@/lib/client/files/net/progress';

function PreviewBody({ preview, name }: { preview: Preview; name: string }) {
  // Content is only ever handed to elements that treat it as media or text:
  // never HTML, never innerHTML.
  switch (preview.kind) {
    case 'image':
      // eslint-disable-next-line @next/next/no-img-element -- a blob: URL, nothing for next/image to optimise
      return <img src={preview.url} alt={name} className="mx-auto max-h-[70vh] max-w-full rounded" />;
    case 'pdf':
      return <iframe src={preview.url} title={`PDF preview of ${name}`} className="h-[70vh] w-full rounded border border-slate-200" />;
    case 'audio':
      return <audio src={preview.url} controls aria-label={`Audio preview of ${name}`} className="w-full" />;
    case 'video':
      return <video src={preview.url} controls aria-label={`Video preview of ${name}`} className="max-h-[70vh] w-full rounded" />;
    case 'text':
      return (
        <>
          <pre tabIndex={0} aria-label={`Contents of ${name}`} className="max-h-[60vh] overflow-auto rounded bg-slate-50 p-3 text-xs whitespace-pre-wrap break-words ring-1 ring-slate-200">{preview.text}</pre>
          {preview.truncated ? <p className="text-xs text-slate-600">Only the beginning is shown. Download the file to see all of it.</p> : null}
        </>
      );
  }
}

/** Decrypts a small file in memory and shows it; the object URL dies with the dialog. */
export function PreviewDialog({ file, onClose, api }: { file: OpenedFile; onClose: () => void; api?: DownloadOptions['api'] }) {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [progress, setProgress] = useState<TransferProgress | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    // The list only offers Preview for previewable kinds.
    const kind = previewKind(file) ?? 'text';
    const controller = new AbortController();
    let url: string | undefined;
    loadPreview(file, kind, { signal: controller.signal, onProgress: setProgress, api }).then(
      (result) => {
        if ('url' in result) url = result.url;
        if (controller.signal.aborted && url) URL.revokeObjectURL(url);
        else setPreview(result);
      },
      (e: unknown) => {
        if (!isAbort(e) && !controller.signal.aborted) setError(fileErrorMessage(e, 'preview the file'));
      },
    );
    return () => {
      controller.abort(new DOMException('preview closed', 'AbortError'));
      if (url) URL.revokeObjectURL(url);
    };
  }, [file, api]);

  const name = file.metadata.name;
  return (
    <Dialog title={`Preview of ${name}`} onClose={onClose} wide description={`${formatBytes(file.metadata.size)}, decrypted in this browser.`}>
      {error ? <Notice tone="error">{error}</Notice> : null}
      {!preview && !error ? (
        <div className="space-y-1" role="status">
          <p className="text-sm">Decrypting…</p>
          <ProgressBar label={`Preview of ${name}`} value={progress?.doneBytes ?? 0} max={progress?.totalBytes ?? 1} />
        </div>
      ) : null}
      {preview ? <PreviewBody preview={preview} name={name} /> : null}
    </Dialog>
  );
}
