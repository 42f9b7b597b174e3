'use client';

import { useCallback, useEffect, useState } from 'react';
import { api } from '@/lib/client/account/api';
import type { SessionJson } from '@/lib/shared/sessions';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { useBusy } from './use-busy';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The signed-in sessions (server-side records), each revocable; "this device" is marked. */
export function SessionList() {
  const [sessions, setSessions] = useState<SessionJson[]>();
  const { busy, error, run } = useBusy();
  const reload = useCallback(async () => setSessions((await api.sessions()).sessions), []);
  useEffect(() => {
    void run(reload);
  }, [run, reload]);

  if (!sessions) return error ? <Notice tone="error">{error}</Notice> : <p className="text-sm">Loading sessions…</p>;
  const others = sessions.filter((s) => !s.current).length;
  return (
    <div className="space-y-3">
      {error ? <Notice tone="error">{error}</Notice> : null}
      <ul aria-label="Signed-in sessions" className="divide-y divide-slate-200 rounded-lg border border-slate-200">
        {sessions.map((s) => (
          <li key={s.id} aria-label={`${s.device}${s.current ? ' (this device)' : ''}`} className="flex flex-wrap items-center justify-between gap-3 p-3">
            <div className="space-y-0.5 text-sm">
              <p className="font-medium">{s.device} {s.current ? <Badge tone="good">This device</Badge> : null}</p>
              <p className="text-slate-600">
                Network {s.ipPrefix} · signed in {when(s.createdAt)} · last active {when(s.lastSeenAt)}
              </p>
            </div>
            {s.current ? null : (
              <Button
                variant="secondary"
                disabled={busy}
                aria-label={`Sign out ${s.device}, signed in ${when(s.createdAt)}`}
                onClick={() => void run(async () => { await api.revokeSession(s.id); await reload(); })}
              >
                Sign out
              </Button>
            )}
          </li>
        ))}
      </ul>
      {others > 0 ? (
        <Button variant="secondary" disabled={busy} onClick={() => void run(async () => { await api.revokeOtherSessions(); await reload(); })}>
          Sign out all other sessions
        </Button>
      ) : <p className="text-sm text-slate-700">No other browser or device is signed in.</p>}
    </div>
  );
}
