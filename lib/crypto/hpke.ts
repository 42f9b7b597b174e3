// The one door to @hpke/core (docs/format.md §5): RFC 9180 base mode with
// DHKEM(P-256, HKDF-SHA256), HKDF-SHA256, AES-256-GCM.
import { Aes256Gcm, CipherSuite, DhkemP256HkdfSha256, HkdfSha256 } from '@hpke/core';
import { IntegrityError } from './errors';

const suite = new CipherSuite({ kem: new DhkemP256HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes256Gcm() });
const EMPTY = new Uint8Array(0);

export const HPKE_ENC_LENGTH = 65; // uncompressed P-256 point

export async function hpkeSealBase(
  recipientPublicKey: CryptoKey, info: Uint8Array, plaintext: Uint8Array, unsafeEphemeralIkm?: Uint8Array,
): Promise<{ enc: Uint8Array; ciphertext: Uint8Array }> {
  // ekm pins the ephemeral key; only the vector generator passes it (format.md §9).
  const params = unsafeEphemeralIkm === undefined
    ? { recipientPublicKey, info }
    : { recipientPublicKey, info, ekm: unsafeEphemeralIkm };
  const sealed = await suite.seal(params, plaintext, EMPTY);
  return { enc: new Uint8Array(sealed.enc), ciphertext: new Uint8Array(sealed.ct) };
}

// Takes the key pair, not just the private key: with the public half given,
// @hpke/core never needs to export the (non-extractable) private key.
export async function hpkeOpenBase(
  recipientKeyPair: CryptoKeyPair, enc: Uint8Array, info: Uint8Array, ciphertext: Uint8Array,
): Promise<Uint8Array> {
  try {
    return new Uint8Array(await suite.open({ recipientKey: recipientKeyPair, enc, info }, ciphertext, EMPTY));
  } catch (cause) {
    throw new IntegrityError({ cause });
  }
}
