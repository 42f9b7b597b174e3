// Revoke and re-encrypt (issue 6; docs/architecture.md): the stronger revoke.
// This browser reads the stored file (remote-plaintext.ts), encrypts it under
// a NEW file key and salt as a new upload that replaces the old file, seals
// the new key to the people who keep access, and the server then deletes the
// old row and object. Someone who kept the old file key holds the key to an
// object that no longer exists; the new object is under a key they never saw.
// What it cannot undo: copies already downloaded.
import { fromBase64Url, toBase64Url } from '@/lib/crypto/bytes';
import { FormatError, IntegrityError } from '@/lib/crypto/errors';
import { SourceChangedError } from '@/lib/crypto/file-part';
import { RemoteReadError } from '@/lib/crypto/remote-source';
import { sealShareEnvelope } from '@/lib/crypto/envelope';
import { createFileKey } from '@/lib/crypto/file-key';
import { encryptMetadata } from '@/lib/crypto/metadata';
import type { UnlockedVault } from '@/lib/client/account/vault-keys';
import { ApiError, filesApi, type FilesApi } from '@/lib/client/files/api';
import type { VaultFile } from '@/lib/client/files/file-list';
import { fileErrorMessage } from '@/lib/client/files/messages';
import { inThreadPartEncryptor } from '@/lib/client/files/upload/part-encryptor';
import { remotePartEncryptor } from '@/lib/client/files/upload/encrypt-worker-client';
import type { TransferProgress } from '@/lib/client/files/net/progress';
import { openRemotePlaintext } from '@/lib/client/files/download/remote-plaintext';
import type { PutPart } from '@/lib/client/files/upload/s3-put';
import { uploadFile } from '@/lib/client/files/upload/upload-engine';
import type { FileJson } from '@/lib/shared/files';
import type { PublicKeysJson, ShareJson } from '@/lib/shared/shares';
import { sharingApi } from './api';
import { loadContactBook, saveContactBook } from './contacts-store';
import { SharingError } from './messages';
import { checkPin, IdentityKeyChangedError, pinContact, type ContactBook } from './pins';

export const DAMAGED_SOURCE_MESSAGE =
  'The stored copy of this file failed its integrity check, so it was not re-encrypted. Nothing was changed and nobody lost access.';

/** The network and server calls; tests pass ones that call the route handlers. */
export interface ReencryptDeps {
  files: Pick<FilesApi, 'createUpload' | 'presignParts' | 'complete' | 'remove' | 'downloadUrl'>;
  sharing: Pick<typeof sharingApi, 'list' | 'lookup'>;
  loadContacts: (vault: UnlockedVault) => Promise<ContactBook>;
  saveContacts: (vault: UnlockedVault, book: ContactBook) => Promise<void>;
  fetch?: typeof fetch;
  putPart?: PutPart;
}

const browserDeps: ReencryptDeps = { files: filesApi, sharing: sharingApi, loadContacts: loadContactBook, saveContacts: saveContactBook };

export interface ReencryptOptions {
  onProgress?: (progress: TransferProgress) => void;
  /** Cancels; the new upload is removed and nothing changes. */
  signal?: AbortSignal;
  parallelism?: number;
  /** 'page' reads and encrypts on this thread, as before the worker did it (the bench compares both). */
  thread?: 'worker' | 'page';
}

export interface ReencryptResult {
  /** The file under its new id and key; the old id no longer exists. */
  file: VaultFile;
  row: FileJson;
  kept: ShareJson[];
  revoked: ShareJson[];
}

interface Keeper {
  share: ShareJson;
  keys: PublicKeysJson;
}

/**
 * Looks up everyone who keeps access and checks their identity key against
 * the pin. A changed key stops everything before anything is uploaded: the
 * server may be substituting keys to be handed the new file key.
 */
async function verifiedKeepers(vault: UnlockedVault, kept: ShareJson[], deps: ReencryptDeps): Promise<Keeper[]> {
  let book = await deps.loadContacts(vault);
  const before = book;
  const keepers: Keeper[] = [];
  for (const share of kept) {
    const keys = await deps.sharing.lookup(share.recipientEmail);
    if (keys.userId !== share.recipientId) {
      throw new SharingError(`The server answered with another account for ${share.recipientEmail}. Nothing was changed.`);
    }
    const pin = checkPin(book, keys.userId, keys.identityPublicKey);
    if (pin.status === 'changed') throw new IdentityKeyChangedError(keys.userId, pin.contact.email);
    // Trust on first use, as when sharing (share-file.ts): only a contact list that lost this pin gets here.
    if (pin.status === 'new') book = pinContact(book, keys.userId, { email: share.recipientEmail, identityPublicKey: keys.identityPublicKey });
    keepers.push({ share, keys });
  }
  if (book !== before) await deps.saveContacts(vault, book);
  return keepers;
}

function isDamage(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof IntegrityError || e instanceof FormatError) return true;
  }
  return false;
}

/**
 * Re-encrypts `file` under a new key and revokes `revokeShareIds`; everyone
 * else who holds a share keeps access through a new envelope. On any failure
 * the new upload is removed and the stored file, its shares and links are
 * exactly as before.
 */
export async function reencryptFile(
  vault: UnlockedVault, file: VaultFile, revokeShareIds: readonly string[], options: ReencryptOptions = {}, deps: ReencryptDeps = browserDeps,
): Promise<ReencryptResult> {
  const current = await deps.sharing.list(file.id);
  const revoked = current.filter((s) => revokeShareIds.includes(s.id));
  if (revoked.length !== new Set(revokeShareIds).size) {
    throw new SharingError('Someone you chose no longer has access to this file (revoked elsewhere?). Nothing was changed; reopen the list and try again.');
  }
  const kept = current.filter((s) => !revokeShareIds.includes(s.id));
  const keepers = await verifiedKeepers(vault, kept, deps);
  if (file.plaintextSize !== file.metadata.size) throw new SharingError(DAMAGED_SOURCE_MESSAGE);

  const fresh = await createFileKey();
  try {
    const newKey = fresh.key;
    let wrappedBytes: Uint8Array | undefined;
    const source = await openRemotePlaintext({
      fileKey: file.fileKey, ciphertextSize: file.ciphertextSize, chunkSize: file.chunkSize,
      signGet: (signal) => deps.files.downloadUrl(file.id, signal), signal: options.signal, fetch: deps.fetch,
    });
    let envelopes: Array<{ recipientId: string; envelope: string }> = [];
    const row = await uploadFile({
      source,
      fileKey: newKey,
      chunkSize: file.chunkSize,
      // The worker reads the old copy itself ([Note: re-encryption in the worker]);
      // a test's stand-in store (deps.fetch) is reachable only from this thread.
      encryptor: deps.fetch || options.thread === 'page' ? inThreadPartEncryptor : remotePartEncryptor(source),
      parallelism: options.parallelism,
      onProgress: options.onProgress,
      signal: options.signal,
      putPart: deps.putPart,
      api: {
        createUpload: (body, signal) => deps.files.createUpload({ ...body, replaces: file.id }, signal),
        presignParts: (id, numbers, signal) => deps.files.presignParts(id, numbers, signal),
        complete: (id, body, signal) => deps.files.complete(id, { ...body, shares: envelopes }, signal),
        remove: (id) => deps.files.remove(id),
      },
      // Everything is bound to the new id (format.md §3, §4, §5), known once the server accepted the upload.
      seal: async (id) => {
        // The copy stays in the file's folder, so its key is wrapped for the same place (format.md §2.1).
        wrappedBytes = await fresh.wrap(file.parent, id);
        const wrappedFileKey = wrappedBytes;
        const encryptedMetadata = await encryptMetadata(newKey, id, file.metadata);
        envelopes = await Promise.all(keepers.map(async ({ keys }) => ({
          recipientId: keys.userId,
          envelope: toBase64Url(await fresh.lend((fileKeyBytes) => sealShareEnvelope({
            fileKeyBytes,
            ids: { fileId: id, senderId: vault.userId, recipientId: keys.userId },
            recipient: {
              identityPublicKeyRaw: fromBase64Url(keys.identityPublicKey),
              hpkePublicKeyRaw: fromBase64Url(keys.hpkePublicKey),
              hpkeKeyBindingSignature: fromBase64Url(keys.hpkeKeyBindingSignature),
            },
            senderIdentityPrivateKey: vault.keys.identity.privateKey,
          })).catch((cause: unknown) => {
            throw new SharingError(`The keys the server returned for a person who keeps access are not signed by their identity key. Nothing was changed.`, { cause });
          })),
        })));
        // The raw key is needed only until it is wrapped and sealed.
        fresh.zero();
        return { wrappedFileKey, encryptedMetadata };
      },
    });
    const opened: VaultFile = {
      ...file, id: row.id, fileKey: newKey, ciphertextSize: row.ciphertextSize, chunkSize: row.chunkSize,
      createdAt: row.completedAt ?? row.createdAt, wrappedFileKey: wrappedBytes!,
    };
    return { file: opened, row, kept, revoked };
  } catch (error) {
    if (isDamage(error)) throw new SharingError(DAMAGED_SOURCE_MESSAGE, { cause: error });
    // The engine reports any failed read of its source as a changed file;
    // here the source is the stored copy, so the cause (network, HTTP) is what happened.
    if (error instanceof SourceChangedError && error.cause !== undefined) throw error.cause;
    throw error;
  } finally {
    fresh.zero();
  }
}

/** What to tell the owner when a re-encryption failed; in every case the stored file is as it was. */
export function reencryptErrorMessage(error: unknown): string {
  if (error instanceof SharingError || error instanceof IdentityKeyChangedError) return error.message;
  // Its message speaks of an upload's source; here the source is the stored copy, read by the worker.
  if (error instanceof SourceChangedError) return 'The stored copy could not be read. Nothing was changed; try again.';
  if (error instanceof ApiError && error.code === 'quota_exceeded') {
    return 'Re-encrypting needs room for a second copy of the file until it finishes, and there is not enough storage left. Nothing was changed.';
  }
  if (error instanceof ApiError && error.code === 'conflict') {
    return 'The file was deleted or re-encrypted elsewhere while this ran. Nothing was changed here; reopen the file list.';
  }
  if (error instanceof ApiError && error.code === 'bad_request') {
    return 'The server did not accept the new keys (the people with access may have changed meanwhile). Nothing was changed; try again.';
  }
  if (error instanceof RemoteReadError) {
    return `The stored copy could not be read (${error.message}). Nothing was changed; try again.`;
  }
  return fileErrorMessage(error, 're-encrypt the file');
}
