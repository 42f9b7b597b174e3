// An in-memory stand-in for the files API and the bucket, for testing the
// upload engine's scheduling (cutting, concurrency, retries, cancel) without
// a network. The real API and MinIO are covered by tests/integration/files-*.
import type { FilesApi } from '@/lib/client/files/api';
import type { PutPart } from '@/lib/client/files/upload/s3-put';
import { concatBytes } from '@/lib/crypto/bytes';
import type { CreateUploadRequest, FileJson, PresignedPart } from '@/lib/shared/files';

export const FILE_ID = '5b0c8a4e-2f4e-4c1a-9a53-3f1a1b6c7d8e';
/** Ids of the second, third… upload created on one fake store (a restarted upload gets a new id). */
export const laterFileId = (n: number) => `5b0c8a4e-2f4e-4c1a-9a53-${String(n).padStart(12, '0')}`;

/** What the fake store answers per try of a part: a status, or 'network' for a rejected fetch. */
export type Answer = number | 'network';

export class FakeStore {
  readonly bodies = new Map<number, Uint8Array>();
  readonly presignCalls: number[][] = [];
  readonly putCalls: Array<{ partNumber: number; url: string }> = [];
  /** Every body a PUT carried, successful or not, with the upload it was for. */
  readonly attempts: Array<{ fileId: string; partNumber: number; body: Uint8Array }> = [];
  /** Ids handed out by createUpload, in order; the last is the current upload. */
  readonly createdIds: string[] = [];
  removed: string[] = [];
  completed?: Parameters<FilesApi['complete']>[1];
  created?: CreateUploadRequest;
  inFlight = 0;
  maxInFlight = 0;
  private urlVersion = 0;
  /** Scripted answers per part number, consumed in order; afterwards 200. */
  readonly script = new Map<number, Answer[]>();
  /** Called when a PUT starts; may return a promise to hold it. */
  onPut?: (partNumber: number, signal: AbortSignal) => Promise<void> | void;

  constructor(private readonly partSize: number, private readonly firstBatch = 2) {}

  private sign(partNumber: number, fileId = this.currentId()): PresignedPart {
    return {
      partNumber,
      url: `https://store.test/${fileId}/${partNumber}?v=${++this.urlVersion}`,
      headers: {},
      expiresAt: new Date(Date.now() + 300_000).toISOString(),
    };
  }

  currentId(): string {
    return this.createdIds.at(-1) ?? FILE_ID;
  }

  partCount(): number {
    return Math.ceil((this.created?.ciphertextSize ?? 0) / this.partSize);
  }

  readonly api: Pick<FilesApi, 'createUpload' | 'presignParts' | 'complete' | 'remove'> = {
    createUpload: async (body) => {
      this.created = body;
      this.createdIds.push(this.createdIds.length === 0 ? FILE_ID : laterFileId(this.createdIds.length));
      this.bodies.clear();
      const id = this.currentId();
      const partCount = this.partCount();
      const first = Array.from({ length: Math.min(partCount, this.firstBatch) }, (_, i) => this.sign(i + 1));
      return { id, upload: { kind: partCount > 1 ? 'multipart' : 'single', partSize: this.partSize, partCount, parts: first } };
    },
    presignParts: async (id, numbers) => {
      this.presignCalls.push([...numbers]);
      return numbers.map((n) => this.sign(n, id));
    },
    complete: async (id, body) => {
      this.completed = body;
      const now = new Date().toISOString();
      return {
        id, status: 'ready', ciphertextSize: this.created!.ciphertextSize, chunkSize: this.created!.chunkSize,
        encryptedMetadata: body.encryptedMetadata, wrappedFileKey: body.wrappedFileKey, createdAt: now, updatedAt: now, completedAt: now, folderId: null, trashedAt: null,
      } satisfies FileJson;
    },
    remove: async (id) => {
      this.removed.push(id);
    },
  };

  readonly putPart: PutPart = async (part, body, { signal }) => {
    this.putCalls.push({ partNumber: part.partNumber, url: part.url });
    const bytes = new Uint8Array(await body.arrayBuffer());
    this.attempts.push({ fileId: new URL(part.url).pathname.split('/')[1]!, partNumber: part.partNumber, body: bytes });
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await this.onPut?.(part.partNumber, signal);
      await new Promise((r) => setTimeout(r, 2));
      signal.throwIfAborted();
      const answer = this.script.get(part.partNumber)?.shift() ?? 200;
      if (answer === 'network') throw new TypeError('fetch failed');
      if (answer === 200) this.bodies.set(part.partNumber, bytes);
      return { status: answer, etag: answer === 200 ? `"etag-${part.partNumber}"` : null };
    } finally {
      this.inFlight--;
    }
  };

  /** The stored object: parts in order. */
  object(): Uint8Array {
    return concatBytes(...Array.from({ length: this.partCount() }, (_, i) => this.bodies.get(i + 1) ?? new Uint8Array()));
  }
}
