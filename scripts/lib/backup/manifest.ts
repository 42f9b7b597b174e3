// The backup's table of contents (docs/operations.md "Backup and restore"):
// every file with its SHA-256, every object with what S3 said about it. It
// detects corruption and truncation, and a tampered or incomplete copy; it is
// not a signature (whoever can rewrite the files can rewrite this list too),
// which is one more reason the backup must be stored encrypted and access-
// controlled.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { z } from 'zod';

export const MANIFEST_FILE = 'manifest.json';
export const BACKUP_FORMAT = 'twofold-backup/1';

const fileEntry = z.object({ path: z.string().min(1), bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });
const objectEntry = z.object({
  key: z.string().min(1),
  /** The backup file holding its bytes; object keys never become paths. */
  file: z.string().min(1),
  size: z.number().int().nonnegative(),
  etag: z.string().min(1),
  sse: z.string().min(1),
  kmsKeyId: z.string().optional(),
  /** Part sizes of a multipart object (restore re-creates the same parts, so the ETag comes back the same); null for a single PUT. */
  parts: z.array(z.number().int().positive()).nullable(),
});

export const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  createdAt: z.string(),
  database: z.enum(['pglite', 'postgres']),
  bucket: z.string().min(1),
  kmsKeyName: z.string().min(1),
  files: z.array(fileEntry),
  objects: z.array(objectEntry),
});

export type BackupManifest = z.infer<typeof manifestSchema>;
export type ObjectEntry = z.infer<typeof objectEntry>;
export type FileEntry = z.infer<typeof fileEntry>;

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function describeFile(backupDir: string, path: string): Promise<FileEntry> {
  const full = join(backupDir, path);
  return { path, bytes: statSync(full).size, sha256: await sha256File(full) };
}

export function writeManifest(backupDir: string, manifest: BackupManifest): void {
  writeFileSync(join(backupDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
}

/** A path from the manifest that stays inside the backup directory. */
function insideBackup(path: string): boolean {
  const n = normalize(path);
  return !n.startsWith('..') && !n.startsWith(sep) && !n.includes(`..${sep}`);
}

/**
 * Reads the manifest and checks every file it lists, byte for byte, before
 * restore touches anything. Returns the problems found (empty = intact).
 */
export async function verifyBackup(backupDir: string): Promise<{ manifest?: BackupManifest; problems: string[] }> {
  const manifestPath = join(backupDir, MANIFEST_FILE);
  if (!existsSync(manifestPath)) return { problems: [`${manifestPath} does not exist: not a Twofold backup`] };
  let manifest: BackupManifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(readFileSync(manifestPath, 'utf8')));
  } catch (error) {
    return { problems: [`${MANIFEST_FILE} is not a valid ${BACKUP_FORMAT} manifest (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`] };
  }
  const problems: string[] = [];
  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  for (const file of manifest.files) {
    if (!insideBackup(file.path)) {
      problems.push(`${file.path}: path leaves the backup directory`);
      continue;
    }
    const full = join(backupDir, file.path);
    if (!existsSync(full)) {
      problems.push(`${file.path}: missing`);
      continue;
    }
    const bytes = statSync(full).size;
    if (bytes !== file.bytes) {
      problems.push(`${file.path}: ${bytes} bytes, the manifest says ${file.bytes}`);
      continue;
    }
    if ((await sha256File(full)) !== file.sha256) problems.push(`${file.path}: SHA-256 differs from the manifest`);
  }
  for (const object of manifest.objects) {
    const file = listed.get(object.file);
    if (!file) problems.push(`object ${object.key}: its file ${object.file} is not listed in the manifest`);
    else if (file.bytes !== object.size) problems.push(`object ${object.key}: file has ${file.bytes} bytes, the object had ${object.size}`);
    if (object.parts && object.parts.reduce((a, b) => a + b, 0) !== object.size) problems.push(`object ${object.key}: part sizes do not add up to its size`);
  }
  return { manifest, problems };
}
