import { NextResponse } from 'next/server';
import { errorResponse } from '@/lib/server/errors';
import { getLiveHealth } from '@/lib/server/health-live';
import { notReadyMessage } from '@/lib/server/health-probes';
import { withAccessLog } from '@/lib/server/log/request-log';

// Readiness: the database and the bucket answer and the bucket encrypts as
// configured (the same live checks as /api/health), without their details.
export const dynamic = 'force-dynamic';

const noStore = { 'Cache-Control': 'no-store' };

export const GET = withAccessLog(async () => {
  const report = await getLiveHealth();
  if (!report.ok) return errorResponse('not_ready', notReadyMessage(report), noStore);
  return NextResponse.json({ ok: true }, { headers: noStore });
});
