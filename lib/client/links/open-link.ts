// A visitor opening a public link (docs/format.md §6): derive the keys from
// the fragment (and password), prove them with the access key, unwrap the
// file key and decrypt the name. Nothing here has an account or a session.
import { fromBase64Url, toBase64Url } from '@/lib/crypto/bytes';
import { importFileKey } from '@/lib/crypto/file-key';
import { plaintextSizeFromCiphertextSize } from '@/lib/crypto/file-format';
import { deriveLinkKeys, unwrapFileKeyFromLink } from '@/lib/crypto/link';
import { decryptMetadata } from '@/lib/crypto/metadata';
import type { OpenedFile } from '@/lib/client/files/file-list';
import type { DownloadOptions } from '@/lib/client/files/download/download-engine';
import type { LinkInfoJson } from '@/lib/shared/links';
import { visitorApi } from './api';
import { UserFacingError } from '@/lib/shared/user-facing-error';

export interface OpenedLink {
  file: OpenedFile;
  expiresAt: string | null;
  downloadsLeft: number | null;
  /** Where the download URL comes from: each call counts one download. */
  api: DownloadOptions['api'];
}

/** The server answered, but what it returned does not open with this link's key. */
export class LinkDamagedError extends UserFacingError {
  override name = 'LinkDamagedError';
  constructor(options?: { cause?: unknown }) {
    super('This link\'s file could not be decrypted: it was altered or damaged. Nothing was saved.', options);
  }
}

export async function openPublicLink(info: LinkInfoJson, fragmentSecret: Uint8Array, password?: string): Promise<OpenedLink> {
  const { linkKey, accessKeyBytes } = await deriveLinkKeys({
    fragmentSecret, linkSalt: fromBase64Url(info.linkSalt), linkId: info.id, password: info.hasPassword ? password : undefined,
  });
  const accessKey = toBase64Url(accessKeyBytes);
  accessKeyBytes.fill(0);
  const opened = await visitorApi.open(info.id, accessKey);
  let fileKeyBytes: Uint8Array | undefined;
  try {
    fileKeyBytes = await unwrapFileKeyFromLink(linkKey, fromBase64Url(opened.wrappedFileKey), info.id, opened.fileId);
    const fileKey = await importFileKey(fileKeyBytes);
    const metadata = await decryptMetadata(fileKey, opened.fileId, fromBase64Url(opened.encryptedMetadata));
    const file: OpenedFile = {
      id: opened.fileId,
      fileKey,
      metadata,
      ciphertextSize: opened.ciphertextSize,
      chunkSize: opened.chunkSize,
      plaintextSize: plaintextSizeFromCiphertextSize(opened.ciphertextSize, opened.chunkSize),
      createdAt: new Date().toISOString(),
    };
    return {
      file,
      expiresAt: opened.expiresAt,
      downloadsLeft: opened.downloadsLeft,
      api: { downloadUrl: (_fileId, signal) => visitorApi.download(info.id, accessKey, signal) },
    };
  } catch (cause) {
    throw new LinkDamagedError({ cause });
  } finally {
    fileKeyBytes?.fill(0);
  }
}
