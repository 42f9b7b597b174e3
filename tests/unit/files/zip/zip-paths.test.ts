// Entry paths of a zip: unique per directory, whole subtrees, and names that
// try to climb out of the extraction directory kept inside it.
import { describe, expect, it } from 'vitest';
import type { VaultFile } from '@/lib/client/files/file-list';
import { VaultTree, type VaultFolder } from '@/lib/client/folders/tree';
import { planZip, safeSegment } from '@/lib/client/files/zip/zip-paths';
import { fakeFile } from './helpers';

function tree(folders: Array<{ id: string; parentId: string | null; name: string; trashed?: boolean }>): VaultTree {
  const t = new VaultTree({} as VaultTree['root']);
  for (const f of folders) {
    t.folders.set(f.id, {
      id: f.id, parentId: f.parentId, name: f.name, keys: {} as VaultFolder['keys'], parent: {} as VaultFolder['parent'],
      wrappedFolderKey: new Uint8Array(), trashedAt: f.trashed ? '2026-01-01T00:00:00.000Z' : null, createdAt: '2026-01-01T00:00:00.000Z',
    });
  }
  return t;
}

const paths = (t: VaultTree, files: VaultFile[], fileIds: string[], folderIds: string[]) => planZip(t, files, { fileIds, folderIds }).map((e) => e.path);

describe('safeSegment', () => {
  it.each([
    ['..', '_'], ['.', '_'], ['../../etc/passwd', '.._.._etc_passwd'], ['/abs', '_abs'], ['a\\b', 'a_b'], ['C:evil', 'C_evil'],
    ['', 'unnamed'], ['   ', 'unnamed'], ['nul\u0000byte', 'nul_byte'], ['line\nbreak', 'line_break'], ['trailing. ', 'trailing_'], ['dots...', 'dots___'],
    ['ok name.txt', 'ok name.txt'], ['e\u0301', '\u00e9'],
  ])('%j → %j', (name, expected) => {
    expect(safeSegment(name)).toBe(expected);
  });

  it('never yields a separator, a dot segment or an empty one (property over hostile characters)', () => {
    const alphabet = ['.', '/', '\\', ':', ' ', 'a', '\u0000', '\u007f', '\n', 'é'];
    for (let i = 0; i < 2000; i++) {
      const name = Array.from({ length: 1 + (i % 7) }, (_, j) => alphabet[(i * 7 + j * 3 + (i >> j)) % alphabet.length]).join('');
      const s = safeSegment(name);
      expect(s).not.toMatch(/[/\\:\u0000-\u001f\u007f]/);
      expect(['', '.', '..']).not.toContain(s);
    }
  });
});

describe('planZip', () => {
  const t = tree([
    { id: 'f-top', parentId: null, name: 'Project' },
    { id: 'f-sub', parentId: 'f-top', name: 'Drafts' },
    { id: 'f-deep', parentId: 'f-sub', name: 'Old' },
    { id: 'f-empty', parentId: 'f-top', name: 'Empty' },
    { id: 'f-gone', parentId: 'f-top', name: 'Trashed' , trashed: true },
    { id: 'f-evil', parentId: null, name: '..' },
  ]);
  const files = [
    fakeFile('a', 'plan.pdf', 'f-top'),
    fakeFile('b', 'draft.txt', 'f-sub'),
    fakeFile('c', 'ancient.txt', 'f-deep'),
    fakeFile('d', 'hidden.txt', 'f-gone'),
    fakeFile('e', 'bin.txt', 'f-top', { trashedAt: '2026-01-01T00:00:00.000Z' }),
    fakeFile('x', 'report.pdf', null),
    fakeFile('y', 'report.pdf', null),
    fakeFile('z', 'REPORT.pdf', null),
    fakeFile('w', '.env', null),
    fakeFile('v', '.env', null),
    fakeFile('p', 'Project', null),
    fakeFile('climb', '../../../.bashrc', null),
    fakeFile('inside', 'x', 'f-evil'),
  ];

  it('a folder brings its whole live subtree, folders as directories, trashed items left out', () => {
    expect(paths(t, files, [], ['f-top'])).toEqual([
      'Project/', 'Project/Drafts/', 'Project/Drafts/Old/', 'Project/Drafts/Old/ancient.txt', 'Project/Drafts/draft.txt', 'Project/Empty/', 'Project/plan.pdf',
    ]);
  });

  it('duplicates get " (2)", " (3)" before the extension, case-insensitively; a file named like a folder too', () => {
    expect(paths(t, files, ['x', 'y', 'z', 'w', 'v', 'p'], ['f-top']).filter((p) => !p.startsWith('Project/'))).toEqual([
      'report.pdf', 'report (2).pdf', 'REPORT (3).pdf', '.env', '.env (2)', 'Project (2)',
    ]);
  });

  it('hostile names stay inside: no "..", no leading "/", no separators from names', () => {
    const all = paths(t, files, ['climb'], ['f-evil']);
    expect(all).toEqual(['_/', '_/x', '.._.._.._.bashrc']);
    for (const p of all) {
      expect(p.startsWith('/')).toBe(false);
      expect(p.split('/').filter((s) => s === '..' || s === '.')).toEqual([]);
    }
  });

  it('a selected file in the trash, an unknown id or a trashed folder adds nothing; ids count once', () => {
    expect(paths(t, files, ['e', 'nope', 'x', 'x'], ['f-gone', 'missing'])).toEqual(['report.pdf']);
  });
});
