// [Note: browser error signals] The only place that reads an error's name or
// message. Some browser APIs say what went wrong in no other way: a DOMException
// is told apart only by its name (AbortError, NotReadableError; add
// QuotaExceededError or NotAllowedError here when one is needed), and fetch rejects with a bare TypeError
// whose message is the only sign it was the network. Everything of ours is a
// class, tested with instanceof (lib/client/errors.ts).

function domExceptionNamed(error: unknown, name: string): boolean {
  // An abort reason or a clone from a worker may be a plain Error with the name.
  return (error instanceof DOMException || error instanceof Error) && error.name === name;
}

/** An AbortController's abort, a closed picker or a cancelled stream. */
export function isAbortError(error: unknown): boolean {
  return domExceptionNamed(error, 'AbortError');
}

/** A picked File can no longer be read (moved, deleted or changed on the device). */
export function isNotReadableError(error: unknown): boolean {
  return domExceptionNamed(error, 'NotReadableError');
}

/**
 * fetch failed without an HTTP answer. Browsers word it differently
 * ("Failed to fetch", "NetworkError when attempting to fetch resource",
 * "Load failed"); a TypeError from our own code has none of these.
 */
export function isNetworkFailure(error: unknown): boolean {
  return error instanceof TypeError && /fetch|network|load failed/i.test(error.message);
}
