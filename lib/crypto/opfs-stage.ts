// [Note: OPFS staging] Where an encrypted upload part waits for its PUT. A
// Blob made from a worker's bytes is a slow fetch body in Chromium (the
// bytes cross to the browser process and are sent from its blob store),
// while a File slice from disk, what the plain baseline sends, is fast
// (docs/benchmarks.md). So the worker writes each part's ciphertext to the
// Origin Private File System through a sync access handle and hands back
// the File: the page PUTs it as the baseline PUTs the user's file. The part
// is deleted once its PUT settles (lib/client/files/upload/opfs-staging.ts).
//
// Runs in the encryption worker: createSyncAccessHandle exists only in
// dedicated workers. Only ciphertext is written, never a key or plaintext.
export const STAGING_DIR = 'twofold-upload-staging';

export interface StageTarget {
  /** This page's directory under STAGING_DIR (held by a Web Lock while the page lives). */
  dir: string;
  name: string;
}

/** Writes the pieces, in order, to OPFS and returns the File backed by them. Throws where OPFS or sync handles are unavailable. */
export async function stageBytes(target: StageTarget, pieces: readonly Uint8Array[]): Promise<File> {
  const expected = pieces.reduce((sum, piece) => sum + piece.length, 0);
  const root = await navigator.storage.getDirectory();
  const staging = await root.getDirectoryHandle(STAGING_DIR, { create: true });
  const dir = await staging.getDirectoryHandle(target.dir, { create: true });
  const handle = await dir.getFileHandle(target.name, { create: true });
  try {
    const access = await handle.createSyncAccessHandle();
    try {
      access.truncate(0);
      let written = 0;
      for (const piece of pieces) {
        let done = 0;
        while (done < piece.length) done += access.write(piece.subarray(done), { at: written + done });
        written += done;
      }
      access.flush();
    } finally {
      access.close();
    }
    const file = await handle.getFile();
    // A short write (disk full) must not become a short part: S3 would refuse
    // it by its signed length anyway, but saying so here is clearer.
    if (file.size !== expected) throw new Error(`staged ${file.size} of ${expected} bytes`);
    return file;
  } catch (error) {
    // The caller falls back to memory and never learns this name: remove it here.
    await dir.removeEntry(target.name).catch(() => undefined);
    throw error;
  }
}
