// fast-check arbitraries for the route fuzzer: bodies derived from each
// route's zod schema (z.toJSONSchema), then bent out of shape one field at a
// time, plus path params and raw bodies that no schema would produce.
import fc from 'fast-check';
import { z } from 'zod';
import { CANONICAL_BASE64URL } from '@/lib/shared/base64url';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
};

const B64URL = '^[A-Za-z0-9_-]+$';
const b64Chars = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'];
/**
 * Canonical base64url (lib/shared/base64url.ts) of any byte length whose text
 * length falls in [minChars, maxChars]: built from bytes, so it is valid by
 * construction rather than found by rejection.
 */
function canonicalB64urlOfLength(minChars: number, maxChars: number): fc.Arbitrary<string> {
  const chars = (n: number) => Math.ceil((n * 4) / 3);
  let minBytes = Math.floor((minChars * 3) / 4);
  while (chars(minBytes) < minChars) minBytes += 1;
  let maxBytes = Math.floor((maxChars * 3) / 4);
  while (maxBytes > minBytes && chars(maxBytes) > maxChars) maxBytes -= 1;
  return fc.integer({ min: Math.max(minBytes, 1), max: Math.max(maxBytes, minBytes, 1) }).chain(b64urlOfBytes);
}

const b64urlOfBytes = (bytes: number) => fc.uint8Array({ minLength: bytes, maxLength: bytes }).map((b) => Buffer.from(b).toString('base64url'));

/** Strings a handler must survive: control characters (NUL above all), odd Unicode, sizes. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', '\0', 'a\0b', '\u0001', '\u202e', '\ud800', '%00', '../../etc/passwd', ' ', 'null', '00000000-0000-0000-0000-000000000000\0'),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.uuid().map((u) => `${u}\0`),
  fc.nat({ max: 70_000 }).map((n) => 'A'.repeat(n)),
);

const plainEmail = fc.tuple(fc.stringMatching(/^[a-z0-9]{1,12}$/), fc.stringMatching(/^[a-z]{1,8}$/))
  .map(([local, domain]) => `fuzz-${local}@${domain}.example`);

/** Any JSON value, of any type: what a confused or hostile client sends in place of a field. */
export const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.constantFrom(null, true, false, 0, -1, 1e308, -0, 2 ** 53 + 1, 0.5, [], {}),
  fc.jsonValue({ maxDepth: 3 }),
);

function stringFor(schema: JsonSchema, key: string): fc.Arbitrary<string> {
  // Plain addresses get past zod's email check (fast-check's RFC-exotic ones mostly do not).
  if (key === 'email') return fc.oneof({ arbitrary: plainEmail, weight: 4 }, nastyString);
  if (schema.format === 'uuid') return fc.uuid();
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? min + 64, min + 128);
  if (schema.pattern === B64URL) {
    // OPAQUE messages of the protocol's exact sizes are the interesting ones:
    // random bytes there are well-formed base64url but not valid curve points.
    const random = fc.string({ unit: fc.constantFrom(...b64Chars), minLength: Math.max(min, 1), maxLength: Math.max(max, 1) });
    return /Request$|Record$|Response$/.test(key) ? fc.oneof(random, b64urlOfBytes(32), b64urlOfBytes(96), b64urlOfBytes(192)) : random;
  }
  if (schema.pattern === CANONICAL_BASE64URL.source) return canonicalB64urlOfLength(min, max);
  // No length filter on a pattern: a filter that rarely passes never returns,
  // and a synchronous loop there blocks the event loop so no test timeout can
  // fire (stop 17's CI hung this way). A string of the wrong length is still
  // a fine request to send; the handler must answer it with a 400.
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern), { maxLength: max });
  return fc.string({ minLength: min, maxLength: max });
}

/** Values the schema accepts (roughly: refinements aside), so handlers get past parsing. */
export function fromJsonSchema(schema: JsonSchema, key = ''): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => fromJsonSchema(s, key)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const props = schema.properties ?? {};
      const record = Object.fromEntries(Object.entries(props).map(([k, s]) => [k, fromJsonSchema(s, k)]));
      return fc.record(record, { requiredKeys: (schema.required ?? []).filter((k) => k in props) });
    }
    case 'array':
      return fc.array(fromJsonSchema(schema.items ?? {}, key), { minLength: schema.minItems ?? 0, maxLength: Math.max(Math.min(schema.maxItems ?? 4, 4), schema.minItems ?? 0) });
    case 'string':
      return stringFor(schema, key);
    case 'integer': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -(2 ** 31));
      return fc.integer({ min: Math.max(min, Number.MIN_SAFE_INTEGER), max: Math.min(schema.maximum ?? 2 ** 31, Number.MAX_SAFE_INTEGER) });
    }
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return junkValue;
  }
}

/** Near-valid bodies for a request schema: valid, one field wrong, one missing, one extra, or junk. */
export function bodyFor(schema: z.ZodType): fc.Arbitrary<unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const valid = fromJsonSchema(json);
  const keys = Object.keys(json.properties ?? {});
  // Mostly valid, so that most requests get past parsing into the handler's own logic.
  const variants: Array<fc.WeightedArbitrary<unknown>> = [{ arbitrary: valid, weight: 4 }, { arbitrary: junkValue, weight: 1 }];
  if (keys.length > 0) {
    const asObject = valid.map((v) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {}));
    variants.push(
      { arbitrary: fc.tuple(asObject, fc.constantFrom(...keys), junkValue).map(([v, k, junk]) => ({ ...v, [k]: junk })), weight: 2 },
      { arbitrary: fc.tuple(asObject, fc.constantFrom(...keys)).map(([v, k]) => Object.fromEntries(Object.entries(v).filter(([key]) => key !== k))), weight: 1 },
      { arbitrary: fc.tuple(asObject, fc.string({ maxLength: 12 }), junkValue).map(([v, k, junk]) => ({ ...v, [k]: junk })), weight: 1 },
    );
  }
  return fc.oneof(...variants);
}

/** A path segment for a [param]: plausible ids, hostile strings (encoded), and raw undecodable escapes. */
export const paramSegment: fc.Arbitrary<string> = fc.oneof(
  fc.uuid(),
  b64urlOfBytes(16),
  nastyString.map((s) => {
    try {
      return encodeURIComponent(s.slice(0, 2000)) || '%20';
    } catch {
      return '%ff'; // a lone surrogate has no UTF-8 form
    }
  }),
  fc.constantFrom('%ff', '%zz', '%', '%E2%82', '%00', '%C0%AF', 'a%2Fb', '%25ff'),
);

/** Raw bodies with a content type: the bytes no JSON.stringify would produce. */
export const rawBody: fc.Arbitrary<{ contentType?: string; data: Buffer }> = fc.oneof(
  fc.constantFrom('', '{', '{"a":', 'null', '[]', '1', '"x"', '{"__proto__":{"x":1}}', '\0', '[[[[[[[[[[[[[[[[[[[[', '{}}')
    .map((s) => ({ contentType: 'application/json', data: Buffer.from(s) })),
  fc.uint8Array({ maxLength: 256 }).map((b) => ({ contentType: 'application/json', data: Buffer.from(b) })),
  fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', undefined)
    .chain((contentType) => fc.string({ maxLength: 64 }).map((s) => ({ contentType, data: Buffer.from(s) }))),
  fc.constant({ contentType: 'application/json', data: Buffer.from(`{"a":"${'A'.repeat(70 * 1024)}"}`) }),
  fc.constant({ contentType: 'application/json', data: Buffer.from(`${'['.repeat(5000)}${']'.repeat(5000)}`) }),
);
