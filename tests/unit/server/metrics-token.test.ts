// GET /api/metrics lets in exactly one bearer token, and none at all while
// METRICS_TOKEN is unset (the endpoint then acts as if absent).
import { describe, expect, it } from 'vitest';
import { metricsAccess } from '@/lib/server/metrics/token';

const TOKEN = 'k3Jq9vXw2LmN8pRt5sYz';

describe('metricsAccess', () => {
  it('is disabled without a configured token, whatever the request sends', () => {
    for (const header of [null, '', 'Bearer ', `Bearer ${TOKEN}`]) {
      expect(metricsAccess(header, undefined)).toBe('disabled');
      expect(metricsAccess(header, '')).toBe('disabled');
    }
  });

  it('grants the exact bearer token only', () => {
    expect(metricsAccess(`Bearer ${TOKEN}`, TOKEN)).toBe('granted');
    expect(metricsAccess(`bearer ${TOKEN}`, TOKEN)).toBe('granted');
    for (const header of [null, '', 'Bearer', 'Bearer ', TOKEN, `Basic ${TOKEN}`, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(1)}`, `Bearer ${TOKEN} ${TOKEN}`, `Bearer  ${TOKEN}`]) {
      expect(metricsAccess(header, TOKEN), String(header)).toBe('denied');
    }
  });
});
