import 'server-only';
import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// Tables are added by later migrations (files, shares); this one
// records facts about the installation itself, e.g. when it was created, so
// a restart can be shown to keep the database.
export const instance = pgTable('instance', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

// ── Accounts (docs/accounts.md). Nothing here can be attacked offline on its
// own: OPAQUE records need the server setup's OPRF seed (kept outside the DB,
// OPAQUE_SERVER_SETUP) and wrapped keys need the user's password or recovery key.

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  /** Normalised (trimmed, lower-case). */
  email: text('email').notNull().unique(),
  /** The KDF/OPAQUE parameters this user's record was made with (lib/shared/kdf-params.ts). */
  kdfParams: jsonb('kdf_params').notNull(),
  /** SHA-256 of the recovery auth token, itself HKDF of the 160-bit recovery key. */
  recoveryAuthHash: text('recovery_auth_hash').notNull(),
  /**
   * A regenerated recovery key's hash, until the user confirms they saved it:
   * only then does it replace recoveryAuthHash, so the old key works until
   * the new one is safely kept (docs/accounts.md).
   */
  pendingRecoveryAuthHash: text('pending_recovery_auth_hash'),
  /** Null until the user confirms a saved recovery key; the vault keeps asking until then. */
  recoveryConfirmedAt: timestamp('recovery_confirmed_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const opaqueRecords = pgTable('opaque_records', {
  userId: text('user_id').primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  registrationRecord: text('registration_record').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

// Every binary column is base64url text: the blobs of docs/format.md §2-§5.
export const userKeys = pgTable('user_keys', {
  userId: text('user_id').primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  wrappedRootKeyPassword: text('wrapped_root_key_password').notNull(),
  wrappedRootKeyRecovery: text('wrapped_root_key_recovery').notNull(),
  /** The root key under a regenerated recovery key, until confirmed (users.pendingRecoveryAuthHash). */
  pendingWrappedRootKeyRecovery: text('pending_wrapped_root_key_recovery'),
  hpkePublicKey: text('hpke_public_key').notNull(),
  wrappedHpkePrivateKey: text('wrapped_hpke_private_key').notNull(),
  identityPublicKey: text('identity_public_key').notNull(),
  wrappedIdentityPrivateKey: text('wrapped_identity_private_key').notNull(),
  hpkeKeyBindingSignature: text('hpke_key_binding_signature').notNull(),
  // A file key wrapped under the root key plus metadata it encrypts, made at
  // sign-up: every unlock decrypts it, proving the root key survived password
  // changes and recoveries unchanged.
  keyCheckId: text('key_check_id').notNull(),
  keyCheckWrappedFileKey: text('key_check_wrapped_file_key').notNull(),
  keyCheckMetadata: text('key_check_metadata').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Short-lived server state of a multi-step protocol: an OPAQUE login between
 * start and finish, a registration's issued user id, a verified recovery.
 * In the DB (not memory) so a restart or a second instance can finish it.
 */
export const authStates = pgTable('auth_states', {
  id: text('id').primaryKey(),
  purpose: text('purpose', { enum: ['sign-in', 'reauth', 'registration', 'recovery'] }).notNull(),
  /** Null for a sign-in of an unknown email (fake record), which can never finish. */
  userId: text('user_id'),
  email: text('email'),
  /** OPAQUE serverLoginState (sign-in, reauth) */
  serverState: text('server_state'),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
}, (t) => [index('auth_states_expires_at_idx').on(t.expiresAt)]);

/** Fixed-window counters of failed (not yet succeeded) attempts, per account and per IP. */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  count: integer('count').notNull(),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
});
export * from './schema-folders';
export * from './schema-files';
export * from './schema-shares';
export * from './schema-links';
export * from './schema-folder-sharing';
export * from './schema-sessions';
