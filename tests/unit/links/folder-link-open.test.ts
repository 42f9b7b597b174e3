// The visitor's side of a folder link (lib/client/links/open-folder-link.ts)
// against a server that answers with what a real one stores, built with real
// crypto: the subtree opens from the link's folder key alone; a file key the
// server moved into another folder and a folder row it injected are hidden
// and counted, never shown; and a whole-folder zip asks for its URLs once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toBase64Url } from '@/lib/crypto/bytes';
import { createFileKey } from '@/lib/crypto/file-key';
import { encryptFolderMetadata, generateFolderKeyBytes, importFolderKeys, wrapFolderKey } from '@/lib/crypto/folder-key';
import { folderParent, type FolderKeys, type KeyParent } from '@/lib/crypto/key-parent';
import { deriveLinkKeys, generateLinkSecrets, wrapFolderKeyForLink } from '@/lib/crypto/link';
import { encryptMetadata } from '@/lib/crypto/metadata';
import { linkDownloadSource, openFolderLink } from '@/lib/client/links/open-folder-link';
import { LinkDamagedError } from '@/lib/client/links/open-link';
import type { LinkedFileJson, LinkedFolderJson } from '@/lib/shared/folder-links';

const at = '2026-01-01T00:00:00.000Z';
const later = new Date(Date.now() + 60_000).toISOString();

async function folder(parent: KeyParent | null, parentId: string | null, name: string): Promise<{ row: LinkedFolderJson; keys: FolderKeys; bytes: Uint8Array }> {
  const id = crypto.randomUUID();
  const bytes = generateFolderKeyBytes();
  const keys = await importFolderKeys(bytes, id);
  const wrapped = parent ? await wrapFolderKey(parent, bytes, id) : new Uint8Array(61);
  return { row: { id, parentId, wrappedFolderKey: toBase64Url(wrapped), encryptedMetadata: toBase64Url(await encryptFolderMetadata(keys, { name, mtime: 0 })) }, keys, bytes };
}

async function file(keys: FolderKeys, name: string, folderId = keys.folderId): Promise<LinkedFileJson> {
  const id = crypto.randomUUID();
  const key = await createFileKey();
  return {
    id, folderId, createdAt: at, ciphertextSize: 100, chunkSize: 65_536,
    wrappedFileKey: toBase64Url(await key.wrap(folderParent(keys), id)),
    encryptedMetadata: toBase64Url(await encryptMetadata(key.key, id, { name, type: 'text/plain', size: 84, mtime: 0 })),
  };
}

/** A linked folder "Atlas" with "Drafts" below it, one file in each, and the link that wraps Atlas's key. */
async function linkedTree() {
  const top = await folder(null, null, 'Atlas');
  const drafts = await folder(folderParent(top.keys), top.row.id, 'Drafts');
  const { linkId, fragmentSecret, linkSalt } = generateLinkSecrets();
  const { linkKey } = await deriveLinkKeys({ fragmentSecret, linkSalt, linkId });
  top.row.wrappedFolderKey = toBase64Url(await wrapFolderKeyForLink(linkKey, top.bytes, linkId, top.row.id));
  const info = { id: linkId, kind: 'folder' as const, hasPassword: false, linkSalt: toBase64Url(linkSalt) };
  return { top, drafts, info, fragmentSecret, files: [await file(top.keys, 'plan.txt'), await file(drafts.keys, 'draft.txt')] };
}

/** The server: answers /tree with `tree` and records every /file-downloads body. */
function serve(tree: unknown, downloadBodies: unknown[]) {
  vi.stubGlobal('fetch', vi.fn(async (path: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body)) as { fileIds?: string[] };
    if (path.endsWith('/tree')) return Response.json(tree);
    downloadBodies.push(body);
    return Response.json({ downloads: body.fileIds!.map((fileId) => ({ fileId, url: `https://s3.test/${fileId}`, expiresAt: later, ciphertextSize: 100, chunkSize: 65_536 })) });
  }));
}
afterEach(() => void vi.unstubAllGlobals());

describe('opening a folder link', () => {
  it('opens the subtree from the link key alone; a moved file key and an injected folder are hidden and counted', async () => {
    const t = await linkedTree();
    const outsider = await folder(folderParent(t.drafts.keys), t.top.row.id, 'Injected'); // wrapped under Drafts, claims to sit in Atlas
    const moved = await file(t.drafts.keys, 'moved.txt', t.top.row.id); // key for Drafts, row says Atlas
    serve({ linkId: t.info.id, folder: t.top.row, folders: [t.drafts.row, outsider.row], files: [...t.files, moved], expiresAt: null, downloadsLeft: 3 }, []);
    const link = await openFolderLink(t.info, t.fragmentSecret);
    expect(link.tree.folders.get(link.rootId)!.name).toBe('Atlas');
    expect(link.tree.childrenOf(link.rootId).map((f) => f.name)).toEqual(['Drafts']);
    expect(link.files.map((f) => f.metadata.name).sort()).toEqual(['draft.txt', 'plan.txt']);
    expect(link.hidden).toBe(2);
    expect(link.downloadsLeft).toBe(3);
  });

  it('a linked folder key that does not open with this link is damage, not a folder', async () => {
    const t = await linkedTree();
    const other = await linkedTree();
    serve({ linkId: t.info.id, folder: other.top.row, folders: [], files: [], expiresAt: null, downloadsLeft: null }, []);
    await expect(openFolderLink(t.info, t.fragmentSecret)).rejects.toBeInstanceOf(LinkDamagedError);
  });

  it('a whole-folder download asks for every URL in one request', async () => {
    const t = await linkedTree();
    const bodies: unknown[] = [];
    serve({ linkId: t.info.id, folder: t.top.row, folders: [t.drafts.row], files: t.files, expiresAt: null, downloadsLeft: null }, bodies);
    const link = await openFolderLink(t.info, t.fragmentSecret);
    const ids = link.files.map((f) => f.id);
    const source = linkDownloadSource(link, ids);
    const urls = await Promise.all(ids.map((id) => source.downloadUrl(id)));
    expect(urls.map((u) => u.url)).toEqual(ids.map((id) => `https://s3.test/${id}`));
    expect(bodies).toHaveLength(1);
    expect((bodies[0] as { fileIds: string[] }).fileIds).toEqual(ids);
  });
});
