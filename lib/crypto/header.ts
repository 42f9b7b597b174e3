// Encoding and parsing of the 74-byte file header (docs/format.md §1.1).
// Parsing only checks shape; the commitment is verified in file-context.ts.
import { equalBytesConstantTime, readU32, u32ToBytes, concatBytes, assertBytes } from './bytes';
import {
  COMMITMENT_LENGTH, FORMAT_MAGIC, FORMAT_VERSION, HEADER_LENGTH, HEADER_PREFIX_LENGTH, SALT_LENGTH,
  SUITE_AES256GCM_HKDF_SHA256,
} from './constants';
import { FormatError } from './errors';
import { assertChunkSize, isAllowedChunkSize } from './file-format';

export interface FileHeader {
  version: number;
  suite: number;
  chunkSize: number;
  salt: Uint8Array;
  commitment: Uint8Array;
  /** Bytes 0..41: everything the commitment covers besides the key. */
  prefix: Uint8Array;
}

export function encodeHeaderPrefix(chunkSize: number, salt: Uint8Array): Uint8Array {
  assertChunkSize(chunkSize);
  assertBytes(salt, 'salt', SALT_LENGTH);
  return concatBytes(FORMAT_MAGIC, new Uint8Array([FORMAT_VERSION, SUITE_AES256GCM_HKDF_SHA256]), u32ToBytes(chunkSize), salt);
}

export function encodeHeader(prefix: Uint8Array, commitment: Uint8Array): Uint8Array {
  assertBytes(prefix, 'prefix', HEADER_PREFIX_LENGTH);
  assertBytes(commitment, 'commitment', COMMITMENT_LENGTH);
  return concatBytes(prefix, commitment);
}

// Throws FormatError for headers no v1 encoder writes (format.md §1.5).
export function parseHeader(bytes: Uint8Array): FileHeader {
  assertBytes(bytes, 'header', HEADER_LENGTH);
  if (!equalBytesConstantTime(bytes.subarray(0, 4), FORMAT_MAGIC)) throw new FormatError('not a Twofold file (bad magic)');
  const version = bytes[4] as number;
  if (version !== FORMAT_VERSION) throw new FormatError(`unsupported format version ${version}`);
  const suite = bytes[5] as number;
  if (suite !== SUITE_AES256GCM_HKDF_SHA256) throw new FormatError(`unsupported cipher suite ${suite}`);
  const chunkSize = readU32(bytes, 6);
  if (!isAllowedChunkSize(chunkSize)) throw new FormatError(`chunk size ${chunkSize} is not allowed`);
  return {
    version,
    suite,
    chunkSize,
    salt: bytes.slice(10, 10 + SALT_LENGTH),
    commitment: bytes.slice(HEADER_PREFIX_LENGTH, HEADER_LENGTH),
    prefix: bytes.slice(0, HEADER_PREFIX_LENGTH),
  };
}
