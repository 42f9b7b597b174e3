import { NextResponse, type NextRequest } from 'next/server';
import { rejectUndecodablePath } from '@/lib/server/security/path-guard';

// Next's proxy (formerly middleware) runs before routing. It only composes
// checks that live in lib/server/security, each answering or passing.
export function proxy(request: NextRequest): Response {
  return rejectUndecodablePath(request) ?? NextResponse.next();
}
