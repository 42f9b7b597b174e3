// Vault files for the zip tests: really encrypted (lib/crypto), served from
// memory by a fake presigned GET, so zip-stream runs the real download engine.
import { concatBytes } from '@/lib/crypto/bytes';
import { createEncryptStream } from '@/lib/crypto/encrypt-stream';
import { generateFileKeyBytes, importFileKey } from '@/lib/crypto/file-key';
import { plaintextSizeFromCiphertextSize } from '@/lib/crypto/file-format';
import type { VaultFile } from '@/lib/client/files/file-list';

export const CHUNK = 1024;

export function randomPlaintext(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i += 65536) crypto.getRandomValues(out.subarray(i, Math.min(n, i + 65536)));
  return out;
}

async function encrypt(fileKey: CryptoKey, plaintext: Uint8Array): Promise<Uint8Array> {
  const pieces: Uint8Array[] = [];
  await new Blob([new Uint8Array(plaintext)]).stream().pipeThrough(createEncryptStream(fileKey, { chunkSize: CHUNK }))
    .pipeTo(new WritableStream({ write: (p) => void pieces.push(p) }));
  return concatBytes(...pieces);
}

/** Only the fields the zip code reads are real; the rest are placeholders. */
export function fakeFile(id: string, name: string, folderId: string | null, extra: Partial<VaultFile> = {}): VaultFile {
  return {
    id, fileKey: {} as CryptoKey, metadata: { name, type: '', size: 0, mtime: Date.UTC(2026, 0, 2, 3, 4, 6) },
    ciphertextSize: 0, chunkSize: CHUNK, plaintextSize: 0, createdAt: '2026-01-01T00:00:00.000Z',
    folderId, parent: {} as VaultFile['parent'], wrappedFileKey: new Uint8Array(), trashedAt: null, ...extra,
  };
}

/** An in-memory bucket: encrypted objects by file id, with a downloadUrl API and fetch over them. */
export class MemoryVault {
  readonly objects = new Map<string, Uint8Array>();
  fetches = 0;

  async add(id: string, name: string, plaintext: Uint8Array, folderId: string | null = null): Promise<VaultFile> {
    const fileKey = await importFileKey(generateFileKeyBytes());
    const object = await encrypt(fileKey, plaintext);
    this.objects.set(id, object);
    const plaintextSize = plaintextSizeFromCiphertextSize(object.length, CHUNK);
    return fakeFile(id, name, folderId, { fileKey, ciphertextSize: object.length, plaintextSize, metadata: { name, type: '', size: plaintext.length, mtime: Date.UTC(2026, 0, 2, 3, 4, 6) } });
  }

  readonly api = {
    downloadUrl: async (id: string) => ({
      url: `https://store.test/${id}`, expiresAt: new Date().toISOString(), ciphertextSize: this.objects.get(id)!.length, chunkSize: CHUNK,
    }),
  };

  readonly fetch = (async (input: RequestInfo | URL) => {
    this.fetches++;
    const id = String(input).split('/').pop()!;
    return new Response(new Blob([new Uint8Array(this.objects.get(id)!)]).stream());
  }) as typeof fetch;
}

export async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const pieces: Uint8Array[] = [];
  await stream.pipeTo(new WritableStream({ write: (p) => void pieces.push(p) }));
  return concatBytes(...pieces);
}
