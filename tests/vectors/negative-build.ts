// Builds tests/vectors/negative.json from the positive vectors: each case is
// one documented mutation of a valid input. Metadata documents that v1
// forbids cannot come from encryptMetadata (it refuses them), so they are
// sealed here straight from format.md §4, under the real metadata key.
import { encodeFields, fromBase64Url, fromHex, toBase64Url, toHex, utf8ToBytes } from '@/lib/crypto/bytes';
import { HEADER_LENGTH, TAG_LENGTH } from '@/lib/crypto/constants';
import { importFileKey } from '@/lib/crypto/file-key';
import { encodeSealedBlob } from '@/lib/crypto/sealed-blob';
import { aesGcmEncrypt, hkdfAesGcmKey, importHkdfKey, sha256Bytes } from '@/lib/crypto/subtle';
import type { EnvelopeVectors, FileVectors, FolderVectors, KeyVectors } from './types';
import type { NegativeEnvelopeCase, NegativeFileCase, NegativeFolderCase, NegativeMetadataCase, NegativeVectors, NegativeWrapCase } from './negative-types';

const FILE_CASE = '1024/three-chunks-and-tail';

function mutate(bytes: Uint8Array, edit: (copy: Uint8Array) => Uint8Array | void): Uint8Array {
  const copy = bytes.slice();
  return edit(copy) ?? copy;
}

async function otherKeyHex(label: string, length: number): Promise<string> {
  return toHex((await sha256Bytes(utf8ToBytes(`twofold-vectors/${label}`))).slice(0, length));
}

function buildFileCases(file: FileVectors, wrongKeyHex: string): NegativeFileCase[] {
  const source = file.cases.find((c) => c.name === FILE_CASE);
  if (!source) throw new Error(`missing ${FILE_CASE}`);
  const ct = fromBase64Url(source.ciphertextBase64Url);
  const C = source.chunkSize;
  const stride = C + TAG_LENGTH;
  const chunk = (i: number) => HEADER_LENGTH + i * stride;
  const setU32 = (b: Uint8Array, at: number, v: number) => new DataView(b.buffer).setUint32(at, v, false);
  const cases: [string, NegativeFileCase['expect'], NegativeFileCase['error'], Uint8Array][] = [
    ['bad magic', 'header failure', 'FormatError', mutate(ct, (b) => { b[0] = 0x55; })],
    ['unknown version 02', 'header failure', 'FormatError', mutate(ct, (b) => { b[4] = 2; })],
    ['unknown suite 02', 'header failure', 'FormatError', mutate(ct, (b) => { b[5] = 2; })],
    ['chunk size not a power of two (1000)', 'header failure', 'FormatError', mutate(ct, (b) => setU32(b, 6, 1000))],
    ['chunk size below 2^10 (512)', 'header failure', 'FormatError', mutate(ct, (b) => setU32(b, 6, 512))],
    ['chunk size above 2^24 (2^25)', 'header failure', 'FormatError', mutate(ct, (b) => setU32(b, 6, 2 ** 25))],
    ['allowed chunk size changed (1024 to 2048)', 'header failure', 'IntegrityError', mutate(ct, (b) => setU32(b, 6, 2048))],
    ['flipped salt bit', 'header failure', 'IntegrityError', mutate(ct, (b) => { b[10]! ^= 0x01; })],
    ['flipped commitment bit', 'header failure', 'IntegrityError', mutate(ct, (b) => { b[42]! ^= 0x80; })],
    ['truncated header (73 bytes)', 'header failure', 'IntegrityError', ct.slice(0, HEADER_LENGTH - 1)],
    ['header only, no chunk', 'payload failure', 'IntegrityError', ct.slice(0, HEADER_LENGTH)],
    ['flipped bit in chunk 1', 'payload failure', 'IntegrityError', mutate(ct, (b) => { b[chunk(1) + 5]! ^= 0x04; })],
    ['flipped bit in the final tag', 'payload failure', 'IntegrityError', mutate(ct, (b) => { b[b.length - 1]! ^= 0x01; })],
    ['truncated last chunk (one byte short)', 'payload failure', 'IntegrityError', ct.slice(0, ct.length - 1)],
    ['final chunk dropped', 'payload failure', 'IntegrityError', ct.slice(0, chunk(3))],
    ['chunk appended (copy of chunk 1)', 'payload failure', 'IntegrityError', new Uint8Array([...ct, ...ct.slice(chunk(1), chunk(2))])],
    ['one byte appended', 'payload failure', 'IntegrityError', new Uint8Array([...ct, 0])],
    ['chunks 0 and 1 swapped', 'payload failure', 'IntegrityError', new Uint8Array([
      ...ct.slice(0, chunk(0)), ...ct.slice(chunk(1), chunk(2)), ...ct.slice(chunk(0), chunk(1)), ...ct.slice(chunk(2)),
    ])],
  ];
  const out: NegativeFileCase[] = cases.map(([name, expect, error, bytes]) => ({
    name, expect, error, fileKeyHex: file.fileKeyHex, ciphertextBase64Url: toBase64Url(bytes),
  }));
  out.push({ name: 'wrong key', expect: 'wrong key', error: 'IntegrityError', fileKeyHex: wrongKeyHex, ciphertextBase64Url: source.ciphertextBase64Url });
  return out;
}

function buildWrapCases(keys: KeyVectors, wrongRootHex: string): NegativeWrapCase[] {
  const blob = fromBase64Url(keys.fileKey.blobBase64Url);
  const { ownerId, fileId } = keys.fileKey;
  const base = { wrappingKeyHex: keys.rootKeyHex, purpose: 'file-key' as const, ids: [ownerId, fileId], blobBase64Url: keys.fileKey.blobBase64Url };
  return [
    { ...base, name: 'file key unwrapped as link-file-key', expect: 'wrong context', error: 'IntegrityError', purpose: 'link-file-key' },
    { ...base, name: 'file key unwrapped as root-key/password', expect: 'wrong context', error: 'IntegrityError', purpose: 'root-key/password', ids: [ownerId] },
    { ...base, name: 'another owner id', expect: 'wrong context', error: 'IntegrityError', ids: ['user-bob', fileId] },
    { ...base, name: 'another file id', expect: 'wrong context', error: 'IntegrityError', ids: [ownerId, 'file-2'] },
    { ...base, name: 'ids swapped', expect: 'wrong context', error: 'IntegrityError', ids: [fileId, ownerId] },
    // Ids are bytes (format.md conventions): no case folding, no trimming.
    { ...base, name: 'owner id in another case', expect: 'wrong context', error: 'IntegrityError', ids: [ownerId.toUpperCase(), fileId] },
    { ...base, name: 'owner id with a trailing space', expect: 'wrong context', error: 'IntegrityError', ids: [`${ownerId} `, fileId] },
    { ...base, name: 'wrong root key', expect: 'wrong key', error: 'IntegrityError', wrappingKeyHex: wrongRootHex },
    { ...base, name: 'flipped bit in the tag', expect: 'payload failure', error: 'IntegrityError', blobBase64Url: toBase64Url(mutate(blob, (b) => { b[b.length - 1]! ^= 0x01; })) },
    { ...base, name: 'flipped bit in the nonce', expect: 'payload failure', error: 'IntegrityError', blobBase64Url: toBase64Url(mutate(blob, (b) => { b[1]! ^= 0x01; })) },
    { ...base, name: 'truncated to 28 bytes', expect: 'payload failure', error: 'IntegrityError', blobBase64Url: toBase64Url(blob.slice(0, 28)) },
    { ...base, name: 'blob version 02', expect: 'format error', error: 'FormatError', blobBase64Url: toBase64Url(mutate(blob, (b) => { b[0] = 2; })) },
  ];
}

// format.md §4, written out: metadataKey, aad and blob.
async function sealMetadataDocument(fileKeyHex: string, fileId: string, json: string, nonce: Uint8Array): Promise<string> {
  const key = await hkdfAesGcmKey(await importFileKey(fromHex(fileKeyHex)), new Uint8Array(0), utf8ToBytes('twofold/v1/metadata'), ['encrypt']);
  const aad = encodeFields('twofold/v1/metadata', fileId);
  return toBase64Url(encodeSealedBlob(nonce, await aesGcmEncrypt(key, nonce, aad, utf8ToBytes(json))));
}

async function buildMetadataCases(keys: KeyVectors): Promise<NegativeMetadataCase[]> {
  const { fileKeyHex, fileId } = keys.metadata;
  const nonce = fromHex(keys.metadata.nonceHex);
  const m = (rest: string) => `{"name":"a.txt","type":"text/plain",${rest}}`;
  const documents: [string, string][] = [
    ['duplicate key name', '{"name":"a.txt","name":"b.txt","type":"text/plain","size":1,"mtime":0}'],
    ['duplicate key spelled with an escape', '{"name":"a.txt","n\\u0061me":"b.txt","type":"text/plain","size":1,"mtime":0}'],
    ['duplicate key size', m('"size":1,"size":2,"mtime":0')],
    ['negative size', m('"size":-1,"mtime":0')],
    ['size 2^53', m('"size":9007199254740992,"mtime":0')],
    ['size with a fraction', m('"size":1.5,"mtime":0')],
    ['size 1.0', m('"size":1.0,"mtime":0')],
    ['size in exponent form', m('"size":1e3,"mtime":0')],
    ['size with a leading zero', m('"size":01,"mtime":0')],
    ['size -0', m('"size":-0,"mtime":0')],
    ['size as a string', m('"size":"1","mtime":0')],
    ['mtime 2^53', m('"size":1,"mtime":9007199254740992')],
    ['mtime -(2^53)', m('"size":1,"mtime":-9007199254740992')],
    ['mtime with a fraction', m('"size":1,"mtime":0.5')],
    ['missing mtime', m('"size":1')],
    ['extra field', m('"size":1,"mtime":0,"x":1')],
    ['not an object', '["a.txt","text/plain",1,0]'],
    ['trailing data', `${m('"size":1,"mtime":0')}x`],
  ];
  const cases: NegativeMetadataCase[] = [];
  for (const [name, plaintext] of documents) {
    cases.push({ name, expect: 'format error', error: 'FormatError', fileKeyHex, fileId, plaintext, blobBase64Url: await sealMetadataDocument(fileKeyHex, fileId, plaintext, nonce) });
  }
  const valid = m('"size":1,"mtime":0');
  const validBlob = await sealMetadataDocument(fileKeyHex, fileId, valid, nonce);
  cases.push({ name: 'valid document opened for another file id', expect: 'wrong context', error: 'IntegrityError', fileKeyHex, fileId: 'file-2', plaintext: valid, blobBase64Url: validBlob });
  cases.push({
    name: 'flipped bit in the ciphertext', expect: 'payload failure', error: 'IntegrityError', fileKeyHex, fileId, plaintext: valid,
    blobBase64Url: toBase64Url(mutate(fromBase64Url(validBlob), (b) => { b[20]! ^= 0x01; })),
  });
  return cases;
}

// format.md §2.1, written out: the folder's metadataKey, aad and blob.
async function sealFolderMetadataDocument(folderKeyHex: string, folderId: string, json: string, nonce: Uint8Array): Promise<string> {
  const key = await hkdfAesGcmKey(await importHkdfKey(fromHex(folderKeyHex)), new Uint8Array(0), utf8ToBytes('twofold/v1/folder/metadata'), ['encrypt']);
  const aad = encodeFields('twofold/v1/folder-metadata', folderId);
  return toBase64Url(encodeSealedBlob(nonce, await aesGcmEncrypt(key, nonce, aad, utf8ToBytes(json))));
}

// Each case is what a server could present: a real blob at another place, or
// a document v1 forbids sealed under the folder's real metadata key.
async function buildFolderCases(folders: FolderVectors): Promise<NegativeFolderCase[]> {
  const folder = (id: string) => {
    const found = folders.folders.find((c) => c.folderId === id);
    if (!found) throw new Error(`missing ${id}`);
    return found;
  };
  const top = folder('folder-top');
  const child = folder('folder-child');
  const other = folder('folder-other');
  const { file } = folders;
  const wrong = { expect: 'wrong context' as const, error: 'IntegrityError' as const };
  const cases: NegativeFolderCase[] = [
    { ...wrong, name: 'file key moved to another folder', item: 'file-key', itemId: file.fileId, claimed: other.folderId, madeFor: file.folderId, blobBase64Url: file.wrappedFileKeyBase64Url },
    { ...wrong, name: 'file key moved to its folder\'s parent', item: 'file-key', itemId: file.fileId, claimed: top.folderId, madeFor: file.folderId, blobBase64Url: file.wrappedFileKeyBase64Url },
    { ...wrong, name: 'file key moved to the top level', item: 'file-key', itemId: file.fileId, claimed: null, madeFor: file.folderId, blobBase64Url: file.wrappedFileKeyBase64Url },
    { ...wrong, name: 'folder key grafted under another parent', item: 'folder-key', itemId: child.folderId, claimed: other.folderId, madeFor: child.parentId, blobBase64Url: child.wrappedFolderKeyBase64Url },
    { ...wrong, name: 'folder key grafted to the top level', item: 'folder-key', itemId: child.folderId, claimed: null, madeFor: child.parentId, blobBase64Url: child.wrappedFolderKeyBase64Url },
    { ...wrong, name: 'top-level folder key grafted into a folder', item: 'folder-key', itemId: other.folderId, claimed: top.folderId, madeFor: null, blobBase64Url: other.wrappedFolderKeyBase64Url },
    { ...wrong, name: 'folder metadata swapped between folders', item: 'folder-metadata', claimed: other.folderId, madeFor: top.folderId, blobBase64Url: top.metadataBase64Url },
    { ...wrong, name: 'folder metadata of a child on its parent', item: 'folder-metadata', claimed: top.folderId, madeFor: child.folderId, blobBase64Url: child.metadataBase64Url },
  ];
  const nonce = fromHex(child.metadataNonceHex);
  const documents: [string, string][] = [
    ['folder name with a "/"', '{"name":"a/b","mtime":0}'],
    ['folder name empty', '{"name":"","mtime":0}'],
    ['folder name ".."', '{"name":"..","mtime":0}'],
    ['folder name "."', '{"name":".","mtime":0}'],
    ['folder name with a leading space', '{"name":" a","mtime":0}'],
    ['folder name with a trailing no-break space', '{"name":"a\u00a0","mtime":0}'],
    // Escaped in the JSON, so the strict reader reads it and the name rule refuses it.
    ['folder name with a control character', '{"name":"a\\u0007b","mtime":0}'],
    ['folder name of 256 bytes', `{"name":"${'é'.repeat(128)}","mtime":0}`],
    ['folder metadata with a duplicate name', '{"name":"a","name":"b","mtime":0}'],
    ['folder metadata with an extra field', '{"name":"a","mtime":0,"type":"x"}'],
    ['folder metadata without mtime', '{"name":"a"}'],
    ['folder mtime with a fraction', '{"name":"a","mtime":0.5}'],
    ['folder mtime in exponent form', '{"name":"a","mtime":1e3}'],
  ];
  for (const [name, plaintext] of documents) {
    cases.push({
      name, expect: 'format error', error: 'FormatError', item: 'folder-metadata', claimed: child.folderId, madeFor: child.folderId, plaintext,
      blobBase64Url: await sealFolderMetadataDocument(child.folderKeyHex, child.folderId, plaintext, nonce),
    });
  }
  cases.push({
    name: 'flipped bit in a wrapped folder key', expect: 'payload failure', error: 'IntegrityError', item: 'folder-key', itemId: child.folderId,
    claimed: child.parentId, madeFor: child.parentId,
    blobBase64Url: toBase64Url(mutate(fromBase64Url(child.wrappedFolderKeyBase64Url), (b) => { b[b.length - 1]! ^= 0x01; })),
  });
  return cases;
}

// A file envelope must not open as a folder share, nor the reverse, even for the same id
// (format.md §2.1: the labels differ); nor a folder envelope for another folder.
function buildEnvelopeCases(e: EnvelopeVectors): NegativeEnvelopeCase[] {
  const wrong = { expect: 'wrong context' as const, error: 'IntegrityError' as const };
  const file = { madeAs: 'file-share' as const, madeForId: e.fileId, envelopeBase64Url: e.envelopeBase64Url };
  const folder = { madeAs: 'folder-share' as const, madeForId: e.folderShare.folderId, envelopeBase64Url: e.folderShare.envelopeBase64Url };
  return [
    { ...wrong, ...file, name: 'file-share envelope presented as a folder share (same id)', openAs: 'folder-share', subjectId: e.fileId },
    { ...wrong, ...file, name: 'file-share envelope presented as a share of the folder', openAs: 'folder-share', subjectId: e.folderShare.folderId },
    { ...wrong, ...folder, name: 'folder-share envelope presented as a file share (same id)', openAs: 'file-share', subjectId: e.folderShare.folderId },
    { ...wrong, ...folder, name: 'folder-share envelope presented for another folder', openAs: 'folder-share', subjectId: 'folder-2' },
  ];
}

export async function buildNegativeVectors(file: FileVectors, keys: KeyVectors, folders: FolderVectors, envelope: EnvelopeVectors): Promise<NegativeVectors> {
  const base64url = ([
    ['non-canonical trailing bits: AB (AA is the one form of byte 00)', 'AB'],
    ['non-canonical trailing bits: AAB (AAA is the one form of 00 00)', 'AAB'],
    ['padding', 'AA=='],
    ['padding on a 3-character form', 'AAA='],
    ['length 1 mod 4', 'AAAAA'],
    ['standard alphabet +', 'AA+A'],
    ['standard alphabet /', 'AA/A'],
    ['whitespace', 'AA AA'],
    ['line break', 'AAAA\n'],
  ] as const).map(([name, text]) => ({ name, expect: 'encoding error' as const, error: 'TypeError' as const, text }));
  return {
    description: 'Inputs every decoder must refuse (docs/format.md conventions, §1, §2.1, §3, §4), each labelled with how it fails. See README.md.',
    referenceFileKeyHex: file.fileKeyHex,
    files: buildFileCases(file, await otherKeyHex('wrong-file-key', 32)),
    wrapMadeFor: { wrappingKeyHex: keys.rootKeyHex, purpose: 'file-key', ids: [keys.fileKey.ownerId, keys.fileKey.fileId] },
    wrappedKeys: buildWrapCases(keys, await otherKeyHex('wrong-root-key', 32)),
    metadataMadeForFileId: keys.metadata.fileId,
    metadata: await buildMetadataCases(keys),
    folderTree: {
      ownerId: folders.ownerId, rootKeyHex: folders.rootKeyHex,
      folders: folders.folders.map((c) => ({ folderId: c.folderId, parentId: c.parentId, folderKeyHex: c.folderKeyHex })),
    },
    folders: await buildFolderCases(folders),
    envelopeParties: {
      senderId: envelope.senderId, recipientId: envelope.recipientId,
      recipientHpkePrivateKeyPkcs8Hex: envelope.recipientHpkePrivateKeyPkcs8Hex, recipientHpkePublicKeyRawHex: envelope.recipientHpkePublicKeyRawHex,
      senderIdentityPublicKeyRawHex: envelope.senderIdentityPublicKeyRawHex,
    },
    envelopes: buildEnvelopeCases(envelope),
    base64url,
  };
}
