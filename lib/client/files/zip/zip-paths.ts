// Where each selected item goes inside a zip. Names come from decrypted
// metadata: they were written by whoever holds the key, and unzip tools
// write entries wherever their paths point. So every path is built here
// from single, cleaned segments: no "..", no absolute path, no separator
// smuggled inside a name (zip-slip), and no two entries with one path.
import type { VaultFile } from '@/lib/client/files/file-list';
import type { VaultTree } from '@/lib/client/folders/tree';

export type ZipPlanEntry =
  | { kind: 'folder'; path: string; lastModified: Date }
  /** path never ends in "/"; the file is decrypted when its turn comes. */
  | { kind: 'file'; path: string; lastModified: Date; file: VaultFile };

export interface ZipSelection {
  fileIds: readonly string[];
  folderIds: readonly string[];
}

const MAX_SEGMENT_CHARS = 200;

/**
 * One path segment from a name: separators and control characters become
 * "_", "." and ".." (which mean something to every file system) become "_",
 * an empty name becomes "unnamed". ":" goes too: "C:x" is a drive-relative
 * path on Windows.
 */
export function safeSegment(name: string): string {
  let clean = name.normalize('NFC').replace(/[\u0000-\u001f\u007f/\\:]/g, '_').trim();
  if (clean === '.' || clean === '..') clean = '_';
  // Trailing dots and spaces vanish on Windows, merging two names into one.
  clean = clean.replace(/[. ]+$/, (m) => '_'.repeat(m.length));
  if (clean.length > MAX_SEGMENT_CHARS) clean = clean.slice(0, MAX_SEGMENT_CHARS);
  return clean === '' ? 'unnamed' : clean;
}

/** "report.pdf" → "report (2).pdf"; a leading dot is part of the name (".env" → ".env (2)"). */
function numbered(segment: string, n: number): string {
  const dot = segment.lastIndexOf('.');
  return dot > 0 ? `${segment.slice(0, dot)} (${n})${segment.slice(dot)}` : `${segment} (${n})`;
}

/**
 * Hands out unique names per directory. Case-insensitive: macOS and Windows
 * extract "A.txt" and "a.txt" onto the same file.
 */
class NameSpace {
  private readonly taken = new Map<string, Set<string>>();

  claim(dir: string, segment: string): string {
    const used = this.taken.get(dir) ?? new Set<string>();
    this.taken.set(dir, used);
    let candidate = segment;
    for (let n = 2; used.has(candidate.toLocaleLowerCase()); n++) candidate = numbered(segment, n);
    used.add(candidate.toLocaleLowerCase());
    return candidate;
  }
}

/**
 * The entries for a selection made in one folder view (or search results):
 * each selected file at the top of the zip, each selected folder as a
 * directory with its whole live subtree (trashed items stay out). Folders
 * come before their contents so an empty folder still appears.
 */
export function planZip(tree: VaultTree, files: readonly VaultFile[], selection: ZipSelection): ZipPlanEntry[] {
  const names = new NameSpace();
  const out: ZipPlanEntry[] = [];
  const byFolder = new Map<string | null, VaultFile[]>();
  for (const f of files) if (f.trashedAt === null) byFolder.set(f.folderId, [...(byFolder.get(f.folderId) ?? []), f]);
  const byName = (a: { name: string; id: string }, b: { name: string; id: string }) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

  const addFile = (dir: string, file: VaultFile) => {
    const path = dir + names.claim(dir, safeSegment(file.metadata.name));
    out.push({ kind: 'file', path, lastModified: new Date(file.metadata.mtime), file });
  };
  const visited = new Set<string>();
  const addFolder = (dir: string, folderId: string) => {
    const folder = tree.folders.get(folderId);
    // A cycle cannot come from openTree, but a folder is entered once whatever the tree says.
    if (!folder || folder.trashedAt !== null || visited.has(folderId)) return;
    visited.add(folderId);
    const path = `${dir}${names.claim(dir, safeSegment(folder.name))}/`;
    out.push({ kind: 'folder', path, lastModified: new Date(folder.createdAt) });
    const children = tree.childrenOf(folderId).filter((c) => c.trashedAt === null).sort(byName);
    for (const child of children) addFolder(path, child.id);
    const inside = (byFolder.get(folderId) ?? []).map((f) => ({ f, name: f.metadata.name, id: f.id })).sort(byName);
    for (const { f } of inside) addFile(path, f);
  };

  for (const id of selection.folderIds) addFolder('', id);
  const byId = new Map(files.map((f) => [f.id, f]));
  for (const id of new Set(selection.fileIds)) {
    const file = byId.get(id);
    if (file && file.trashedAt === null) addFile('', file);
  }
  return out;
}
