// The page's side of [Note: OPFS staging] (lib/crypto/opfs-stage.ts): which
// directory this page's encrypted parts are staged in, and removing them.
// The worker writes the parts; the page deletes each once its PUT settles
// (upload-engine.ts calls PartEncryptor.release), so only the parts holding
// an upload slot are ever on disk, and only ciphertext.
//
// [Note: staging directory lifetime] Each page stages into its own randomly
// named directory under STAGING_DIR and holds a Web Lock of the same name
// for as long as it lives. The browser drops a page's locks when the page
// goes away, crashed or closed, which is what a part's own `finally` cannot
// survive. So a directory whose lock nobody holds belongs to no living page,
// and the first page to stage something afterwards removes it.
import { STAGING_DIR, type StageTarget } from '@/lib/crypto/opfs-stage';

const LOCK_PREFIX = `${STAGING_DIR}/`;

/** The Web Lock a page holds for its staging directory `dir`. */
export function stagingLockName(dir: string): string {
  return LOCK_PREFIX + dir;
}

/**
 * Directories under STAGING_DIR that no living page holds, from a listing
 * taken before the locks were queried: a page takes its lock before its
 * worker creates the directory, so a directory in the listing whose lock is
 * missing from the later query is one whose page is gone.
 */
export function orphanedStagingDirs(listed: Iterable<string>, heldLocks: Iterable<string | undefined>, own: string): string[] {
  const held = new Set(heldLocks);
  return [...listed].filter((dir) => dir !== own && !held.has(stagingLockName(dir)));
}

/** OPFS and Web Locks both exist (a page without locks could not tell its leftovers from a live page's). */
export function opfsStagingAvailable(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.storage?.getDirectory === 'function' && typeof navigator.locks?.request === 'function';
}

let pageDir: Promise<string> | undefined;
let nextPart = 1;

async function stagingRoot(): Promise<FileSystemDirectoryHandle> {
  return (await navigator.storage.getDirectory()).getDirectoryHandle(STAGING_DIR, { create: true });
}

/** The directory's entries: Chromium has them, but TypeScript's DOM lib types them only under dom.asynciterable. */
function entriesOf(dir: FileSystemDirectoryHandle): AsyncIterable<[string, FileSystemHandle]> {
  return (dir as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries();
}

async function sweepOrphans(own: string): Promise<void> {
  const root = await stagingRoot();
  const listed: string[] = [];
  for await (const [name, handle] of entriesOf(root)) if (handle.kind === 'directory') listed.push(name);
  // Queried after listing, never before: see orphanedStagingDirs.
  const { held = [] } = await navigator.locks.query();
  for (const dir of orphanedStagingDirs(listed, held.map((lock) => lock.name), own)) {
    // A part still open in a dying page's worker refuses removal: the next sweep gets it.
    await root.removeEntry(dir, { recursive: true }).catch(() => undefined);
  }
}

async function claimPageDir(): Promise<string> {
  // A random name, not a secret: it only keeps two pages' parts apart.
  const dir = crypto.randomUUID();
  await new Promise<void>((granted) => {
    void navigator.locks.request(stagingLockName(dir), () => {
      granted();
      return new Promise<never>(() => {}); // held until the page goes away
    });
  });
  await sweepOrphans(dir).catch(() => undefined); // cleanup: never fails an upload
  return dir;
}

/** Where the worker should stage the next part: this page's directory (claimed and swept on first use) and a fresh name. */
export async function nextStageTarget(): Promise<StageTarget> {
  pageDir ??= claimPageDir();
  return { dir: await pageDir, name: `part-${nextPart++}` };
}

/** Deletes a staged part of this page. Errors are swallowed: it is cleanup, and a leftover goes with the page's directory. */
export async function releaseStaged(name: string): Promise<void> {
  if (!pageDir) return;
  try {
    const dir = await (await stagingRoot()).getDirectoryHandle(await pageDir);
    await dir.removeEntry(name);
  } catch {
    // Already gone, or OPFS went away: nothing to clean.
  }
}
