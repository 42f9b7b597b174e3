// Folder uploads (issue 10): a picked or dropped folder becomes a list of
// files with their relative folder path, then the tree is recreated in the
// vault and every file goes through the ordinary upload engine.

export interface PathedFile {
  file: File;
  /** Folder names from the picked folder down to the file's folder, e.g. ["Photos", "2026"]. */
  folders: string[];
}

/** From an <input webkitdirectory>: each File carries its path from the picked folder. */
export function filesFromDirectoryInput(list: Iterable<File>): PathedFile[] {
  return Array.from(list, (file) => {
    const parts = (file.webkitRelativePath || file.name).split('/').filter((p) => p.length > 0);
    return { file, folders: parts.slice(0, -1) };
  });
}

function readAll(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  // readEntries answers in batches (100 in Chromium) until it returns none.
  return new Promise((resolve, reject) => {
    const out: FileSystemEntry[] = [];
    const next = () => reader.readEntries((batch) => {
      if (batch.length === 0) return resolve(out);
      out.push(...batch);
      next();
    }, reject);
    next();
  });
}

async function walk(entry: FileSystemEntry, folders: string[], out: PathedFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ file, folders });
  } else if (entry.isDirectory) {
    for (const child of await readAll((entry as FileSystemDirectoryEntry).createReader())) await walk(child, [...folders, entry.name], out);
  }
}

/**
 * From a drop: folders are walked with the entries API; plain files come with
 * no folder. Must be called during the drop event (entries are read later,
 * but the items are only available synchronously).
 */
export function filesFromDrop(transfer: DataTransfer): Promise<PathedFile[]> {
  const entries = Array.from(transfer.items)
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry?.() ?? null);
  if (entries.length === 0 || entries.some((e) => e === null)) {
    return Promise.resolve(Array.from(transfer.files, (file) => ({ file, folders: [] })));
  }
  return (async () => {
    const out: PathedFile[] = [];
    for (const entry of entries) await walk(entry!, [], out);
    return out;
  })();
}

/** True when any file sits in a folder: the drop or pick was (or held) a folder. */
export function hasFolders(files: readonly PathedFile[]): boolean {
  return files.some((f) => f.folders.length > 0);
}
