// Format constants (docs/format.md §1). Changing any of these changes the
// format: bump FORMAT_VERSION and keep decoding the old one.

export const FORMAT_MAGIC = new Uint8Array([0x54, 0x57, 0x4f, 0x46]); // "TWOF"
export const FORMAT_VERSION = 1;
export const SUITE_AES256GCM_HKDF_SHA256 = 1;

export const SALT_LENGTH = 32;
export const COMMITMENT_LENGTH = 32;
export const HEADER_PREFIX_LENGTH = 4 + 1 + 1 + 4 + SALT_LENGTH; // 42
export const HEADER_LENGTH = HEADER_PREFIX_LENGTH + COMMITMENT_LENGTH; // 74

export const TAG_LENGTH = 16;
export const NONCE_LENGTH = 12;
export const KEY_LENGTH = 32;

// Powers of two in [1 KiB, 16 MiB] (format.md §1.1): the upper bound caps
// the memory a decoder must commit to one chunk.
export const MIN_CHUNK_SIZE = 1024;
export const MAX_CHUNK_SIZE = 16 * 1024 * 1024;

// Chosen from scripts/bench-crypto.ts, see format.md §8.
export const DEFAULT_CHUNK_SIZE = 256 * 1024;

// The nonce holds the chunk index in a u32 (format.md §1.3).
export const MAX_CHUNK_COUNT = 2 ** 32;
