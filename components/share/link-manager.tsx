'use client';

import { useCallback, useEffect, useId, useState } from 'react';
import { useAction } from '@/components/hooks/use-action';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { WorkingStatus } from '@/components/ui/progress';
import { TextField } from '@/components/ui/text-field';
import { fileErrorMessage } from '@/lib/client/files/messages';
import { DEFAULT_EXPIRY, EXPIRY_CHOICES, expirySeconds, parseMaxDownloads } from '@/lib/client/links/expiry';
import type { LinkOptions } from '@/lib/client/links/link-secrets';
import { LinkSummary, linkLabel, type LinkRow } from './link-summary';

/** What links point at: a file (public-links.tsx) or a folder (folder-link-dialog.tsx). */
export interface LinkTarget {
  /** Changes when the target does: the list reloads. */
  id: string;
  /** "download report.pdf", "browse and download Taxes": what a link lets anyone do. */
  allows: string;
  listLabel: string;
  list(): Promise<LinkRow[]>;
  /** Resolves to the URL, shown once. */
  create(options: LinkOptions): Promise<string>;
  revoke(linkId: string): Promise<void>;
}

/** Public links of one target: create (key in the fragment, optional password), copy once, audit, revoke. */
export function LinkManager({ target, headingLevel = 3 }: { target: LinkTarget; headingLevel?: 2 | 3 }) {
  const expiryId = useId();
  const titleId = useId();
  const [password, setPassword] = useState('');
  const [expiry, setExpiry] = useState(DEFAULT_EXPIRY);
  const [maxDownloads, setMaxDownloads] = useState('');
  const { busy, error, setError, run } = useAction(fileErrorMessage);
  const [created, setCreated] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [links, setLinks] = useState<LinkRow[] | null>(null);
  const { list } = target;

  const reload = useCallback(async () => setLinks(await list()), [list]);
  useEffect(() => {
    let live = true;
    list().then((rows) => live && setLinks(rows), (e: unknown) => live && setError(fileErrorMessage(e, 'load the links')));
    return () => {
      live = false;
    };
  }, [target.id, list, setError]);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';

  return (
    <section aria-labelledby={titleId} className="space-y-3 border-t border-slate-200 pt-4">
      <Heading id={titleId} className="text-sm font-semibold">Public links</Heading>
      <p className="text-xs text-slate-600">
        Anyone with a link can {target.allows}. The key is in the link after #, which never reaches Twofold, so we cannot show
        a link again: copy it when it appears. A password becomes part of the key.
      </p>
      <form className="grid gap-3 sm:grid-cols-3" aria-label="Create a public link" onSubmit={async (event) => {
        event.preventDefault();
        const limit = parseMaxDownloads(maxDownloads);
        if (limit === 'invalid') {
          setError('Maximum downloads must be a whole number from 1 to 10000, or empty for no limit.');
          return;
        }
        setCreated(null); setCopied(false);
        await run('create the link', async () => {
          setCreated(await target.create({ password, expiresInSeconds: expirySeconds(expiry), maxDownloads: limit }));
          setPassword('');
          await reload();
        });
      }}>
        <TextField label="Link password (optional)" type="password" autoComplete="new-password" value={password}
          onChange={(e) => setPassword(e.target.value)} disabled={busy} />
        <div className="space-y-1">
          <label htmlFor={expiryId} className="block text-sm font-medium text-slate-800">Expires after</label>
          <select id={expiryId} value={expiry} onChange={(e) => setExpiry(e.target.value)} disabled={busy}
            className="block min-h-11 w-full rounded-lg border border-slate-300 bg-surface px-3 py-2 text-sm shadow-sm sm:min-h-0">
            {EXPIRY_CHOICES.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
          </select>
        </div>
        <TextField label="Maximum downloads (optional)" inputMode="numeric" value={maxDownloads}
          onChange={(e) => setMaxDownloads(e.target.value)} disabled={busy} placeholder="No limit" />
        <div className="sm:col-span-3 flex justify-end">
          <Button type="submit" disabled={busy}>{busy ? 'Creating…' : 'Create link'}</Button>
        </div>
      </form>
      {busy && password ? <WorkingStatus message="Deriving the link key from the password…" /> : null}
      {created ? (
        <div role="status" className="space-y-2 rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">
          <p className="font-semibold">Link created. Copy it now: Twofold cannot show it again.</p>
          <input readOnly aria-label="New public link" value={created} onFocus={(e) => e.currentTarget.select()}
            className="block w-full rounded border border-emerald-300 bg-surface px-2 py-1 font-mono text-xs" />
          <Button variant="secondary" className="px-3 py-1" onClick={() => void navigator.clipboard?.writeText(created).then(() => setCopied(true), () => setCopied(false))}>
            {copied ? 'Copied' : 'Copy link'}
          </Button>
        </div>
      ) : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
      {links === null ? null : links.length === 0 ? <p className="text-sm text-slate-600">No public links.</p> : (
        <ul aria-label={target.listLabel} className="divide-y divide-slate-100">
          {links.map((link) => (
            <li key={link.id} className="flex flex-col gap-2 py-2 text-sm sm:flex-row sm:items-center sm:justify-between">
              <LinkSummary link={link} />
              <Button variant="secondary" className="px-3 py-1 text-rose-800" aria-label={`Revoke link ${linkLabel(link)}`}
                onClick={() => void target.revoke(link.id).then(reload).then(
                  () => setCreated(null),
                  (e: unknown) => setError(fileErrorMessage(e, 'revoke the link')),
                )}>
                Revoke
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
