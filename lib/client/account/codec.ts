// Stored account keys travel as base64url JSON and are used as bytes.
import type { StoredAccountKeys } from '@/lib/crypto/account-keys';
import { fromBase64Url, toBase64Url } from '@/lib/crypto/bytes';
import type { StoredAccountKeysJson } from '@/lib/shared/accounts';

export function storedKeysToJson(k: StoredAccountKeys): StoredAccountKeysJson {
  return {
    wrappedRootKeyPassword: toBase64Url(k.wrappedRootKeyPassword),
    wrappedRootKeyRecovery: toBase64Url(k.wrappedRootKeyRecovery),
    hpkePublicKey: toBase64Url(k.hpkePublicKeyRaw),
    wrappedHpkePrivateKey: toBase64Url(k.wrappedHpkePrivateKey),
    identityPublicKey: toBase64Url(k.identityPublicKeyRaw),
    wrappedIdentityPrivateKey: toBase64Url(k.wrappedIdentityPrivateKey),
    hpkeKeyBindingSignature: toBase64Url(k.hpkeKeyBindingSignature),
  };
}

export function storedKeysFromJson(k: StoredAccountKeysJson): StoredAccountKeys {
  return {
    wrappedRootKeyPassword: fromBase64Url(k.wrappedRootKeyPassword),
    wrappedRootKeyRecovery: fromBase64Url(k.wrappedRootKeyRecovery),
    hpkePublicKeyRaw: fromBase64Url(k.hpkePublicKey),
    wrappedHpkePrivateKey: fromBase64Url(k.wrappedHpkePrivateKey),
    identityPublicKeyRaw: fromBase64Url(k.identityPublicKey),
    wrappedIdentityPrivateKey: fromBase64Url(k.wrappedIdentityPrivateKey),
    hpkeKeyBindingSignature: fromBase64Url(k.hpkeKeyBindingSignature),
  };
}
