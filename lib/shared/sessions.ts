import { z } from '@/lib/shared/zod';

// The signed-in sessions API (GET/DELETE /api/account/sessions…), see
// [Note: session records] in lib/server/db/schema-sessions.ts.

export const sessionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'must be a session id');

export const sessionJson = z.strictObject({
  id: sessionIdSchema,
  /** "Firefox on Linux": parsed from the User-Agent at sign-in. */
  device: z.string(),
  /** "203.0.113.0/24" or "2001:db8:1::/48": never a full address. */
  ipPrefix: z.string(),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  /** The session making this request. */
  current: z.boolean(),
});
export type SessionJson = z.infer<typeof sessionJson>;

export const sessionListResponse = z.strictObject({ sessions: z.array(sessionJson) });
