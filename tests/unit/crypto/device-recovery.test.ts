// The device wrap of the root key (format.md §10), the recovery auth token
// (§11) and the key check (§2): bound to what they claim, and separate from
// everything else.
import { rootParent } from '@/lib/crypto/key-parent';
import { describe, expect, it } from 'vitest';
import { fromBase64Url, fromHex, toHex } from '@/lib/crypto/bytes';
import { generateDeviceKey, rewrapRootKeyForDevice, unwrapRootKeyFromDevice, wrapRootKeyForDevice } from '@/lib/crypto/device-key';
import { IntegrityError } from '@/lib/crypto/errors';
import { createKeyCheckBytes, verifyKeyCheckBytes } from '@/lib/crypto/key-check';
import { unwrapFileKeyBytes } from '@/lib/crypto/file-key';
import { deriveRecoveryAuthTokenBytes } from '@/lib/crypto/recovery-auth';
import { recoveryKeyFromText } from '@/lib/crypto/recovery-key';
import { deriveKekFromExportKey, generateRootKeyForWrapping, wrapRootKey } from '@/lib/crypto/root-key';
import { loadVectors } from '@/tests/vectors/load';

const k = loadVectors().keys;

describe('device wrap of the root key', () => {
  it('opens only with the same device key and user id', async () => {
    const deviceKey = await generateDeviceKey();
    const root = await generateRootKeyForWrapping();
    const blob = await wrapRootKeyForDevice(deviceKey, root, 'user-a');
    await expect(unwrapRootKeyFromDevice(deviceKey, blob, 'user-a')).resolves.toBeDefined();
    await expect(unwrapRootKeyFromDevice(deviceKey, blob, 'user-b')).rejects.toBeInstanceOf(IntegrityError);
    await expect(unwrapRootKeyFromDevice(await generateDeviceKey(), blob, 'user-a')).rejects.toBeInstanceOf(IntegrityError);
    expect(deviceKey.extractable).toBe(false);
    expect((await unwrapRootKeyFromDevice(deviceKey, blob, 'user-a')).extractable).toBe(false);
  });

  it('rewraps the password blob so the device copy opens the same files', async () => {
    const kek = await deriveKekFromExportKey(fromHex(k.exportKeyHex), k.userId);
    const deviceKey = await generateDeviceKey();
    const blob = await rewrapRootKeyForDevice({ wrappingKey: kek, wrapped: fromBase64Url(k.wrappedRootKeyPassword.blobBase64Url), via: 'password' }, deviceKey, k.userId);
    const root = await unwrapRootKeyFromDevice(deviceKey, blob, k.userId);
    expect(toHex(await unwrapFileKeyBytes(rootParent(root, k.fileKey.ownerId), fromBase64Url(k.fileKey.blobBase64Url), k.fileKey.fileId))).toBe(k.fileKey.fileKeyHex);
    // A §3 root-key blob is not a device blob and vice versa: the AADs differ.
    const passwordBlob = await wrapRootKey(deviceKey, await generateRootKeyForWrapping(), 'password', k.userId);
    await expect(unwrapRootKeyFromDevice(deviceKey, passwordBlob, k.userId)).rejects.toBeInstanceOf(IntegrityError);
  });
});

describe('recovery auth token', () => {
  it('is the committed HKDF output, 32 bytes, and differs for another recovery key', async () => {
    const recoveryKey = recoveryKeyFromText(k.recoveryKeyText);
    const token = await deriveRecoveryAuthTokenBytes(recoveryKey);
    expect(token.length).toBe(32);
    expect(toHex(token)).toBe(toHex(fromBase64Url(k.recoveryAuthToken.tokenBase64Url)));
    const other = recoveryKey.slice();
    other[0]! ^= 1;
    expect(toHex(await deriveRecoveryAuthTokenBytes(other))).not.toBe(toHex(token));
    await expect(deriveRecoveryAuthTokenBytes(new Uint8Array(16))).rejects.toBeInstanceOf(RangeError);
  });
});

describe('key check', () => {
  it('opens only under the same root key, user id and check id', async () => {
    const root = await generateRootKeyForWrapping();
    const check = await createKeyCheckBytes(root, 'user-a');
    expect(check.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await verifyKeyCheckBytes(root, 'user-a', check)).toMatch(/^key-check-[A-Za-z0-9_-]{8}\.txt$/);
    await expect(verifyKeyCheckBytes(await generateRootKeyForWrapping(), 'user-a', check)).rejects.toBeInstanceOf(IntegrityError);
    await expect(verifyKeyCheckBytes(root, 'user-b', check)).rejects.toBeInstanceOf(IntegrityError);
    await expect(verifyKeyCheckBytes(root, 'user-a', { ...check, id: `${check.id.slice(0, 21)}A` === check.id ? `${check.id.slice(0, 21)}Q` : `${check.id.slice(0, 21)}A` })).rejects.toBeInstanceOf(IntegrityError);
  });
});
