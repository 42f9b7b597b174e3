// The e2e log audit (scripts/lib/log-audit.ts) catches each thing that must
// never reach the app's log, and passes the lines the app does write.
import { describe, expect, it } from 'vitest';
import { auditLogText } from '@/scripts/lib/log-audit';

const access = (fields: Record<string, unknown>) => JSON.stringify({ level: 30, app: 'twofold', msg: 'request', ...fields });

describe('auditLogText', () => {
  it('passes access lines with route templates and error lines without stacks', () => {
    const text = [
      access({ method: 'GET', route: '/api/files/[id]', status: 404, durationMs: 3 }),
      JSON.stringify({ level: 50, fault: 'database query failed: x', msg: 'unhandled error' }),
      'twofold: some launcher line',
    ].join('\n');
    expect(auditLogText(text, ['s3cr3t-value'])).toEqual([]);
  });

  it.each([
    ['a secret', 'key s3cr3t-value leaked', /secret #0/],
    ['a presigned signature', 'GET /b/k?X-Amz-Signature=abc', /X-Amz-Signature=/],
    ['a plain-text stack frame', '    at JSON.parse (node:internal/x.js:12:34)', /stack frame/],
    ['a stack field below error', JSON.stringify({ level: 40, stack: 'Error: x\n    at y' }), /stack below level error/],
    ['an err.stack at info', JSON.stringify({ level: 30, err: { stack: 'Error' } }), /stack below level error/],
    ['a query string in a route', access({ route: '/api/users/lookup?email=a@b.c' }), /query string/],
    ['a concrete id in a route', access({ route: '/api/files/0b9c6a52-7d1e-4f3a-8b2c-5e6f7a8b9c0d' }), /concrete id/],
    ['a session cookie', 'cookie next-auth.session-token=eyJhbGci', /cookie/],
    ['a Cookie header', 'Cookie: a=b', /cookie/],
  ])('flags %s', (_label, line, expected) => {
    const problems = auditLogText(`ok line\n${line}`, ['s3cr3t-value']);
    expect(problems).toEqual([expect.stringMatching(expected)]);
    expect(problems[0]).toMatch(/^line 2: /);
    expect(problems.join()).not.toContain('s3cr3t-value');
  });
});
