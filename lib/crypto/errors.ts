// Authentication failures all surface as one IntegrityError with one message,
// so no caller (and no attacker watching a caller) learns which byte, chunk or
// field failed (docs/format.md conventions).
const INTEGRITY_MESSAGE = 'Data failed an integrity check: it is damaged, was tampered with, or the key is wrong';

export class IntegrityError extends Error {
  constructor(options?: { cause?: unknown }) {
    // The cause is kept for debugging in-process; it never reaches the message.
    super(INTEGRITY_MESSAGE, options);
    this.name = 'IntegrityError';
  }
}

// A header or document that cannot be parsed. Its fields are public (magic,
// version, suite, chunk size), so naming the field helps users on an old
// client without helping an attacker.
export class FormatError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FormatError';
  }
}
