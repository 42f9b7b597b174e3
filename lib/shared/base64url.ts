import { z } from '@/lib/shared/zod';

// Binary values travel as base64url without padding (docs/format.md
// conventions). One place for the schemas, so every API checks them alike.
// Canonical only, as lib/crypto/bytes.ts decodes them ([Note: canonical
// base64url]): no padding, and the unused low bits of the last character are
// zero, so a value has one text form and the server never accepts a string
// that the client would refuse to decode.
export const CANONICAL_BASE64URL = /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-][AQgw]|[A-Za-z0-9_-]{2}[AEIMQUYcgkosw048])?$/;

export const base64UrlChars = (bytes: number) => Math.ceil((bytes * 4) / 3);

/** At most `maxBytes` bytes of base64url. */
export const b64url = (maxBytes: number) =>
  z.string().min(1).max(base64UrlChars(maxBytes)).regex(CANONICAL_BASE64URL, 'must be canonical base64url without padding');

/** Exactly `bytes` bytes of base64url; `what` names the value in the error ("a link id"). */
export const b64urlExact = (bytes: number, what: string) => b64url(bytes).length(base64UrlChars(bytes), `must be ${what}`);
