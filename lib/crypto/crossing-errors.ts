// [Note: errors crossing a worker] Structured clone keeps an Error's name only
// when it is one of JavaScript's own (Error, TypeError, RangeError...):
// Chromium delivers an IntegrityError that errored a transferred stream as a
// plain Error, and the download engine could no longer tell damage from a
// network failure. A stream that crosses therefore errors with a tagged
// record of name and message, and the receiving side turns it back into an
// Error of that name. Only name and message cross, as in worker-protocol.ts:
// IntegrityError's message is generic by design.

export interface CrossingError {
  twofoldError: { name: string; message: string };
}

export function errorForCrossing(reason: unknown): CrossingError {
  const { name, message } = reason instanceof Error ? reason : new Error(String(reason));
  return { twofoldError: { name, message } };
}

function isCrossingError(reason: unknown): reason is CrossingError {
  if (reason === null || typeof reason !== 'object' || !('twofoldError' in reason)) return false;
  const inner = (reason as CrossingError).twofoldError as unknown;
  return inner !== null && typeof inner === 'object'
    && typeof (inner as Record<string, unknown>).name === 'string' && typeof (inner as Record<string, unknown>).message === 'string';
}

/** An Error with the name that crossed; anything else (an AbortError made on this side) as it is. */
export function errorFromCrossing(reason: unknown): unknown {
  if (!isCrossingError(reason)) return reason;
  const error = new Error(reason.twofoldError.message);
  error.name = reason.twofoldError.name;
  return error;
}

/**
 * The same chunks as `source`, read only when the consumer pulls (no queue of
 * its own, so backpressure passes straight through), erroring with
 * `mapError(reason)` when the source errors. Cancelling it cancels the source.
 * `stopped`, when given, is a promise that rejects if the thread behind the
 * source goes away and will never answer: a pending read then fails with its reason.
 */
export function mapStreamErrors<T>(
  source: ReadableStream<T> | Promise<ReadableStream<T>>,
  mapError: (reason: unknown) => unknown,
  stopped?: Promise<never>,
): ReadableStream<T> {
  const opened = Promise.resolve(source).then((stream) => stream.getReader());
  opened.catch(() => undefined); // surfaced by the first pull
  const read = (reader: ReadableStreamDefaultReader<T>) => (stopped ? Promise.race([reader.read(), stopped]) : reader.read());
  return new ReadableStream<T>({
    async pull(controller) {
      try {
        const { done, value } = await read(await opened);
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (reason) {
        controller.error(mapError(reason));
      }
    },
    async cancel(reason) {
      const reader = await opened.catch(() => undefined);
      await reader?.cancel(reason);
    },
  }, { highWaterMark: 0 });
}
