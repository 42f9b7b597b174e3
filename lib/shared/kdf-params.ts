import { z } from '@/lib/shared/zod';

// The password-hardening parameters of one user's OPAQUE record (docs/accounts.md
// "Parameters"). Stored per user so they can be raised later: a client re-registers
// with stronger ones at the next password change. The client refuses anything
// below KDF_FLOOR, so a malicious server cannot downgrade the Argon2 cost to make
// a stolen record cheaper to attack.
export const kdfParamsSchema = z.strictObject({
  version: z.literal(1),
  opaque: z.strictObject({
    // @serenity-kit/opaque 1.x: OPRF and key exchange over ristretto255, SHA-512, 3DH.
    suite: z.literal('ristretto255-sha512-3dh'),
    keyStretching: z.strictObject({
      algorithm: z.literal('argon2id'),
      memoryKiB: z.number().int().min(1).max(4 * 1024 * 1024),
      iterations: z.number().int().min(1).max(64),
      parallelism: z.number().int().min(1).max(16),
    }),
  }),
  // KEK = HKDF-SHA256(exportKey) per docs/format.md §2.
  kek: z.literal('hkdf-sha256'),
});

export type KdfParams = z.infer<typeof kdfParamsSchema>;

// RFC 9106 §4's second recommended option (64 MiB, t=3, p=4), which is also the
// library's "memory-constrained" default; measured at ~0.4 s per run in Chromium.
export const DEFAULT_KDF_PARAMS: KdfParams = {
  version: 1,
  opaque: {
    suite: 'ristretto255-sha512-3dh',
    keyStretching: { algorithm: 'argon2id', memoryKiB: 65536, iterations: 3, parallelism: 4 },
  },
  kek: 'hkdf-sha256',
};

export const KDF_FLOOR = { memoryKiB: 65536, iterations: 3 } as const;

/** True when the parameters are at least as costly as the floor (parallelism only lowers cost per lane). */
export function meetsKdfFloor(params: KdfParams): boolean {
  const ks = params.opaque.keyStretching;
  return ks.memoryKiB >= KDF_FLOOR.memoryKiB && ks.iterations >= KDF_FLOOR.iterations;
}
