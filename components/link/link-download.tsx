'use client';

import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { ProgressBar, WorkingStatus } from '@/components/ui/progress';
import { TextField } from '@/components/ui/text-field';
import { parseLinkFragment } from '@/lib/crypto/link';
import { formatBytes, formatDate, formatDuration, formatRate } from '@/lib/client/files/format';
import { isAbort } from '@/lib/client/files/messages';
import type { TransferProgress } from '@/lib/client/files/net/progress';
import { saveFile } from '@/lib/client/files/download/save-file';
import { visitorApi } from '@/lib/client/links/api';
import { linkErrorMessage } from '@/lib/client/links/messages';
import { openFolderLink, type OpenedFolderLink } from '@/lib/client/links/open-folder-link';
import { openPublicLink, type OpenedLink } from '@/lib/client/links/open-link';
import type { LinkInfoJson } from '@/lib/shared/links';
import { FolderLinkBrowser } from './folder-link-browser';

type Phase =
  | { kind: 'loading' }
  | { kind: 'password'; info: LinkInfoJson; secret: Uint8Array }
  | { kind: 'deriving'; info: LinkInfoJson }
  | { kind: 'opened'; opened: OpenedLink }
  | { kind: 'opened-folder'; opened: OpenedFolderLink }
  | { kind: 'failed' };

/**
 * Reads the fragment once and removes it from the address bar at once, so it
 * is not left in history, bookmarks or a screenshot of the tab; then opens the
 * link entirely in this browser.
 */
export function LinkDownload({ linkId }: { linkId: string }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [error, setError] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [progress, setProgress] = useState<TransferProgress | null>(null);
  const [downloading, setDownloading] = useState(false);
  const [saved, setSaved] = useState(false);
  const [kind, setKind] = useState<LinkInfoJson['kind']>('file');
  const started = useRef(false);

  const open = async (info: LinkInfoJson, secret: Uint8Array, typed?: string) => {
    setPhase({ kind: 'deriving', info });
    setError(null);
    try {
      setPhase(info.kind === 'folder'
        ? { kind: 'opened-folder', opened: await openFolderLink(info, secret, typed) }
        : { kind: 'opened', opened: await openPublicLink(info, secret, typed) });
    } catch (e) {
      setError(linkErrorMessage(e, 'open this link'));
      setPhase(info.hasPassword ? { kind: 'password', info, secret } : { kind: 'failed' });
    }
  };

  useEffect(() => {
    const begin = () => {
      const secret = parseLinkFragment(window.location.hash);
      window.history.replaceState(null, '', window.location.pathname + window.location.search);
      const start = async () => {
        if (!secret) throw new Error('incomplete link');
        const info = await visitorApi.info(linkId);
        setKind(info.kind);
        if (info.hasPassword) setPhase({ kind: 'password', info, secret });
        else await open(info, secret);
      };
      start().catch((e: unknown) => {
        setError(secret ? linkErrorMessage(e, 'open this link') : 'This link is incomplete. Copy the whole address, including everything after #.');
        setPhase({ kind: 'failed' });
      });
    };
    // A link pasted into this same tab only changes the fragment: no reload, so listen for it.
    const onHashChange = () => {
      if (!window.location.hash) return;
      setError(null);
      setSaved(false);
      setProgress(null);
      setPhase({ kind: 'loading' });
      begin();
    };
    window.addEventListener('hashchange', onHashChange);
    if (!started.current) {
      started.current = true;
      begin();
    }
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [linkId]);

  const download = (opened: OpenedLink) => {
    setError(null);
    setSaved(false);
    setDownloading(true);
    // Called straight from the click: the save dialog needs the gesture.
    saveFile(opened.file, { api: opened.api, onProgress: setProgress }).then(
      () => {
        setSaved(true);
        setPhase({ kind: 'opened', opened: { ...opened, downloadsLeft: opened.downloadsLeft === null ? null : Math.max(0, opened.downloadsLeft - 1) } });
      },
      (e: unknown) => {
        if (!isAbort(e)) setError(linkErrorMessage(e, 'download this file'));
      },
    ).finally(() => setDownloading(false));
  };

  return (
    <section aria-labelledby="link-title" className="space-y-4 rounded-xl border border-slate-200 bg-surface p-6">
      <h1 id="link-title" className="text-xl font-bold tracking-tight">{kind === 'folder' ? 'A folder shared with you' : 'A file shared with you'}</h1>
      <p className="text-sm text-slate-700">
        This {kind} is end-to-end encrypted. The key is in the part of the link after #, which your browser never sends to Twofold:
        {kind === 'folder' ? ' names and files are' : ' the file is'} decrypted here, on your device.
      </p>
      {phase.kind === 'loading' ? <WorkingStatus message="Reading the link…" /> : null}
      {phase.kind === 'deriving' ? (
        <WorkingStatus message={phase.info.hasPassword ? 'Deriving the key from the password…' : 'Opening the link…'} />
      ) : null}
      {phase.kind === 'password' ? (
        <form className="space-y-3" aria-label="Unlock the link" onSubmit={(event) => {
          event.preventDefault();
          void open(phase.info, phase.secret, password);
        }}>
          <TextField label="Link password" type="password" value={password} onChange={(e) => setPassword(e.target.value)}
            required autoFocus autoComplete="off" hint={`The sender set a password. It is part of the key: a wrong one cannot open the ${phase.info.kind}.`} />
          <div className="flex justify-end"><Button type="submit">Unlock</Button></div>
        </form>
      ) : null}
      {phase.kind === 'opened-folder' ? <FolderLinkBrowser link={phase.opened} /> : null}
      {phase.kind === 'opened' ? <OpenedFile opened={phase.opened} downloading={downloading} onDownload={download} /> : null}
      {downloading || (progress && !saved) ? (
        <div className="space-y-1">
          <ProgressBar label="Download progress" value={progress?.doneBytes ?? 0} max={progress?.totalBytes ?? 1} />
          {progress ? (
            <p className="text-xs text-slate-600">
              {formatBytes(progress.doneBytes)} of {formatBytes(progress.totalBytes)} · {formatRate(progress.bytesPerSecond)} · {formatDuration(progress.etaSeconds)}
            </p>
          ) : null}
        </div>
      ) : null}
      {saved && phase.kind === 'opened' ? <Notice tone="success">{phase.opened.file.metadata.name} was decrypted and saved.</Notice> : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
    </section>
  );
}

function OpenedFile({ opened, downloading, onDownload }: { opened: OpenedLink; downloading: boolean; onDownload: (o: OpenedLink) => void }) {
  const { file } = opened;
  const exhausted = opened.downloadsLeft === 0;
  return (
    <div className="space-y-3">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm" aria-label="Shared file">
        <dt className="text-slate-600">Name</dt><dd className="min-w-0 truncate font-medium" data-testid="link-file-name" title={file.metadata.name}>{file.metadata.name}</dd>
        <dt className="text-slate-600">Size</dt><dd>{formatBytes(file.metadata.size)}</dd>
        <dt className="text-slate-600">Expires</dt><dd>{opened.expiresAt ? formatDate(opened.expiresAt) : 'Never'}</dd>
        <dt className="text-slate-600">Downloads left</dt><dd>{opened.downloadsLeft === null ? 'No limit' : opened.downloadsLeft}</dd>
      </dl>
      <Button onClick={() => onDownload(opened)} disabled={downloading || exhausted} aria-label={`Download ${file.metadata.name}`}>
        {downloading ? 'Downloading…' : 'Download'}
      </Button>
    </div>
  );
}
