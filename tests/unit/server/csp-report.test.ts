// What a violation report leaves in the log ([Note: violation reports]), and
// the budget that keeps a flood of reports from filling the operator's disk.
import { describe, expect, it } from 'vitest';
import { parseViolations, ReportBudget } from '@/lib/server/security/csp-report';
import { crossSiteReason } from '@/lib/server/security/origin';

describe('violation reports', () => {
  it('keep the directive and paths, never a query, a fragment or the script sample', () => {
    const legacy = parseViolations({
      'csp-report': {
        'document-uri': 'https://vault.example/s/abc?x=QUERY#KEY-FRAGMENT',
        'effective-directive': 'script-src-elem',
        'blocked-uri': 'https://evil.example/steal.js?k=KEY',
        'source-file': 'https://vault.example/_next/static/a.js?v=1#frag',
        'line-number': 12,
        'script-sample': 'SECRET-FILE-NAME',
        disposition: 'enforce',
      },
    });
    expect(legacy).toEqual([{ directive: 'script-src-elem', blocked: 'https://evil.example', documentPath: '/s/abc', sourcePath: '/_next/static/a.js', line: 12, disposition: 'enforce' }]);
    const reportingApi = parseViolations([{ type: 'csp-violation', body: { documentURL: 'https://vault.example/vault#KEY', blockedURL: 'inline', effectiveDirective: 'script-src-attr', sample: 'SECRET' } }]);
    expect(reportingApi).toEqual([{ directive: 'script-src-attr', blocked: 'inline', documentPath: '/vault', sourcePath: undefined, line: undefined, disposition: 'enforce' }]);
    expect(JSON.stringify([legacy, reportingApi])).not.toMatch(/QUERY|KEY|SECRET/);
  });

  it('refuse what is not a report', () => {
    expect(parseViolations({ hello: 1 })).toBeUndefined();
    expect(parseViolations([{ type: 'deprecation', body: {} }])).toBeUndefined();
    expect(parseViolations('text')).toBeUndefined();
  });

  it('are budgeted per client and in total, per window', () => {
    const budget = new ReportBudget(2, 3, 1000);
    expect([budget.take('a', 0), budget.take('a', 1), budget.take('a', 2)]).toEqual([true, true, false]);
    expect([budget.take('b', 3), budget.take('c', 4)]).toEqual([true, false]);
    expect(budget.take('a', 1000)).toBe(true);
  });
});

describe('cross-site check', () => {
  const app = ['https://vault.example'];
  const h = (init: Record<string, string>) => new Headers(init);
  it('refuses foreign, null and cross-site state changes, and lets reads and header-less clients through', () => {
    expect(crossSiteReason('POST', h({ origin: 'https://evil.example' }), app)).toBeDefined();
    expect(crossSiteReason('DELETE', h({ origin: 'null' }), app)).toBeDefined();
    expect(crossSiteReason('PUT', h({ 'sec-fetch-site': 'cross-site' }), app)).toBeDefined();
    expect(crossSiteReason('PATCH', h({ 'sec-fetch-site': 'same-site' }), app)).toBeDefined();
    expect(crossSiteReason('PATCH', h({ origin: 'https://files.vault.example', 'sec-fetch-site': 'same-site' }), app)).toBeDefined();
    expect(crossSiteReason('POST', h({ origin: 'https://vault.example', 'sec-fetch-site': 'same-origin' }), app)).toBeUndefined();
    expect(crossSiteReason('POST', h({}), app)).toBeUndefined();
    expect(crossSiteReason('GET', h({ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }), app)).toBeUndefined();
  });
});
