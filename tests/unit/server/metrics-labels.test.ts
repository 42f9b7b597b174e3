// [Note: bounded labels] Label values come from closed sets, and should a
// path ever reach the route label untemplated, the registry still stops
// growing: at most 200 routes per process, the rest counted as "other".
import { describe, expect, it } from 'vitest';
import { recordRequest } from '@/lib/server/metrics/record';
import { getMetrics } from '@/lib/server/metrics/registry';

const routesIn = (text: string) => new Set([...text.matchAll(/^twofold_http_requests_total\{[^}]*route="([^"]*)"/gm)].map((m) => m[1]));

describe('metric labels', () => {
  it('caps distinct route labels and folds odd methods and unknown codes into fixed words', async () => {
    for (let i = 0; i < 260; i++) recordRequest({ method: i % 2 ? 'GET' : 'BREW', route: `/api/untemplated/${i}`, status: 404, seconds: 0.01 });
    // 260 404s and a 418 without one of our codes: all "untagged".
    recordRequest({ method: 'GET', route: '/api/x', status: 418, seconds: 0.01, errorCode: 'teapot' as never });
    const text = await getMetrics().registry.metrics();
    const routes = routesIn(text);
    expect(routes.size).toBeLessThanOrEqual(201);
    expect(routes.has('other')).toBe(true);
    expect(routes.has('/api/untemplated/259')).toBe(false);
    expect(text).toMatch(/twofold_http_requests_total\{method="other",route="\/api\/untemplated\/0",status="404"\} 1/);
    expect(text).not.toContain('BREW');
    expect(text).not.toContain('teapot');
    expect(text).toMatch(/twofold_errors_total\{code="untagged"\} 261\b/);
  });

  it('one registry per process, whichever module copy asks', () => {
    expect(getMetrics()).toBe((globalThis as { __twofoldMetrics?: unknown }).__twofoldMetrics);
  });
});
