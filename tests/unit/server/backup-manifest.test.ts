// verifyBackup (scripts/lib/backup/manifest.ts) on small hand-made backups:
// every way a copy can differ from its manifest is named, and a path in the
// manifest cannot lead restore outside the backup directory.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, MANIFEST_FILE, verifyBackup, type BackupManifest } from '../../../scripts/lib/backup/manifest';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function backup(change: (m: BackupManifest, dir: string) => void = () => {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'objects'));
  const body = Buffer.from('ciphertext of the app');
  writeFileSync(join(dir, 'objects', '000000'), body);
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT, createdAt: new Date().toISOString(), database: 'pglite', bucket: 'twofold', kmsKeyName: 'k',
    files: [{ path: 'objects/000000', bytes: body.length, sha256: sha(body) }],
    objects: [{ key: 'objects/abc', file: 'objects/000000', size: body.length, etag: '"e"', sse: 'aws:kms', parts: null }],
  };
  change(manifest, dir);
  writeFileSync(join(dir, MANIFEST_FILE), JSON.stringify(manifest));
  return dir;
}

describe('verifyBackup', () => {
  it('accepts an intact backup', async () => {
    expect((await verifyBackup(backup())).problems).toEqual([]);
  });

  it('names a missing file, a wrong size and a changed byte', async () => {
    expect((await verifyBackup(backup((_, d) => rmSync(join(d, 'objects', '000000'))))).problems).toEqual(['objects/000000: missing']);
    expect((await verifyBackup(backup((_, d) => writeFileSync(join(d, 'objects', '000000'), 'short')))).problems).toEqual([
      'objects/000000: 5 bytes, the manifest says 21',
    ]);
    expect((await verifyBackup(backup((_, d) => writeFileSync(join(d, 'objects', '000000'), 'ciphertext of the apP')))).problems).toEqual([
      'objects/000000: SHA-256 differs from the manifest',
    ]);
  });

  it('refuses paths that leave the backup, objects without a listed file, and parts that do not add up', async () => {
    const escaping = await verifyBackup(backup((m) => m.files.push({ path: '../../etc/passwd', bytes: 1, sha256: '0'.repeat(64) })));
    expect(escaping.problems).toEqual(['../../etc/passwd: path leaves the backup directory']);
    const absolute = await verifyBackup(backup((m) => m.files.push({ path: '/etc/passwd', bytes: 1, sha256: '0'.repeat(64) })));
    expect(absolute.problems).toEqual(['/etc/passwd: path leaves the backup directory']);
    const unlisted = await verifyBackup(backup((m) => (m.objects[0]!.file = 'objects/000009')));
    expect(unlisted.problems).toEqual(['object objects/abc: its file objects/000009 is not listed in the manifest']);
    const parts = await verifyBackup(backup((m) => (m.objects[0]!.parts = [5, 5])));
    expect(parts.problems).toEqual(['object objects/abc: part sizes do not add up to its size']);
  });

  it('says plainly when the directory is not a backup or the manifest is not one', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'manifest-'));
    dirs.push(empty);
    expect((await verifyBackup(empty)).problems[0]).toMatch(/manifest\.json does not exist: not a Twofold backup/);
    writeFileSync(join(empty, MANIFEST_FILE), '{"format":"something else"}');
    expect((await verifyBackup(empty)).problems[0]).toMatch(/is not a valid twofold-backup\/1 manifest/);
  });
});
