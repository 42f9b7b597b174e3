// The key hierarchy end to end (docs/format.md §2): sign-up, sign-in,
// password change and recovery, and the recovery key's text form.
import { rootParent } from '@/lib/crypto/key-parent';
import { describe, expect, it } from 'vitest';
import { changePasswordWrapping, createAccountKeys, openAccountKeys, recoverWithRecoveryKey } from '@/lib/crypto/account-keys';
import { toHex } from '@/lib/crypto/bytes';
import { IntegrityError } from '@/lib/crypto/errors';
import { identityFingerprintDigits, safetyNumberDigits } from '@/lib/crypto/fingerprint';
import { generateFileKeyBytes, unwrapFileKeyBytes, wrapFileKey } from '@/lib/crypto/file-key';
import { generateRecoveryKeyBytes, recoveryKeyFromText, recoveryKeyToText } from '@/lib/crypto/recovery-key';
import { deriveKekFromExportKey } from '@/lib/crypto/root-key';

const exportKey = (fill: number) => new Uint8Array(64).fill(fill);

describe('account keys', () => {
  it('keep every private key non-extractable in the session', async () => {
    const { open } = await createAccountKeys(exportKey(1), 'u1');
    expect(open.rootKey.extractable).toBe(false);
    expect(open.hpke.privateKey.extractable).toBe(false);
    expect(open.identity.privateKey.extractable).toBe(false);
  });

  it('survive a password change and a recovery, with the same root key', async () => {
    const { stored, open, recoveryKeyText } = await createAccountKeys(exportKey(1), 'u1');
    const fileKeyBytes = generateFileKeyBytes();
    const wrapped = await wrapFileKey(rootParent(open.rootKey, 'u1'), fileKeyBytes, 'f1');

    const afterChange = await changePasswordWrapping(exportKey(1), exportKey(2), stored.wrappedRootKeyPassword, 'u1');
    const reopened = await openAccountKeys(await deriveKekFromExportKey(exportKey(2), 'u1'), { ...stored, wrappedRootKeyPassword: afterChange }, 'u1');
    expect(await unwrapFileKeyBytes(rootParent(reopened.rootKey, 'u1'), wrapped, 'f1')).toEqual(fileKeyBytes);
    await expect(openAccountKeys(await deriveKekFromExportKey(exportKey(1), 'u1'), { ...stored, wrappedRootKeyPassword: afterChange }, 'u1'))
      .rejects.toBeInstanceOf(IntegrityError);

    const afterRecovery = await recoverWithRecoveryKey(` ${recoveryKeyText.toLowerCase()} `, stored.wrappedRootKeyRecovery, exportKey(3), 'u1');
    const recovered = await openAccountKeys(await deriveKekFromExportKey(exportKey(3), 'u1'), { ...stored, wrappedRootKeyPassword: afterRecovery }, 'u1');
    expect(await unwrapFileKeyBytes(rootParent(recovered.rootKey, 'u1'), wrapped, 'f1')).toEqual(fileKeyBytes);
  });

  it('reject a wrong recovery key', async () => {
    const { stored } = await createAccountKeys(exportKey(1), 'u1');
    const wrong = recoveryKeyToText(generateRecoveryKeyBytes());
    await expect(recoverWithRecoveryKey(wrong, stored.wrappedRootKeyRecovery, exportKey(3), 'u1')).rejects.toBeInstanceOf(IntegrityError);
  });
});

describe('recovery key text', () => {
  it('round-trips and forgives case, spaces, hyphens and look-alike digits', () => {
    const bytes = generateRecoveryKeyBytes();
    const text = recoveryKeyToText(bytes);
    expect(text).toMatch(/^([A-Z2-7]{4}-){7}[A-Z2-7]{4}$/);
    expect(recoveryKeyFromText(text)).toEqual(bytes);
    expect(recoveryKeyFromText(text.toLowerCase().replace(/-/g, ' '))).toEqual(bytes);
    const withLookalikes = text.replace(/O/g, '0').replace(/I/g, '1').replace(/B/g, '8');
    expect(recoveryKeyFromText(withLookalikes)).toEqual(bytes);
  });

  it('rejects the wrong length or alphabet', () => {
    expect(() => recoveryKeyFromText('ABCD')).toThrow(RangeError);
    expect(() => recoveryKeyFromText('9'.repeat(32))).toThrow(RangeError);
  });

  it('encodes the RFC 4648 base32 of the bytes', () => {
    // base32("\x00" * 20) and base32("\xff" * 20)
    expect(recoveryKeyToText(new Uint8Array(20))).toBe('AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA');
    expect(recoveryKeyToText(new Uint8Array(20).fill(255))).toBe('7777-7777-7777-7777-7777-7777-7777-7777');
    expect(toHex(recoveryKeyFromText('MZXW-6YTB-OI' + 'A'.repeat(22)).subarray(0, 6))).toBe('666f6f626172'); // "foobar"
  });
});

describe('fingerprints', () => {
  it('are 12 groups of 5 digits, bound to the user id', async () => {
    const key = new Uint8Array(32).fill(9);
    const a = await identityFingerprintDigits('alice', key);
    expect(a).toMatch(/^(\d{5} ){11}\d{5}$/);
    expect(await identityFingerprintDigits('bob', key)).not.toBe(a);
    expect(await identityFingerprintDigits('alice', key)).toBe(a);
  });

  it('a safety number is one number for the pair: the same from both sides, changed by either key, never a fingerprint', async () => {
    const alice = { userId: 'alice', identityPublicKeyRaw: new Uint8Array(32).fill(1) };
    const bob = { userId: 'bob', identityPublicKeyRaw: new Uint8Array(32).fill(2) };
    const pair = await safetyNumberDigits(alice, bob);
    expect(pair).toMatch(/^(\d{5} ){11}\d{5}$/);
    expect(await safetyNumberDigits(bob, alice)).toBe(pair);
    // A server handing out its own key for either person changes the number on that side.
    expect(await safetyNumberDigits(alice, { ...bob, identityPublicKeyRaw: new Uint8Array(32).fill(3) })).not.toBe(pair);
    expect(await safetyNumberDigits({ ...alice, identityPublicKeyRaw: new Uint8Array(32).fill(3) }, bob)).not.toBe(pair);
    expect(pair).not.toBe(await identityFingerprintDigits('alice', alice.identityPublicKeyRaw));
    await expect(safetyNumberDigits(alice, { ...alice })).rejects.toThrow(TypeError);
  });
});
