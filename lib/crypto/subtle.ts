// The one door to WebCrypto (conventions: "one door to the primitives").
// Every other module in lib/crypto calls these functions instead of
// crypto.subtle, so algorithm parameters live in one place and every
// authentication failure becomes the same IntegrityError here.
// @hpke/core is the only other library that touches crypto.subtle (hpke.ts).
import { IntegrityError } from './errors';

const subtle = globalThis.crypto.subtle;

type AesUsage = 'encrypt' | 'decrypt' | 'wrapKey' | 'unwrapKey';

// TypeScript's BufferSource wants an ArrayBuffer-backed view; copy only in the
// rare case of a SharedArrayBuffer-backed input.
function source(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}

export function randomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  // getRandomValues caps one call at 65536 bytes.
  for (let i = 0; i < length; i += 65536) globalThis.crypto.getRandomValues(out.subarray(i, i + 65536));
  return out;
}

export async function sha256Bytes(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle.digest('SHA-256', source(data)));
}

export async function sha512Bytes(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle.digest('SHA-512', source(data)));
}

// HKDF keys cannot be extractable in WebCrypto, which is what we want for
// file keys in use (format.md §2, [Note: file keys are bytes at the edges]).
export async function importHkdfKey(ikm: Uint8Array): Promise<CryptoKey> {
  return subtle.importKey('raw', source(ikm), 'HKDF', false, ['deriveKey', 'deriveBits']);
}

export async function hkdfBytes(ikm: CryptoKey, salt: Uint8Array, info: Uint8Array, length: number): Promise<Uint8Array> {
  const params = { name: 'HKDF', hash: 'SHA-256', salt: source(salt), info: source(info) };
  return new Uint8Array(await subtle.deriveBits(params, ikm, length * 8));
}

export async function hkdfAesGcmKey(ikm: CryptoKey, salt: Uint8Array, info: Uint8Array, usages: AesUsage[]): Promise<CryptoKey> {
  const params = { name: 'HKDF', hash: 'SHA-256', salt: source(salt), info: source(info) };
  return subtle.deriveKey(params, ikm, { name: 'AES-GCM', length: 256 }, false, usages);
}

export async function generateAesGcmKey(extractable: boolean, usages: AesUsage[]): Promise<CryptoKey> {
  return subtle.generateKey({ name: 'AES-GCM', length: 256 }, extractable, usages);
}

export async function importAesGcmKey(raw: Uint8Array, usages: AesUsage[]): Promise<CryptoKey> {
  return subtle.importKey('raw', source(raw), { name: 'AES-GCM' }, false, usages);
}

export async function aesGcmEncrypt(key: CryptoKey, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  const params = { name: 'AES-GCM', iv: source(nonce), additionalData: source(aad), tagLength: 128 };
  return new Uint8Array(await subtle.encrypt(params, key, source(plaintext)));
}

export async function aesGcmDecrypt(key: CryptoKey, nonce: Uint8Array, aad: Uint8Array, ciphertext: Uint8Array): Promise<Uint8Array> {
  const params = { name: 'AES-GCM', iv: source(nonce), additionalData: source(aad), tagLength: 128 };
  try {
    return new Uint8Array(await subtle.decrypt(params, key, source(ciphertext)));
  } catch (cause) {
    throw new IntegrityError({ cause });
  }
}

export async function wrapKeyAesGcm(
  format: 'raw' | 'pkcs8', key: CryptoKey, wrappingKey: CryptoKey, nonce: Uint8Array, aad: Uint8Array,
): Promise<Uint8Array> {
  const params = { name: 'AES-GCM', iv: source(nonce), additionalData: source(aad), tagLength: 128 };
  return new Uint8Array(await subtle.wrapKey(format, key, wrappingKey, params));
}

export type UnwrappedAlgorithm = 'AES-GCM' | 'ECDH-P256' | 'Ed25519';

const unwrapTargets: Record<UnwrappedAlgorithm, { algorithm: AlgorithmIdentifier | EcKeyImportParams; usages: KeyUsage[] }> = {
  'AES-GCM': { algorithm: { name: 'AES-GCM' }, usages: ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'] },
  'ECDH-P256': { algorithm: { name: 'ECDH', namedCurve: 'P-256' } as EcKeyImportParams, usages: ['deriveBits'] },
  Ed25519: { algorithm: { name: 'Ed25519' }, usages: ['sign'] },
};

// unwrapKey decrypts and imports in one step, so with extractable=false the
// key bytes never appear in JavaScript (format.md §2, extractability).
export async function unwrapKeyAesGcm(
  format: 'raw' | 'pkcs8', wrapped: Uint8Array, wrappingKey: CryptoKey, nonce: Uint8Array, aad: Uint8Array,
  target: UnwrappedAlgorithm, extractable: boolean,
): Promise<CryptoKey> {
  const params = { name: 'AES-GCM', iv: source(nonce), additionalData: source(aad), tagLength: 128 };
  const { algorithm, usages } = unwrapTargets[target];
  try {
    return await subtle.unwrapKey(format, source(wrapped), wrappingKey, params, algorithm, extractable, usages);
  } catch (cause) {
    // Authenticated but unimportable bytes can only come from a broken
    // writer; either way the caller learns one thing: do not trust it.
    throw new IntegrityError({ cause });
  }
}

export async function generateEcdhP256KeyPair(extractable: boolean): Promise<CryptoKeyPair> {
  return subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, extractable, ['deriveBits']);
}

export async function generateEd25519KeyPair(extractable: boolean): Promise<CryptoKeyPair> {
  return (await subtle.generateKey({ name: 'Ed25519' }, extractable, ['sign', 'verify'])) as CryptoKeyPair;
}

export async function importEcdhP256PublicKeyRaw(raw: Uint8Array): Promise<CryptoKey> {
  return subtle.importKey('raw', source(raw), { name: 'ECDH', namedCurve: 'P-256' }, true, []);
}

export async function importEd25519PublicKeyRaw(raw: Uint8Array): Promise<CryptoKey> {
  return subtle.importKey('raw', source(raw), { name: 'Ed25519' }, true, ['verify']);
}

export async function importPrivateKeyPkcs8(target: 'ECDH-P256' | 'Ed25519', pkcs8: Uint8Array, extractable: boolean): Promise<CryptoKey> {
  const { algorithm, usages } = unwrapTargets[target];
  return subtle.importKey('pkcs8', source(pkcs8), algorithm, extractable, usages);
}

export async function exportPublicKeyRaw(key: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await subtle.exportKey('raw', key));
}

export async function exportPrivateKeyPkcs8(key: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await subtle.exportKey('pkcs8', key));
}

export async function signEd25519(privateKey: CryptoKey, message: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle.sign({ name: 'Ed25519' }, privateKey, source(message)));
}

export async function verifyEd25519(publicKey: CryptoKey, signature: Uint8Array, message: Uint8Array): Promise<boolean> {
  try {
    return await subtle.verify({ name: 'Ed25519' }, publicKey, source(signature), source(message));
  } catch {
    return false;
  }
}
