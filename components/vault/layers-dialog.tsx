'use client';

import { useEffect, useState, type ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { Dialog } from '@/components/ui/dialog';
import { Notice } from '@/components/ui/notice';
import { WorkingStatus } from '@/components/ui/progress';
import type { VaultFile } from '@/lib/client/files/file-list';
import { formatBytes } from '@/lib/client/files/format';
import { readLayers, SHOWN_BYTES, type LayersView } from '@/lib/client/files/layers';
import { fileErrorMessage } from '@/lib/client/files/messages';
import { sharingApi } from '@/lib/client/sharing/api';
import { SSE_MODE_LABEL, type SseMode } from '@/lib/shared/sse-mode';
import { plural } from '@/lib/shared/plural';

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-1.5 sm:grid-cols-[10rem_1fr]">
      <dt className="text-sm font-medium text-slate-600">{term}</dt>
      {/* Prose wraps between words; only long tokens (key ids, ARNs, hex) break inside. */}
      <dd className="text-sm [overflow-wrap:anywhere]">{children}</dd>
    </div>
  );
}

/** 16 bytes per line, in pairs, so the two dumps line up. */
function hexLines(hex: string): string {
  const lines: string[] = [];
  for (let i = 0; i < hex.length; i += 32) lines.push(hex.slice(i, i + 32).replace(/(..)(?!$)/g, '$1 '));
  return lines.join('\n');
}

function Hex({ label, hex }: { label: string; hex: string }) {
  return (
    <figure className="min-w-0 space-y-1">
      <figcaption className="text-xs font-semibold text-slate-700">{label}</figcaption>
      <pre aria-label={label} className="overflow-x-auto rounded bg-slate-900 p-2 font-mono text-[11px] leading-5 text-emerald-200">{hexLines(hex) || '(empty file)'}</pre>
    </figure>
  );
}

function sharedWithText(count: number | null): string {
  if (count === null) return 'Checking…';
  if (count < 0) return 'Could not be read just now';
  if (count === 0) return 'Not shared (0 shares)';
  return `${plural(count, { one: '# person', other: '# people' })} (${plural(count, { one: '# share', other: '# shares' })}), each with the file key sealed to their own public key`;
}

function Layer1({ file, shareCount }: { file: VaultFile; shareCount: number | null }) {
  return (
    <section aria-labelledby="layer1" className="space-y-2 rounded-lg border border-indigo-200 bg-indigo-50/50 p-4">
      <h3 id="layer1" className="font-semibold">Layer 1 · your browser</h3>
      <p className="text-sm text-slate-700">
        Before this file left your device, your browser encrypted it and its name with a key made for this file alone.
        Twofold&apos;s server and the storage only ever receive the encrypted result, so they cannot read it.
      </p>
      <dl className="divide-y divide-indigo-100">
        <Row term="Algorithm">AES-256-GCM, chunked and key-committing: every chunk is sealed and numbered, so a changed, missing or reordered piece is detected, and only this file&apos;s key can open it.</Row>
        <Row term="Chunk size">{formatBytes(file.chunkSize)}</Row>
        <Row term="File key">Random, used for this file only, and stored wrapped (encrypted) under your root key, which never leaves your browser.</Row>
        <Row term="Shared with">{sharedWithText(shareCount)}</Row>
      </dl>
    </section>
  );
}

/**
 * The seed's trade-off between the two server-side modes (docs/architecture.md,
 * "The second layer: SSE-KMS or SSE-S3"), said for the mode in force.
 */
function KeyControl({ mode }: { mode: SseMode }) {
  return mode === 'aws:kms' ? (
    <p className="text-sm text-slate-700">
      With SSE-KMS the operator keeps control of that key: who may use it, when it rotates, an audit of its use kept apart
      from the data, and key administrators who are not the people using the data. SSE-S3 would give all of that up.
    </p>
  ) : (
    <p className="text-sm text-slate-700">
      This deployment uses SSE-S3: the storage service creates and manages the keys itself. The operator therefore cannot
      control access to those keys, rotate them on their own schedule, audit key use separately, or separate key
      administrators from the people using the data. SSE-KMS keeps that control.
    </p>
  );
}

/** Exported for its unit test (tests/unit/files/sse-mode-text.test.ts). */
export function Layer2({ view }: { view: LayersView }) {
  const s = view.storage;
  const kms = s.mode === 'aws:kms';
  return (
    <section aria-labelledby="layer2" className="space-y-2 rounded-lg border border-emerald-200 bg-emerald-50/50 p-4">
      <h3 id="layer2" className="font-semibold">Layer 2 · the storage bucket</h3>
      <p className="text-sm text-slate-700">
        {kms
          ? <>The storage service encrypts the already encrypted file a second time ({SSE_MODE_LABEL[s.mode]}), with a key kept in the operator&apos;s key management service (KMS).</>
          : <>The storage service encrypts the already encrypted file a second time ({SSE_MODE_LABEL[s.mode]}), with keys it manages itself.</>}{' '}
        Someone who takes the disks gets neither key. These values were just read from the bucket.
      </p>
      <KeyControl mode={s.mode} />
      <dl className="divide-y divide-emerald-100">
        <Row term="Server-side encryption">
          <span className="font-mono">{s.sse ?? 'none'}</span>{' '}
          {s.sse === s.mode ? <Badge tone="good">on</Badge> : <Badge tone="bad">{s.sse ? `not ${s.mode}` : 'missing'}</Badge>}
        </Row>
        {kms ? (
          <Row term="KMS key">
            <span className="font-mono">{s.kmsKeyId ?? 'not reported'}</span>{' '}
            {s.expectedKmsKey ? <Badge tone="good">the deployment&apos;s key</Badge> : <Badge tone="bad">unexpected key</Badge>}
          </Row>
        ) : (
          <Row term="Keys">
            {s.kmsKeyId
              ? <><span className="font-mono">{s.kmsKeyId}</span> <Badge tone="bad">unexpected KMS key</Badge></>
              : "Managed by the storage service; no KMS key of the operator's"}
          </Row>
        )}
        <Row term="Bucket key">{s.bucketKeyEnabled ? 'Enabled' : kms ? 'Not reported by this storage' : 'Not used with SSE-S3'}</Row>
        <Row term="Stored size">{formatBytes(s.size)} ({s.size.toLocaleString()} bytes)</Row>
      </dl>
    </section>
  );
}

function Stored({ view }: { view: LayersView }) {
  return (
    <section aria-labelledby="stored" className="space-y-2">
      <h3 id="stored" className="font-semibold">What the server stores</h3>
      <p className="text-sm text-slate-700">
        The first {SHOWN_BYTES} bytes of the stored file, next to the first {view.plaintextBytes} bytes of your file. The
        stored bytes start with a small header (the letters TWOF, a random salt and a key fingerprint); your content follows,
        encrypted. Nothing in them resembles your file. The bucket takes off its own layer when it hands bytes back, so this
        is exactly what left your browser; on the bucket&apos;s disks even these bytes are encrypted once more.
      </p>
      <div className="grid gap-3 md:grid-cols-2">
        <Hex label={`Stored bytes (first ${SHOWN_BYTES})`} hex={view.storedHex} />
        <Hex label={`Your file (first ${view.plaintextBytes} bytes, decrypted here)`} hex={view.plaintextHex} />
      </div>
    </section>
  );
}

export function LayersDialog({ file, onClose }: { file: VaultFile; onClose: () => void }) {
  const [view, setView] = useState<LayersView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [shareCount, setShareCount] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    sharingApi.list(file.id).then((list) => live && setShareCount(list.length), () => live && setShareCount(-1));
    readLayers(file).then((v) => live && setView(v), (e: unknown) => live && setError(fileErrorMessage(e, 'read the encryption details')));
    return () => {
      live = false;
    };
  }, [file]);
  return (
    <Dialog title="Encryption layers" wide onClose={onClose} description={<>How <strong className="break-words">{file.metadata.name}</strong> is protected, twice.</>}>
      <Layer1 file={file} shareCount={shareCount} />
      {error ? <Notice tone="error">{error}</Notice> : null}
      {!view && !error ? <WorkingStatus message="Asking the bucket…" /> : null}
      {view ? <Layer2 view={view} /> : null}
      {view ? <Stored view={view} /> : null}
    </Dialog>
  );
}
