import type { Metadata } from 'next';
import { SiteHeader } from '@/components/site-header';
import { StatusReport } from '@/components/status/status-report';
import { Badge } from '@/components/ui/badge';
import { currentSession } from '@/lib/server/auth/session';
import { getLiveHealth } from '@/lib/server/health-live';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Status — Twofold' };

export default async function StatusPage() {
  const [report, session] = await Promise.all([getLiveHealth(), currentSession()]);
  const parts = { storage: 'storage', db: 'database' } as const;
  return (
    <>
      <SiteHeader signedIn={Boolean(session)} />
      <main className="mx-auto max-w-5xl px-6 py-12">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-3xl font-bold tracking-tight">System status</h1>
          <Badge tone={report.ok ? 'good' : 'bad'}>{report.ok ? 'Everything is working' : `Not working: ${report.failing.map((f) => parts[f]).join(', ')}`}</Badge>
        </div>
        <p className="mt-3 max-w-2xl text-sm text-slate-700">
          Checked live when this page loaded ({new Date(report.checkedAt).toUTCString()}). Reload the page to check again.
        </p>
        <div className="mt-8">
          <StatusReport report={report} />
        </div>
      </main>
    </>
  );
}
