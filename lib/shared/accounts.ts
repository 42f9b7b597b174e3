import { z } from '@/lib/shared/zod';
import { CANONICAL_BASE64URL } from './base64url';
import { kdfParamsSchema } from './kdf-params';

// Request and response bodies of the account API (docs/accounts.md "API").
// Objects are strict: a client that adds a field (say, by mistake, a password)
// gets a 400 instead of having it silently accepted.

const b64url = (max: number) => z.string().min(1).max(max).regex(CANONICAL_BASE64URL, 'must be canonical base64url');
/** An OPAQUE protocol message as @serenity-kit/opaque encodes it. */
const opaqueMessage = b64url(2048);
const blob = b64url(4096);
const id = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'must be an id');

export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());

export const registerStartRequest = z.strictObject({ email: emailSchema, registrationRequest: opaqueMessage });
export const registerStartResponse = z.strictObject({ registrationId: id, userId: z.uuid(), registrationResponse: opaqueMessage });

export const storedAccountKeysSchema = z.strictObject({
  wrappedRootKeyPassword: blob,
  wrappedRootKeyRecovery: blob,
  hpkePublicKey: blob,
  wrappedHpkePrivateKey: blob,
  identityPublicKey: blob,
  wrappedIdentityPrivateKey: blob,
  hpkeKeyBindingSignature: blob,
});
export type StoredAccountKeysJson = z.infer<typeof storedAccountKeysSchema>;

export const keyCheckSchema = z.strictObject({ id, wrappedFileKey: blob, metadata: blob });
export type KeyCheckJson = z.infer<typeof keyCheckSchema>;

/** HKDF of the recovery key (docs/accounts.md): proves possession without revealing it. */
const recoveryAuthToken = b64url(64);

export const registerFinishRequest = z.strictObject({
  registrationId: id,
  registrationRecord: opaqueMessage,
  kdfParams: kdfParamsSchema,
  keys: storedAccountKeysSchema,
  keyCheck: keyCheckSchema,
  recoveryAuthToken,
});

export const loginStartRequest = z.strictObject({ email: emailSchema, startLoginRequest: opaqueMessage });
export const loginStartResponse = z.strictObject({ loginId: id, loginResponse: opaqueMessage, kdfParams: kdfParamsSchema });

/** What next-auth's Credentials provider receives from signIn(). */
export const loginFinishCredentials = z.object({ loginId: id, finishLoginRequest: opaqueMessage });

export const accountResponse = z.strictObject({
  userId: z.uuid(),
  email: z.string(),
  kdfParams: kdfParamsSchema,
  keys: storedAccountKeysSchema,
  keyCheck: keyCheckSchema,
  /** False until the user confirms they saved a recovery key; the vault keeps asking. */
  recoveryKeyConfirmed: z.boolean(),
});
export type AccountJson = z.infer<typeof accountResponse>;

// Re-authentication for sensitive changes: a fresh OPAQUE login inside the session.
export const reauthStartRequest = z.strictObject({ startLoginRequest: opaqueMessage, registrationRequest: opaqueMessage.optional() });
export const reauthStartResponse = z.strictObject({
  loginId: id, loginResponse: opaqueMessage, kdfParams: kdfParamsSchema, registrationResponse: opaqueMessage.optional(),
});

export const changePasswordRequest = z.strictObject({
  loginId: id,
  finishLoginRequest: opaqueMessage,
  registrationRecord: opaqueMessage,
  kdfParams: kdfParamsSchema,
  wrappedRootKeyPassword: blob,
});

export const regenerateRecoveryKeyRequest = z.strictObject({
  loginId: id,
  finishLoginRequest: opaqueMessage,
  wrappedRootKeyRecovery: blob,
  recoveryAuthToken,
});

/**
 * "I saved it": names the key by its auth token, so a confirmation from a tab
 * showing an older key cannot promote one the user never saw.
 */
export const confirmRecoveryKeyRequest = z.strictObject({ recoveryAuthToken });

export const recoveryStartRequest = z.strictObject({ email: emailSchema, recoveryAuthToken, registrationRequest: opaqueMessage });
export const recoveryStartResponse = z.strictObject({
  recoveryId: id, userId: z.uuid(), registrationResponse: opaqueMessage, wrappedRootKeyRecovery: blob,
});

export const recoveryFinishRequest = z.strictObject({
  recoveryId: id,
  recoveryAuthToken,
  registrationRecord: opaqueMessage,
  kdfParams: kdfParamsSchema,
  wrappedRootKeyPassword: blob,
});

export const okResponse = z.strictObject({ ok: z.literal(true) });
