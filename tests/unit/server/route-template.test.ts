// Access logs name the route template, never the concrete ids of a path.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { routeTemplate } from '@/lib/server/log/route-template';

describe('routeTemplate', () => {
  it.each([
    ['/api/health', {}, '/api/health'],
    ['/api/files/0b9c6a52-7d1e-4f3a-8b2c-5e6f7a8b9c0d/links/AAAAAAAAAAAAAAAAAAAAAA', { id: '0b9c6a52-7d1e-4f3a-8b2c-5e6f7a8b9c0d', linkId: 'AAAAAAAAAAAAAAAAAAAAAA' }, '/api/files/[id]/links/[linkId]'],
    ['/api/auth/callback/opaque', { nextauth: ['callback', 'opaque'] }, '/api/auth/[...nextauth]'],
    ['/api/files/a%20b/download', { id: 'a b' }, '/api/files/[id]/download'],
    // Two params with the same value still land on their own segments.
    ['/api/files/x/shares/x', { id: 'x', shareId: 'x' }, '/api/files/[id]/shares/[shareId]'],
  ])('%s → %s', (path, params, template) => {
    expect(routeTemplate(path, params)).toBe(template);
  });

  it('never keeps a param value in the template', () => {
    fc.assert(fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{8,40}$/), fc.stringMatching(/^[A-Za-z0-9_-]{8,40}$/), (id, linkId) => {
      const template = routeTemplate(`/api/files/${encodeURIComponent(id)}/links/${encodeURIComponent(linkId)}`, { id, linkId });
      expect(template).toBe('/api/files/[id]/links/[linkId]');
    }));
  });
});
