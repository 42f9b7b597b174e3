// The one entry point the vault UI uses to upload (issue 5; docs/uploads.md).
// It owns the file key's life: generated here, wrapped under the root key
// before the first part is sent, never stored or sent raw. Every upload
// writes a resume record (resume-store.ts) so a reload or a long outage can
// continue from the parts the store acknowledged.
import { rootParent } from '@/lib/crypto/key-parent';
import { createFileKey, unwrapFileKey } from '@/lib/crypto/file-key';
import type { KeyParent } from '@/lib/crypto/key-parent';
import { decryptMetadata, encryptMetadata, type FileMetadata } from '@/lib/crypto/metadata';
import type { FileJson } from '@/lib/shared/files';
import type { UnlockedVault } from '@/lib/client/account/vault-keys';
import { ApiError, filesApi, type FilesApi } from '../api';
import type { RetryPolicy } from '../net/backoff';
import { workerPartEncryptor } from './encrypt-worker-client';
import type { PartEncryptor } from './part-encryptor';
import type { TransferProgress } from '../net/progress';
import { browserResumeStore, type ResumeRecord, type ResumeStore } from './resume-store';
import type { PutPart } from './s3-put';
import { PlaintextChangedError, ResumeMismatchError, UploadInterruptedError } from './upload-errors';
import { DEFAULT_PARALLELISM, resumeFile, uploadFile } from './upload-engine';
import { uploadThumbnail } from '../thumbnail/upload-thumbnail';

/** Where an upload goes: a folder (or the top level) and the key its file key is wrapped under. */
export interface UploadPlace {
  folderId: string | null;
  parent: KeyParent;
}

/** The key parent of a folder id, from the vault's tree; null if that folder cannot be opened. */
export type ParentResolver = (folderId: string | null) => KeyParent | null;

export interface StartUploadOptions {
  onProgress?: (progress: TransferProgress) => void;
  signal?: AbortSignal;
  parallelism?: number;
  /** Default: the top level. */
  place?: UploadPlace;
  /** For resuming an upload into a folder. Default: only top-level uploads resolve. */
  resolveParent?: ParentResolver;
  /** Retry of an interrupted upload: continue this pending upload instead of starting a new one. */
  resumeId?: string;
}

/** An interrupted upload this device can continue once the user picks the same file again. */
export interface ResumableUpload {
  id: string;
  /** Decrypted from the locally kept metadata; never sent anywhere before complete. */
  name: string;
  type: string;
  size: number;
  lastModified: number;
  /** Ciphertext bytes the store has acknowledged, of ciphertextSize. */
  uploadedBytes: number;
  ciphertextSize: number;
  createdAt: number;
}

export interface UploadManagerDeps {
  /** `get`, when given, lets the list of interrupted uploads drop those the server no longer has. */
  api: Pick<FilesApi, 'createUpload' | 'presignParts' | 'complete' | 'remove'> & Partial<Pick<FilesApi, 'get'>>;
  store: () => Promise<ResumeStore>;
  encryptor: () => PartEncryptor;
  /** Test seams. */
  putPart?: PutPart;
  retry?: RetryPolicy;
  random?: () => number;
  /**
   * After a file is ready: make and store its thumbnail (thumbnail/upload-thumbnail.ts).
   * Best effort: whatever it does, the upload has already succeeded.
   */
  thumbnail?: (file: File, fileKey: CryptoKey, fileId: string) => Promise<unknown>;
}

export type UploadManager = ReturnType<typeof createUploadManager>;

function metadataOf(file: File): FileMetadata {
  return { name: file.name, type: file.type || 'application/octet-stream', size: file.size, mtime: file.lastModified };
}

/** The server no longer has the pending upload (swept after a day idle, or deleted elsewhere). */
function isGone(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 409);
}

export function createUploadManager(deps: UploadManagerDeps) {
  /**
   * Cancel forgets the upload here and releases it on the server at once,
   * rather than after the running parts have wound down: a reload straight
   * after Cancel would otherwise cut that off and leave a ghost, offered for
   * resume and holding quota until the sweeper. The engine's own release
   * afterwards finds it gone, which is fine.
   */
  const abandonOnCancel = (store: ResumeStore, fileId: string, signal: AbortSignal | undefined) => {
    signal?.addEventListener('abort', () => {
      void store.remove(fileId).catch(() => {});
      void deps.api.remove(fileId, { keepalive: true }).catch(() => {});
    }, { once: true });
  };

  const transferOptions = (options: StartUploadOptions, folderId: string | null = null) => ({
    // The folder travels with the create request; the engine does not need to know about it.
    api: folderId === null ? deps.api : { ...deps.api, createUpload: (body: Parameters<FilesApi['createUpload']>[0], signal?: AbortSignal) => deps.api.createUpload({ ...body, folderId }, signal) },
    parallelism: options.parallelism ?? DEFAULT_PARALLELISM,
    onProgress: options.onProgress,
    signal: options.signal,
    encryptor: deps.encryptor(),
    putPart: deps.putPart,
    retry: deps.retry,
    random: deps.random,
  });

  const topLevelOnly = (vault: UnlockedVault): ParentResolver => (folderId) => (folderId === null ? rootParent(vault.keys.rootKey, vault.userId) : null);

  async function openRecord(
    vault: UnlockedVault, record: ResumeRecord, resolve: ParentResolver = topLevelOnly(vault),
  ): Promise<{ fileKey: CryptoKey; metadata: FileMetadata; place: UploadPlace }> {
    // Bound to its place and the file id (format.md §2.1, §3): another account's record cannot open here.
    const parent = resolve(record.folderId ?? null);
    if (!parent) throw new ResumeMismatchError('The folder this upload was going into is no longer there.');
    const fileKey = await unwrapFileKey(parent, record.sealed.wrappedFileKey, record.fileId);
    return { fileKey, metadata: await decryptMetadata(fileKey, record.fileId, record.sealed.encryptedMetadata), place: { folderId: record.folderId ?? null, parent } };
  }

  async function startUpload(vault: UnlockedVault, file: File, options: StartUploadOptions = {}): Promise<FileJson> {
    if (options.resumeId !== undefined) {
      const { resumeId, ...rest } = options;
      return resumeUpload(vault, resumeId, file, rest);
    }
    const store = await deps.store();
    const place = options.place ?? { folderId: null, parent: rootParent(vault.keys.rootKey, vault.userId) };
    const fresh = await createFileKey();
    const fileKey = fresh.key;
    let fileId: string | undefined;
    try {
      const ready = await uploadFile({
        ...transferOptions(options, place.folderId),
        source: file,
        fileKey,
        seal: async (id) => ({
          wrappedFileKey: await fresh.wrap(place.parent, id),
          encryptedMetadata: await encryptMetadata(fileKey, id, metadataOf(file)),
        }),
        onStarted: async (started) => {
          fileId = started.fileId;
          abandonOnCancel(store, started.fileId, options.signal);
          // The raw key bytes are only needed until they are wrapped.
          fresh.zero();
          await store.save({ ...started, userId: vault.userId, size: file.size, createdAt: Date.now(), folderId: place.folderId });
          return store.journal(started.fileId);
        },
        keepForResume: (error) => error instanceof UploadInterruptedError,
      });
      await store.remove(ready.id);
      await deps.thumbnail?.(file, fileKey, ready.id).catch(() => {});
      return ready;
    } catch (error) {
      const resumable = error instanceof UploadInterruptedError && !options.signal?.aborted;
      if (fileId !== undefined && !resumable) await store.remove(fileId).catch(() => {});
      if (resumable && fileId !== undefined) error.uploadId = fileId;
      throw error;
    } finally {
      fresh.zero();
    }
  }

  /** Aborts the old upload and starts the file over under a new key and salt (format.md §1.6). */
  async function restart(vault: UnlockedVault, fileId: string, file: File, options: StartUploadOptions): Promise<FileJson> {
    await discardResumable(vault, fileId);
    return startUpload(vault, file, options);
  }

  async function resumeUpload(vault: UnlockedVault, id: string, file: File, options: StartUploadOptions = {}): Promise<FileJson> {
    const store = await deps.store();
    const record = await store.load(id);
    if (!record || record.userId !== vault.userId) throw new ResumeMismatchError('There is no interrupted upload to resume with this id.');
    const { fileKey, metadata, place } = await openRecord(vault, record, options.resolveParent);
    // A restart (a newer file, parts gone) starts over in the same folder.
    options = { ...options, place };
    if (metadata.name !== file.name || metadata.size !== file.size) {
      throw new ResumeMismatchError(`This is not the file that was being uploaded; pick “${metadata.name}” (${metadata.size} bytes).`);
    }
    // A newer version of the file: whatever its bytes, it is a new upload.
    if (metadata.mtime !== file.lastModified) return restart(vault, id, file, options);
    const known = await store.parts(id);
    abandonOnCancel(store, id, options.signal);
    try {
      const ready = await resumeFile({
        ...transferOptions(options), source: file, fileKey, started: record, known, journal: store.journal(id, known),
      });
      await store.remove(id);
      await deps.thumbnail?.(file, fileKey, ready.id).catch(() => {});
      return ready;
    } catch (error) {
      if (options.signal?.aborted) {
        await discardResumable(vault, id).catch(() => {});
        throw options.signal.reason;
      }
      if (error instanceof PlaintextChangedError || isGone(error)) return restart(vault, id, file, options);
      if (error instanceof UploadInterruptedError) {
        error.uploadId = id;
        throw error; // still resumable
      }
      await discardResumable(vault, id).catch(() => {});
      throw error;
    }
  }

  async function listResumable(vault: UnlockedVault, resolve?: ParentResolver): Promise<ResumableUpload[]> {
    const store = await deps.store();
    const out: ResumableUpload[] = [];
    for (const record of await store.list(vault.userId)) {
      let metadata: FileMetadata;
      try {
        ({ metadata } = await openRecord(vault, record, resolve));
      } catch {
        continue; // not openable with this vault's root key: not this account's upload
      }
      if (await settledOnServer(record.fileId)) {
        // Cancelled (its release outlived a reload), swept, or completed: nothing to resume.
        await store.remove(record.fileId).catch(() => {});
        continue;
      }
      let uploadedBytes = 0;
      for (const [n, part] of await store.parts(record.fileId)) {
        if (part.etag === undefined) continue;
        const start = (n - 1) * record.plan.partSize;
        uploadedBytes += Math.min(start + record.plan.partSize, record.ciphertextSize) - start;
      }
      out.push({
        id: record.fileId, name: metadata.name, type: metadata.type, size: metadata.size, lastModified: metadata.mtime,
        uploadedBytes, ciphertextSize: record.ciphertextSize, createdAt: record.createdAt,
      });
    }
    return out;
  }

  /** True when the server no longer holds `id` as a pending upload; an unreachable server keeps the record. */
  async function settledOnServer(id: string): Promise<boolean> {
    if (!deps.api.get) return false;
    try {
      return (await deps.api.get(id)).status !== 'pending';
    } catch (error) {
      return error instanceof ApiError && error.status === 404;
    }
  }

  /** Aborts the pending upload on the server and forgets it here. A server that cannot be reached keeps the record. */
  async function discardResumable(vault: UnlockedVault, id: string): Promise<void> {
    const store = await deps.store();
    const record = await store.load(id);
    if (record && record.userId !== vault.userId) return;
    await deps.api.remove(id).catch((error: unknown) => {
      if (!isGone(error)) throw error;
    });
    await store.remove(id);
  }

  return { startUpload, resumeUpload, listResumable, discardResumable };
}

let browserManager: UploadManager | undefined;

// Created on first use: nothing touches IndexedDB or starts a worker at import (server rendering imports this too).
function manager(): UploadManager {
  browserManager ??= createUploadManager({ api: filesApi, store: browserResumeStore, encryptor: workerPartEncryptor, thumbnail: uploadThumbnail });
  return browserManager;
}

/** Encrypts `file` (content and metadata) in the browser and uploads the ciphertext. */
export function startUpload(vault: UnlockedVault, file: File, options: StartUploadOptions = {}): Promise<FileJson> {
  return manager().startUpload(vault, file, options);
}

/**
 * Continues upload `id` with the file the user picked again. Parts the store
 * acknowledged are skipped; if any already-sent part's plaintext differs, the
 * file starts over as a new upload under a new key (docs/uploads.md).
 */
export function resumeUpload(vault: UnlockedVault, id: string, file: File, options: StartUploadOptions = {}): Promise<FileJson> {
  return manager().resumeUpload(vault, id, file, options);
}

/** Interrupted uploads of this vault's account on this device, oldest first. */
export function listResumable(vault: UnlockedVault, resolve?: ParentResolver): Promise<ResumableUpload[]> {
  return manager().listResumable(vault, resolve);
}

export function discardResumable(vault: UnlockedVault, id: string): Promise<void> {
  return manager().discardResumable(vault, id);
}
