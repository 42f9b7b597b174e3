import type { Metadata } from 'next';
import { SiteHeader } from '@/components/site-header';
import { StatusReport } from '@/components/status/status-report';
import { Badge } from '@/components/ui/badge';
import { getLiveHealth } from '@/lib/server/health-live';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Status — Twofold' };

export default async function StatusPage() {
  const report = await getLiveHealth();
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-5xl px-6 py-12">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-3xl font-bold tracking-tight">System status</h1>
          <Badge tone={report.ok ? 'good' : 'bad'}>{report.ok ? 'All systems operational' : `Degraded: ${report.failing.join(', ')}`}</Badge>
        </div>
        <p className="mt-3 max-w-2xl text-sm text-slate-700">
          Read live from the storage bucket and the database when this page loaded ({new Date(report.checkedAt).toUTCString()}).
          The same data is available as JSON at <a className="font-medium text-indigo-700 underline" href="/api/health">/api/health</a>.
        </p>
        <div className="mt-8">
          <StatusReport report={report} />
        </div>
      </main>
    </>
  );
}
