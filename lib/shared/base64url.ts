import { z } from '@/lib/shared/zod';

// Binary values travel as base64url without padding (docs/format.md
// conventions). One place for the schemas, so every API checks them alike.

export const base64UrlChars = (bytes: number) => Math.ceil((bytes * 4) / 3);

/** At most `maxBytes` bytes of base64url. */
export const b64url = (maxBytes: number) =>
  z.string().min(1).max(base64UrlChars(maxBytes)).regex(/^[A-Za-z0-9_-]+$/, 'must be base64url without padding');

/** Exactly `bytes` bytes of base64url; `what` names the value in the error ("a link id"). */
export const b64urlExact = (bytes: number, what: string) => b64url(bytes).length(base64UrlChars(bytes), `must be ${what}`);
