// Upload state that survives a reload (docs/uploads.md), in IndexedDB through
// idb-keyval, in its own database so signing out (which clears the account
// store) and resuming never touch each other's data.
//
// What is kept, per upload: the file id, the part plan, the 74-byte header
// (public: it is the object's first bytes), the file key wrapped under the
// root key (bound to owner and file id, format.md §3), the encrypted metadata
// (the name is readable only with the file key), and per started part the
// SHA-256 of its plaintext and, once acknowledged, its ETag. No raw key and
// no plaintext name is ever stored; nothing here is sent except what
// complete sends anyway.
import { createStore, del, delMany, get, getMany, keys, set, type UseStore } from 'idb-keyval';
import { z } from '@/lib/shared/zod';
import type { KnownPart, StartedUpload, UploadJournal } from './upload-engine';

export interface ResumeRecord extends StartedUpload {
  userId: string;
  /** Plaintext size; the name and mtime are inside sealed.encryptedMetadata. */
  size: number;
  createdAt: number;
  /** The folder the upload goes into (null or absent: the top level); its key is wrapped for that place. */
  folderId?: string | null;
}

const bytes = z.instanceof(Uint8Array);
const recordSchema = z.object({
  fileId: z.string(),
  userId: z.string(),
  size: z.number().int().nonnegative(),
  createdAt: z.number(),
  chunkSize: z.number().int().positive(),
  ciphertextSize: z.number().int().positive(),
  plan: z.object({ kind: z.enum(['single', 'multipart']), partSize: z.number().int().positive(), partCount: z.number().int().positive() }),
  headerBytes: bytes,
  sealed: z.object({ wrappedFileKey: bytes, encryptedMetadata: bytes }),
  folderId: z.string().nullable().optional(),
});
const partSchema = z.object({ plaintextSha256: bytes, etag: z.string().optional() });

/** The few idb-keyval calls used, so tests and private modes can use a Map instead. */
export interface KeyValue {
  get(key: IDBValidKey): Promise<unknown>;
  getMany(keys: IDBValidKey[]): Promise<unknown[]>;
  set(key: IDBValidKey, value: unknown): Promise<void>;
  del(key: IDBValidKey): Promise<void>;
  delMany(keys: IDBValidKey[]): Promise<void>;
  keys(): Promise<IDBValidKey[]>;
}

export function memoryKeyValue(): KeyValue {
  const map = new Map<string, { key: IDBValidKey; value: unknown }>();
  const id = (key: IDBValidKey) => JSON.stringify(key);
  return {
    get: async (key) => map.get(id(key))?.value,
    getMany: async (list) => list.map((key) => map.get(id(key))?.value),
    set: async (key, value) => void map.set(id(key), { key, value }),
    del: async (key) => void map.delete(id(key)),
    delMany: async (list) => list.forEach((key) => map.delete(id(key))),
    keys: async () => [...map.values()].map((entry) => entry.key),
  };
}

function idbKeyValue(store: UseStore): KeyValue {
  return {
    get: (key) => get(key, store),
    getMany: (list) => getMany(list, store),
    set: (key, value) => set(key, value, store),
    del: (key) => del(key, store),
    delMany: (list) => delMany(list, store),
    keys: () => keys(store),
  };
}

// Keys: ['upload', fileId] for the record, ['part', fileId, n] per part, so a
// part's progress is one small write and parallel parts never race on one value.
const recordKey = (fileId: string) => ['upload', fileId];
const partKey = (fileId: string, n: number) => ['part', fileId, n];
const isPartOf = (key: IDBValidKey, fileId: string) => Array.isArray(key) && key[0] === 'part' && key[1] === fileId;

export class ResumeStore {
  constructor(private readonly kv: KeyValue) {}

  save(record: ResumeRecord): Promise<void> {
    return this.kv.set(recordKey(record.fileId), record);
  }

  async load(fileId: string): Promise<ResumeRecord | undefined> {
    const parsed = recordSchema.safeParse(await this.kv.get(recordKey(fileId)));
    return parsed.success ? parsed.data : undefined;
  }

  async list(userId: string): Promise<ResumeRecord[]> {
    const ids = (await this.kv.keys()).filter((k): k is [string, string] => Array.isArray(k) && k[0] === 'upload' && typeof k[1] === 'string');
    const records = await Promise.all(ids.map(([, id]) => this.load(id)));
    return records.filter((r): r is ResumeRecord => r?.userId === userId).sort((a, b) => a.createdAt - b.createdAt);
  }

  async parts(fileId: string): Promise<Map<number, KnownPart>> {
    const partKeys = (await this.kv.keys()).filter((k) => isPartOf(k, fileId));
    const values = await this.kv.getMany(partKeys);
    const out = new Map<number, KnownPart>();
    partKeys.forEach((key, i) => {
      const parsed = partSchema.safeParse(values[i]);
      const n = (key as unknown[])[2];
      if (parsed.success && typeof n === 'number') out.set(n, parsed.data);
    });
    return out;
  }

  async remove(fileId: string): Promise<void> {
    const partKeys = (await this.kv.keys()).filter((k) => isPartOf(k, fileId));
    await this.kv.delMany([recordKey(fileId), ...partKeys]);
  }

  /** The engine's journal for one upload; `known` seeds the hashes of parts started earlier. */
  journal(fileId: string, known: ReadonlyMap<number, KnownPart> = new Map()): UploadJournal {
    const hashes = new Map([...known].map(([n, p]) => [n, p.plaintextSha256]));
    return {
      partStarted: async (n, plaintextSha256) => {
        hashes.set(n, plaintextSha256);
        await this.kv.set(partKey(fileId, n), { plaintextSha256 } satisfies KnownPart);
      },
      partAcknowledged: async (n, etag) => {
        const plaintextSha256 = hashes.get(n);
        if (plaintextSha256) await this.kv.set(partKey(fileId, n), { plaintextSha256, etag } satisfies KnownPart);
      },
    };
  }
}

let browserStore: Promise<ResumeStore> | undefined;

/** IndexedDB when it works (probed with a real write), else memory: uploads then resume only within the page. */
export function browserResumeStore(): Promise<ResumeStore> {
  browserStore ??= (async () => {
    try {
      if (typeof indexedDB === 'undefined') throw new Error('no IndexedDB');
      const kv = idbKeyValue(createStore('twofold-uploads', 'uploads'));
      await kv.set('probe', 1);
      await kv.del('probe');
      return new ResumeStore(kv);
    } catch {
      return new ResumeStore(memoryKeyValue());
    }
  })();
  return browserStore;
}
