// The one door to hash-wasm (docs/format.md §6). WebCrypto has no memory-hard
// password hash, so Argon2id comes from WebAssembly.
import { argon2id } from 'hash-wasm';
import { utf8ToBytes } from './bytes';

/** format.md §6: RFC 9106's second recommended option. */
export const LINK_ARGON2ID_PARAMS = { memoryKiB: 64 * 1024, iterations: 3, parallelism: 1, hashLength: 32 } as const;

export async function argon2idBytes(password: string, salt: Uint8Array): Promise<Uint8Array> {
  const { memoryKiB, iterations, parallelism, hashLength } = LINK_ARGON2ID_PARAMS;
  return argon2id({
    password: utf8ToBytes(password), salt, memorySize: memoryKiB, iterations, parallelism, hashLength, outputType: 'binary',
  });
}
