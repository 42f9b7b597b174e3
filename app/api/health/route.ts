import { NextResponse } from 'next/server';
import { getLiveHealth } from '@/lib/server/health-live';

// Health is read live on every request; never cache it.
export const dynamic = 'force-dynamic';

export async function GET() {
  const report = await getLiveHealth();
  return NextResponse.json(report, {
    status: report.ok ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' },
  });
}
