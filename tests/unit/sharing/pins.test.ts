// Trust-on-first-use pinning of identity keys (lib/client/sharing/pins.ts) and
// the contact list's encryption under the root key (lib/crypto/contacts.ts).
import { describe, expect, it } from 'vitest';
import { utf8ToBytes } from '@/lib/crypto/bytes';
import { decryptContactsBytes, encryptContactsBytes } from '@/lib/crypto/contacts';
import { generateRootKeyForWrapping } from '@/lib/crypto/root-key';
import {
  checkPin, emptyContactBook, IdentityKeyChangedError, parseContactBook, pinContact,
} from '@/lib/client/sharing/pins';

const bob = { email: 'bob@example.test', identityPublicKey: 'KEY-ONE' };
const now = new Date('2026-01-01T00:00:00Z');

describe('identity key pins', () => {
  it('reports an unknown user as new, then pins the first key seen', () => {
    const empty = emptyContactBook();
    expect(checkPin(empty, 'bob', 'KEY-ONE')).toEqual({ status: 'new' });
    const book = pinContact(empty, 'bob', bob, { now });
    expect(book.contacts.bob).toEqual({ ...bob, pinnedAt: now.toISOString(), verified: false });
    expect(checkPin(book, 'bob', 'KEY-ONE').status).toBe('match');
    expect(empty.contacts).toEqual({}); // pure: the old book is untouched
  });

  it('flags a different key for a pinned user as changed and refuses to re-pin it silently', () => {
    const book = pinContact(emptyContactBook(), 'bob', bob, { now });
    expect(checkPin(book, 'bob', 'KEY-TWO').status).toBe('changed');
    expect(() => pinContact(book, 'bob', { ...bob, identityPublicKey: 'KEY-TWO' })).toThrow(IdentityKeyChangedError);
    expect(book.contacts.bob?.identityPublicKey).toBe('KEY-ONE');
  });

  it('replaces a changed key only after the user re-verified, and marks it verified', () => {
    const book = pinContact(emptyContactBook(), 'bob', bob, { now });
    const next = pinContact(book, 'bob', { ...bob, identityPublicKey: 'KEY-TWO' }, { reverified: true, now });
    expect(next.contacts.bob).toMatchObject({ identityPublicKey: 'KEY-TWO', verified: true });
    expect(checkPin(next, 'bob', 'KEY-ONE').status).toBe('changed');
  });

  it('keys pins by user id: the same key under another id is a new contact, not a match', () => {
    const book = pinContact(emptyContactBook(), 'bob', bob, { now });
    expect(checkPin(book, 'mallory', 'KEY-ONE').status).toBe('new');
  });

  it('re-pinning the same key is a no-op', () => {
    const book = pinContact(emptyContactBook(), 'bob', bob, { now });
    expect(pinContact(book, 'bob', bob)).toBe(book);
  });

  it('rejects a malformed contact list instead of treating it as empty (which would unpin everyone)', () => {
    expect(() => parseContactBook('{"version":1,"contacts":{"bob":{"email":"b"}}}')).toThrow();
    expect(() => parseContactBook('not json')).toThrow();
    const book = pinContact(emptyContactBook(), 'bob', bob, { now });
    expect(parseContactBook(JSON.stringify(book))).toEqual(book);
  });
});

describe('contact list encryption', () => {
  it('round-trips under the root key and fails for another user id, a flipped bit or another key', async () => {
    const rootKey = await generateRootKeyForWrapping();
    const plaintext = utf8ToBytes('{"version":1,"contacts":{}}');
    const blob = await encryptContactsBytes(rootKey, 'alice', plaintext);
    expect(await decryptContactsBytes(rootKey, 'alice', blob)).toEqual(plaintext);
    await expect(decryptContactsBytes(rootKey, 'mallory', blob)).rejects.toThrow();
    const flipped = blob.slice();
    flipped[flipped.length - 1]! ^= 1;
    await expect(decryptContactsBytes(rootKey, 'alice', flipped)).rejects.toThrow();
    await expect(decryptContactsBytes(await generateRootKeyForWrapping(), 'alice', blob)).rejects.toThrow();
  });
});
