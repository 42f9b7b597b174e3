// The "Encryption layers" view: what the bucket reports about the stored
// object (layer 2, read live by the server with HeadObject) and, side by
// side, the object's first bytes as stored next to the same range of the
// plaintext, decrypted here from a ranged GET of the first chunk.
import { toHex } from '@/lib/crypto/bytes';
import { HEADER_LENGTH } from '@/lib/crypto/constants';
import { openFileContext } from '@/lib/crypto/file-context';
import { ciphertextRangeForPlaintextRange, decryptChunkRange } from '@/lib/crypto/range';
import type { LayersJson } from '@/lib/shared/files';
import { filesApi } from './api';
import type { OpenedFile } from './file-list';

export const SHOWN_BYTES = 64;

export interface LayersView {
  storage: LayersJson['storage'];
  storedHex: string;
  plaintextHex: string;
  /** Fewer than SHOWN_BYTES for tiny files. */
  plaintextBytes: number;
}

async function fetchBytes(url: string, headers: Record<string, string>): Promise<Uint8Array> {
  const response = await fetch(url, { headers, credentials: 'omit', cache: 'no-store' });
  if (!response.ok) throw new Error(`reading the stored object failed (HTTP ${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

async function firstPlaintextBytes(file: OpenedFile, count: number): Promise<Uint8Array> {
  if (count === 0) return new Uint8Array(0);
  const range = ciphertextRangeForPlaintextRange(0, count, file.chunkSize, file.plaintextSize);
  const { url } = await filesApi.downloadUrl(file.id);
  // Header and first chunk in one request: the header carries the salt and
  // the key commitment the chunk needs (format.md §1.2).
  const bytes = await fetchBytes(url, { Range: `bytes=0-${range.byteEndInclusive}` });
  const context = await openFileContext(file.fileKey, bytes.slice(0, HEADER_LENGTH));
  const plaintext = await decryptChunkRange(context, file.ciphertextSize, 0, bytes.subarray(HEADER_LENGTH));
  return plaintext.subarray(0, count);
}

export async function readLayers(file: OpenedFile): Promise<LayersView> {
  const layers = await filesApi.layers(file.id);
  const [stored, plaintext] = await Promise.all([
    fetchBytes(layers.firstBytes.url, layers.firstBytes.headers),
    firstPlaintextBytes(file, Math.min(SHOWN_BYTES, file.plaintextSize)),
  ]);
  return { storage: layers.storage, storedHex: toHex(stored.subarray(0, SHOWN_BYTES)), plaintextHex: toHex(plaintext), plaintextBytes: plaintext.length };
}
