'use client';

import { useCallback, useState, type Dispatch, type SetStateAction } from 'react';
import type { DownloadOptions } from '@/lib/client/files/download/download-engine';
import type { OpenedFile } from '@/lib/client/files/file-list';
import { fileErrorMessage, isAbort } from '@/lib/client/files/messages';
import { saveFile } from '@/lib/client/files/download/save-file';
import type { ActiveDownload } from './download-status';

export interface DownloadNotice {
  tone: 'error' | 'success';
  text: string;
}

export interface DownloadState {
  setDownloads: Dispatch<SetStateAction<ActiveDownload[]>>;
  setNotice: (notice: DownloadNotice | null) => void;
}

/**
 * Saves `file`, listed in `downloads` with its progress while it runs, and
 * ends in one success or error notice. Call it straight from the click: the
 * save dialog needs the gesture.
 */
export function startFileDownload(
  file: OpenedFile, api: DownloadOptions['api'] | undefined, { setDownloads, setNotice }: DownloadState, { ask = false }: { ask?: boolean } = {},
): void {
  const fileName = file.metadata.name;
  setNotice(null);
  setDownloads((list) => [...list, { id: file.id, name: fileName, progress: null }]);
  saveFile(file, {
    api,
    ask,
    onProgress: (progress) => setDownloads((list) => list.map((d) => (d.id === file.id ? { ...d, progress } : d))),
  }).then(
    () => setNotice({ tone: 'success', text: `${fileName} was decrypted and saved.` }),
    (e: unknown) => {
      if (!isAbort(e)) setNotice({ tone: 'error', text: fileErrorMessage(e, `download ${fileName}`) });
    },
  ).finally(() => setDownloads((list) => list.filter((d) => d.id !== file.id)));
}

/** Downloads started from a list (shared with me, a shared folder), with their own progress and notice. */
export function useFileDownloads() {
  const [downloads, setDownloads] = useState<ActiveDownload[]>([]);
  const [notice, setNotice] = useState<DownloadNotice | null>(null);
  const start = useCallback((file: OpenedFile, api: DownloadOptions['api']) => startFileDownload(file, api, { setDownloads, setNotice }), []);
  const busy = useCallback((id: string) => downloads.some((d) => d.id === id), [downloads]);
  return { downloads, notice, setNotice, start, busy };
}
