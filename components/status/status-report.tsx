import type { HealthReport } from '@/lib/shared/health';
import { Badge } from '@/components/ui/badge';
import { SSE_MODE_LABEL } from '@/lib/shared/sse-mode';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-4 py-3">
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="col-span-2 break-all text-sm text-slate-900">{children}</dd>
    </div>
  );
}

export function StatusReport({ report }: { report: HealthReport }) {
  const { storage, db } = report;
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <section aria-labelledby="storage-title" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <div className="flex items-center justify-between">
          <h2 id="storage-title" className="text-lg font-semibold">Storage</h2>
          <Badge tone={storage.ok ? 'good' : 'bad'}>{storage.ok ? 'Operational' : 'Unavailable'}</Badge>
        </div>
        <dl className="mt-4 divide-y divide-slate-100">
          <Row label="Bucket">{storage.bucket}</Row>
          {storage.ok ? (
            <>
              <Row label="Default encryption">
                <Badge tone="good">{SSE_MODE_LABEL[storage.sse]} enabled</Badge>
              </Row>
              <Row label="Algorithm">{storage.sse}</Row>
              <Row label="KMS key id">
                {storage.kmsKeyId ? <code>{storage.kmsKeyId}</code> : 'none: with SSE-S3 the store manages the keys'}
              </Row>
              <Row label="Bucket key">{storage.bucketKeyEnabled ? 'enabled' : 'not enabled'}</Row>
              <Row label="Endpoint">{storage.endpoint}</Row>
            </>
          ) : (
            <>
              <Row label="Expected encryption">
                {SSE_MODE_LABEL[storage.mode]} ({storage.mode})
              </Row>
              <Row label="Problem">
                <span role="alert">{storage.error}</span>
              </Row>
            </>
          )}
        </dl>
      </section>

      <section aria-labelledby="db-title" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <div className="flex items-center justify-between">
          <h2 id="db-title" className="text-lg font-semibold">Database</h2>
          <Badge tone={db.ok ? 'good' : 'bad'}>{db.ok ? 'Operational' : 'Unavailable'}</Badge>
        </div>
        <dl className="mt-4 divide-y divide-slate-100">
          <Row label="Kind">{db.kind === 'pglite' ? 'PGlite (embedded PostgreSQL)' : 'PostgreSQL'}</Row>
          <Row label="Migrations">{db.migrated ? 'up to date' : 'pending'}</Row>
          {!db.ok && (
            <Row label="Problem">
              <span role="alert">{db.error}</span>
            </Row>
          )}
        </dl>
      </section>
    </div>
  );
}
