// Canonical encodings (docs/format.md conventions and §4): base64url has one
// text form per byte string, in lib/crypto and in the API schemas alike, and
// the metadata document has one meaning: no duplicate keys, plain integers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '@/lib/crypto/bytes';
import { FormatError } from '@/lib/crypto/errors';
import { parseFlatJsonObject } from '@/lib/crypto/metadata-json';
import { b64url } from '@/lib/shared/base64url';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const schema = b64url(64);

function decodes(text: string): boolean {
  try {
    fromBase64Url(text);
    return true;
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    return false;
  }
}

describe('base64url', () => {
  it('round-trips every byte string and accepts only the form it encodes to', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
      const text = toBase64Url(bytes);
      expect(fromBase64Url(text)).toEqual(bytes);
    }));
    // Every 2- and 3-character tail: accepted iff re-encoding gives it back.
    for (const a of ALPHABET) {
      for (const b of ALPHABET) {
        for (const text of [`${a}${b}`, `AA${a}${b}`.slice(1)]) {
          const canonical = decodes(text) && toBase64Url(fromBase64Url(text)) === text;
          expect(decodes(text)).toBe(canonical);
          expect(decodes(text)).toBe(Buffer.from(Buffer.from(text, 'base64url')).toString('base64url') === text);
        }
      }
    }
  });

  it('refuses padding, other alphabets, whitespace and impossible lengths', () => {
    for (const text of ['AB', 'AAB', 'AA==', 'AAA=', 'A', 'AAAAA', 'AA+A', 'AA/A', 'AA AA', 'AAAA\n', '=']) expect(decodes(text)).toBe(false);
    expect(fromBase64Url('AA')).toEqual(new Uint8Array([0]));
    expect(fromBase64Url('')).toEqual(new Uint8Array(0));
  });

  it('the API schemas accept exactly what lib/crypto decodes', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...ALPHABET, '=', '+', ' '), minLength: 1, maxLength: 12 }), (text) => {
      expect(schema.safeParse(text).success).toBe(decodes(text));
    }));
    expect(schema.safeParse('AB').success).toBe(false);
    expect(schema.safeParse('AA').success).toBe(true);
  });
});

describe('metadata JSON reader', () => {
  const format = (text: string) => expect(() => parseFlatJsonObject(text)).toThrow(FormatError);

  it('reads what JSON.stringify writes for any valid metadata', () => {
    fc.assert(fc.property(
      fc.string(), fc.string(), fc.nat({ max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
      (name, type, size, mtime) => {
        const doc = { name, type, size, mtime };
        expect({ ...parseFlatJsonObject(JSON.stringify(doc)) }).toEqual(doc);
      },
    ));
  });

  it('refuses duplicate keys, also when spelled with escapes', () => {
    format('{"a":1,"a":1}');
    format('{"name":"x","n\\u0061me":"y"}');
  });

  it('refuses fractions, exponents, leading zeros, -0 and unsafe integers', () => {
    for (const n of ['1.0', '1.5', '1e3', '1E3', '01', '-0', '+1', '9007199254740992', '-9007199254740992', '1e400']) format(`{"a":${n}}`);
    expect(parseFlatJsonObject('{"a":9007199254740991,"b":-9007199254740991}')).toEqual({ a: 2 ** 53 - 1, b: -(2 ** 53 - 1) });
  });

  it('refuses nesting, other value types, trailing data and raw control characters', () => {
    for (const text of ['{"a":{}}', '{"a":[]}', '{"a":true}', '{"a":null}', '{"a":1}x', '{"a":1},', '[]', '', '{"a":"\u0001"}', '{"a":1,}', '{"a" 1}']) format(text);
  });
});
