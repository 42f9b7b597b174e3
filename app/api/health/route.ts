import { NextResponse } from 'next/server';
import { getLiveHealth } from '@/lib/server/health-live';
import { withAccessLog } from '@/lib/server/log/request-log';

// Health is read live on every request; never cache it.
export const dynamic = 'force-dynamic';

export const GET = withAccessLog(async () => {
  const report = await getLiveHealth();
  return NextResponse.json(report, {
    status: report.ok ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' },
  });
});
