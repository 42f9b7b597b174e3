import { describe, expect, it } from 'vitest';
import { plural } from '@/lib/shared/plural';

const files = { one: '# file', other: '# files' };

describe('plural', () => {
  it('uses the singular only for one in English', () => {
    expect(plural(1, files)).toBe('1 file');
    expect(plural(0, files)).toBe('0 files');
    expect(plural(2, files)).toBe('2 files');
    expect(plural(21, files)).toBe('21 files');
  });

  it('gives forms without a count as they are', () => {
    expect(plural(1, { one: 'it is', other: 'they are' })).toBe('it is');
    expect(plural(5, { one: 'it is', other: 'they are' })).toBe('they are');
  });

  it('formats the count for the locale', () => {
    expect(plural(1234, files)).toBe('1,234 files');
  });

  it("follows the locale's rules, not English ones", () => {
    // French counts 0 as singular; Russian puts 21 with 1 and 3 in "few".
    expect(plural(0, { one: '# fichier', other: '# fichiers' }, 'fr')).toBe('0 fichier');
    const ru = { one: '# файл', few: '# файла', many: '# файлов', other: '# файла' };
    expect(plural(21, ru, 'ru')).toBe('21 файл');
    expect(plural(3, ru, 'ru')).toBe('3 файла');
    expect(plural(5, ru, 'ru')).toBe('5 файлов');
  });

  it('falls back to other for a category the caller left out', () => {
    expect(plural(3, { one: '# файл', other: '# файлов' }, 'ru')).toBe('3 файлов');
  });

  it('refuses a count that is not a number', () => {
    expect(() => plural(Number.NaN, files)).toThrow(RangeError);
  });
});
