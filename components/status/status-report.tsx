import type { HealthReport } from '@/lib/shared/health';
import { Badge } from '@/components/ui/badge';
import { SSE_MODE_LABEL } from '@/lib/shared/sse-mode';

/**
 * What /status tells a visitor: plain statements per part. No bucket names,
 * endpoints, key ids or error text: those describe the deployment to an
 * attacker and mean nothing to a user; operators read them from the logs and
 * GET /api/health.
 */
function Part({ id, name, ok, children }: { id: string; name: string; ok: boolean; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className="space-y-3 rounded-xl border border-slate-200 bg-surface p-6 shadow-sm">
      <div className="flex items-center justify-between gap-3">
        <h2 id={`${id}-title`} className="text-lg font-semibold">{name}</h2>
        <Badge tone={ok ? 'good' : 'bad'}>{ok ? 'Working' : 'Unavailable'}</Badge>
      </div>
      <div className="space-y-2 text-sm text-slate-700">{children}</div>
    </section>
  );
}

export function StatusReport({ report }: { report: HealthReport }) {
  const { storage, db } = report;
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <Part id="storage" name="Storage" ok={storage.ok}>
        {storage.ok ? (
          <>
            <p className="font-medium text-slate-900">Storage: working.</p>
            <p>Files arrive already encrypted by your browser, and the storage encrypts them again ({SSE_MODE_LABEL[storage.sse]} on).</p>
          </>
        ) : (
          <>
            <p role="alert" className="font-medium text-rose-800">Storage is unavailable right now.</p>
            <p>Uploads and downloads will not work until it is back. Files already stored stay encrypted and are not lost.</p>
          </>
        )}
      </Part>
      <Part id="db" name="Database" ok={db.ok}>
        {db.ok ? (
          <p className="font-medium text-slate-900">Database: working.</p>
        ) : (
          <>
            <p role="alert" className="font-medium text-rose-800">The database is unavailable right now.</p>
            <p>Signing in and listing files will not work until it is back.</p>
          </>
        )}
      </Part>
    </div>
  );
}
