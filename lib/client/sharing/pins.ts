// Trust on first use for identity keys (docs/format.md §7). The first key seen
// for a user is pinned in the contact list; a different key later is refused
// until the user compares safety numbers again and re-verifies. Pure logic:
// no fetch, no crypto, so it is unit-tested on its own.
import { z } from '@/lib/shared/zod';
import { UserFacingError } from '@/lib/shared/user-facing-error';

export const contactSchema = z.strictObject({
  email: z.string(),
  /** base64url of the raw Ed25519 identity public key. */
  identityPublicKey: z.string().min(1),
  pinnedAt: z.iso.datetime(),
  /** Set when the user confirmed the safety number out of band. */
  verified: z.boolean(),
});
export type Contact = z.infer<typeof contactSchema>;

export const contactBookSchema = z.strictObject({
  version: z.literal(1),
  contacts: z.record(z.string(), contactSchema),
});
export type ContactBook = z.infer<typeof contactBookSchema>;

export const emptyContactBook = (): ContactBook => ({ version: 1, contacts: {} });

export type PinCheck =
  | { status: 'new' }
  | { status: 'match'; contact: Contact }
  | { status: 'changed'; contact: Contact };

/** How a presented identity key relates to what we pinned for this user id. */
export function checkPin(book: ContactBook, userId: string, identityPublicKey: string): PinCheck {
  const contact = book.contacts[userId];
  if (!contact) return { status: 'new' };
  return contact.identityPublicKey === identityPublicKey ? { status: 'match', contact } : { status: 'changed', contact };
}

/** Thrown when a pinned identity key no longer matches: the server may be substituting keys. */
export class IdentityKeyChangedError extends UserFacingError {
  override name = 'IdentityKeyChangedError';
  constructor(readonly userId: string, readonly email: string) {
    super(`The identity key of ${email} changed since you last shared with them. Nothing was shared: compare safety numbers with them before trusting the new key.`);
  }
}

/**
 * Pins a key. A changed key replaces the old one only with `reverified`
 * (the user compared the new safety number); otherwise it throws.
 */
export function pinContact(
  book: ContactBook, userId: string, entry: { email: string; identityPublicKey: string },
  options: { reverified?: boolean; now?: Date } = {},
): ContactBook {
  const check = checkPin(book, userId, entry.identityPublicKey);
  if (check.status === 'changed' && !options.reverified) throw new IdentityKeyChangedError(userId, check.contact.email);
  if (check.status === 'match' && !options.reverified) return book;
  const contact: Contact = {
    email: entry.email,
    identityPublicKey: entry.identityPublicKey,
    pinnedAt: (options.now ?? new Date()).toISOString(),
    verified: options.reverified ?? false,
  };
  return { ...book, contacts: { ...book.contacts, [userId]: contact } };
}

/** Parses a decrypted contact list; anything malformed is an error, not an empty list (that would unpin everyone). */
export function parseContactBook(json: string): ContactBook {
  return contactBookSchema.parse(JSON.parse(json));
}
