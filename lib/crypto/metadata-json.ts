// Strict reader for the metadata document (docs/format.md §4). JSON.parse
// keeps the last of two equal keys and reads 1e3, 1.0 and 2^60 as numbers;
// an independent decoder may do otherwise, so one document could mean two
// things. This reader accepts exactly one flat object whose values are
// strings or integers written as plain decimal digits, with no key twice
// (compared after unescaping), and nothing else.
import { FormatError } from './errors';

// RFC 8259 string token: no raw control characters, only the listed escapes.
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
// Integers only: no fraction, no exponent, no leading zeros, no plus sign, no -0.
const INTEGER = /(?:0|-?[1-9][0-9]*)(?![0-9.eE+-])/y;
const WHITESPACE = /[ \t\n\r]*/y;

export type FlatJsonValue = string | number;

export function parseFlatJsonObject(text: string): Record<string, FlatJsonValue> {
  let at = 0;
  const skip = () => {
    WHITESPACE.lastIndex = at;
    WHITESPACE.exec(text);
    at = WHITESPACE.lastIndex;
  };
  const token = (pattern: RegExp): string | undefined => {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (match === null) return undefined;
    at = pattern.lastIndex;
    return match[0];
  };
  const expect = (char: string) => {
    skip();
    if (text[at] !== char) throw new FormatError(`metadata: expected '${char}' at ${at}`);
    at++;
  };
  // null prototype: a key named __proto__ is an ordinary (unknown) key.
  const out = Object.create(null) as Record<string, FlatJsonValue>;
  expect('{');
  skip();
  if (text[at] === '}') {
    at++;
  } else {
    for (;;) {
      skip();
      const rawKey = token(STRING);
      if (rawKey === undefined) throw new FormatError(`metadata: expected a key at ${at}`);
      const key = JSON.parse(rawKey) as string;
      if (Object.hasOwn(out, key)) throw new FormatError(`metadata: duplicate key ${rawKey}`);
      expect(':');
      skip();
      const rawString = token(STRING);
      if (rawString !== undefined) {
        out[key] = JSON.parse(rawString) as string;
      } else {
        const rawInteger = token(INTEGER);
        if (rawInteger === undefined) throw new FormatError(`metadata: value of ${rawKey} is not a string or a plain integer`);
        const value = Number(rawInteger);
        if (!Number.isSafeInteger(value)) throw new FormatError(`metadata: ${rawKey} is outside the safe integer range`);
        out[key] = value;
      }
      skip();
      if (text[at] === ',') {
        at++;
        continue;
      }
      expect('}');
      break;
    }
  }
  skip();
  if (at !== text.length) throw new FormatError('metadata: trailing data after the object');
  return out;
}
