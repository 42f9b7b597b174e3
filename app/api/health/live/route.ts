import { NextResponse } from 'next/server';
import { withAccessLog } from '@/lib/server/log/request-log';

// Liveness: the process serves requests. No dependency is checked, so a
// store outage never makes an orchestrator restart healthy app servers.
export const dynamic = 'force-dynamic';

export const GET = withAccessLog(async () => NextResponse.json({ ok: true }, { headers: { 'Cache-Control': 'no-store' } }));
