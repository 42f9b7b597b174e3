// Runs every negative vector and reports how it failed, observed rather than
// echoed: the label follows from what the decoder did (which stage refused
// it, which error class) and, for "wrong key" and "wrong context", from the
// same bytes opening with the key or context they were made for. Runs in
// Node (vectors.test.ts) and Chromium (crypto-vectors.spec.ts).
import { fromBase64Url, fromHex } from '@/lib/crypto/bytes';
import { HEADER_LENGTH } from '@/lib/crypto/constants';
import { FormatError, IntegrityError } from '@/lib/crypto/errors';
import { openFileContext } from '@/lib/crypto/file-context';
import { importFileKey, unwrapFileKeyBytes } from '@/lib/crypto/file-key';
import { decryptFolderMetadata, importFolderKeys, unwrapFolderKeyBytes } from '@/lib/crypto/folder-key';
import { folderParent, rootParent, type FolderKeys, type KeyParent } from '@/lib/crypto/key-parent';
import { decryptMetadata } from '@/lib/crypto/metadata';
import { importAesGcmKey } from '@/lib/crypto/subtle';
import { decryptFileBytes } from '@/lib/crypto/whole-file';
import { unwrapKeyBytes } from '@/lib/crypto/wrap';
import { openShareEnvelope } from '@/lib/crypto/envelope';
import { openFolderShareEnvelopeBytes } from '@/lib/crypto/folder-share-envelope';
import { importPrivateKeyPkcs8 } from '@/lib/crypto/subtle';
import { importHpkePublicKeyRaw } from '@/lib/crypto/user-keys';
import type { NegativeEnvelopeCase, NegativeErrorClass, NegativeFolderCase, NegativeResult, NegativeVectors } from './negative-types';

function errorClass(error: unknown): NegativeErrorClass | string {
  if (error instanceof FormatError) return 'FormatError';
  if (error instanceof IntegrityError) return 'IntegrityError';
  if (error instanceof TypeError) return 'TypeError';
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
    return undefined;
  } catch (error) {
    return error ?? new Error('thrown undefined');
  }
}

async function succeeds(run: () => Promise<unknown>): Promise<boolean> {
  return (await failure(run)) === undefined;
}

// The client's keys for each place of folders.json: the root (null) and each folder.
async function folderPlaces(tree: NegativeVectors['folderTree']): Promise<{ parent: (id: string | null) => KeyParent; folder: (id: string) => FolderKeys }> {
  const rootKey = await importAesGcmKey(fromHex(tree.rootKeyHex), ['decrypt']);
  const keys = new Map<string, FolderKeys>();
  for (const f of tree.folders) keys.set(f.folderId, await importFolderKeys(fromHex(f.folderKeyHex), f.folderId));
  const folder = (id: string) => {
    const found = keys.get(id);
    if (!found) throw new Error(`unknown folder ${id}`);
    return found;
  };
  return { parent: (id) => (id === null ? rootParent(rootKey, tree.ownerId) : folderParent(folder(id))), folder };
}

// Opens a folder case at a place, as the client does (format.md §2.1).
function openFolderCase(places: Awaited<ReturnType<typeof folderPlaces>>, c: NegativeFolderCase, at: string | null): () => Promise<unknown> {
  const blob = fromBase64Url(c.blobBase64Url);
  if (c.item === 'folder-metadata') return () => decryptFolderMetadata(places.folder(at ?? ''), blob);
  const itemId = c.itemId ?? '';
  return c.item === 'file-key'
    ? () => unwrapFileKeyBytes(places.parent(at), blob, itemId)
    : () => unwrapFolderKeyBytes(places.parent(at), blob, itemId);
}

// Opens an envelope as the kind and for the id given, as the recipient of envelope.json.
async function envelopeOpener(p: NegativeVectors['envelopeParties']) {
  const keyPair = {
    privateKey: await importPrivateKeyPkcs8('ECDH-P256', fromHex(p.recipientHpkePrivateKeyPkcs8Hex), false),
    publicKey: await importHpkePublicKeyRaw(fromHex(p.recipientHpkePublicKeyRawHex)),
  };
  const common = { recipientHpkeKeyPair: keyPair, senderIdentityPublicKeyRaw: fromHex(p.senderIdentityPublicKeyRawHex) };
  return (c: NegativeEnvelopeCase, as: NegativeEnvelopeCase['openAs'], id: string) => () => {
    const envelope = fromBase64Url(c.envelopeBase64Url);
    return as === 'file-share'
      ? openShareEnvelope({ ...common, envelope, ids: { fileId: id, senderId: p.senderId, recipientId: p.recipientId } })
      : openFolderShareEnvelopeBytes({ ...common, envelope, ids: { folderId: id, senderId: p.senderId, recipientId: p.recipientId } });
  };
}

export async function checkNegativeVectors(n: NegativeVectors): Promise<NegativeResult[]> {
  const results: NegativeResult[] = [];
  const referenceFileKey = await importFileKey(fromHex(n.referenceFileKeyHex));

  for (const c of n.files) {
    const bytes = fromBase64Url(c.ciphertextBase64Url);
    const fileKey = await importFileKey(fromHex(c.fileKeyHex));
    const error = await failure(() => decryptFileBytes(fileKey, bytes));
    if (error === undefined) {
      results.push({ name: c.name, expect: 'accepted', error: 'none' });
      continue;
    }
    const headerOpens = bytes.length >= HEADER_LENGTH && await succeeds(() => openFileContext(fileKey, bytes.slice(0, HEADER_LENGTH)));
    let expect: NegativeResult['expect'] = headerOpens ? 'payload failure' : 'header failure';
    if (!headerOpens && error instanceof IntegrityError && await succeeds(() => decryptFileBytes(referenceFileKey, bytes))) expect = 'wrong key';
    results.push({ name: c.name, expect, error: errorClass(error) });
  }

  const made = n.wrapMadeFor;
  const madeKey = await importAesGcmKey(fromHex(made.wrappingKeyHex), ['decrypt']);
  for (const c of n.wrappedKeys) {
    const blob = fromBase64Url(c.blobBase64Url);
    const key = await importAesGcmKey(fromHex(c.wrappingKeyHex), ['decrypt']);
    const error = await failure(() => unwrapKeyBytes(key, blob, { purpose: c.purpose, ids: c.ids }));
    let expect: NegativeResult['expect'] = 'unclassified';
    if (error === undefined) expect = 'accepted';
    else if (error instanceof FormatError) expect = 'format error';
    else if (await succeeds(() => unwrapKeyBytes(key, blob, { purpose: made.purpose, ids: made.ids }))) expect = 'wrong context';
    else if (await succeeds(() => unwrapKeyBytes(madeKey, blob, { purpose: made.purpose, ids: made.ids }))) expect = 'wrong key';
    else if (error instanceof IntegrityError) expect = 'payload failure';
    results.push({ name: c.name, expect, error: error === undefined ? 'none' : errorClass(error) });
  }

  for (const c of n.metadata) {
    const blob = fromBase64Url(c.blobBase64Url);
    const fileKey = await importFileKey(fromHex(c.fileKeyHex));
    const error = await failure(() => decryptMetadata(fileKey, c.fileId, blob));
    let expect: NegativeResult['expect'] = 'unclassified';
    if (error === undefined) expect = 'accepted';
    else if (error instanceof FormatError) expect = 'format error';
    else if (await succeeds(() => decryptMetadata(fileKey, n.metadataMadeForFileId, blob))) expect = 'wrong context';
    else if (error instanceof IntegrityError) expect = 'payload failure';
    results.push({ name: c.name, expect, error: error === undefined ? 'none' : errorClass(error) });
  }

  const places = await folderPlaces(n.folderTree);
  for (const c of n.folders) {
    const error = await failure(openFolderCase(places, c, c.claimed));
    let expect: NegativeResult['expect'] = 'unclassified';
    if (error === undefined) expect = 'accepted';
    else if (error instanceof FormatError) expect = 'format error';
    else if (c.claimed !== c.madeFor && await succeeds(openFolderCase(places, c, c.madeFor))) expect = 'wrong context';
    else if (error instanceof IntegrityError) expect = 'payload failure';
    results.push({ name: c.name, expect, error: error === undefined ? 'none' : errorClass(error) });
  }

  const open = await envelopeOpener(n.envelopeParties);
  for (const c of n.envelopes) {
    const error = await failure(open(c, c.openAs, c.subjectId));
    let expect: NegativeResult['expect'] = 'unclassified';
    if (error === undefined) expect = 'accepted';
    else if (await succeeds(open(c, c.madeAs, c.madeForId))) expect = 'wrong context';
    results.push({ name: c.name, expect, error: error === undefined ? 'none' : errorClass(error) });
  }

  for (const c of n.base64url) {
    const error = await failure(async () => fromBase64Url(c.text));
    results.push({ name: c.name, expect: error === undefined ? 'accepted' : 'encoding error', error: error === undefined ? 'none' : errorClass(error) });
  }
  return results;
}

/** What checkNegativeVectors must report: every case fails as labelled. */
export function expectedNegativeResults(n: NegativeVectors): NegativeResult[] {
  return [...n.files, ...n.wrappedKeys, ...n.metadata, ...n.folders, ...n.envelopes, ...n.base64url].map((c) => ({ name: c.name, expect: c.expect, error: c.error }));
}
