import { describe, expect, it } from 'vitest';
import { baseNameEnd } from '@/components/vault/rename-dialog';

// Rename preselects name.slice(0, baseNameEnd(name)): typing replaces the base and keeps the extension.
describe('baseNameEnd', () => {
  it('stops before the last extension', () => {
    expect('quarterly report.txt'.slice(0, baseNameEnd('quarterly report.txt'))).toBe('quarterly report');
    expect('backup.tar.gz'.slice(0, baseNameEnd('backup.tar.gz'))).toBe('backup.tar');
  });
  it('takes the whole name without an extension, or a dotfile', () => {
    expect(baseNameEnd('README')).toBe(6);
    expect(baseNameEnd('.env')).toBe(4);
  });
});
