import 'server-only';
import { AppError } from '../errors';

/**
 * Runs an @serenity-kit/opaque server function on a client's message. Those
 * functions throw on a message that does not deserialize (a wrong length, a
 * point not on the curve); that is the client's fault, so it is a 400, not
 * the 500 an unknown error becomes. Only call it with the client's input as
 * the one thing that can be malformed: the server setup and stored records
 * are ours.
 */
export function withClientOpaqueMessage<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (cause) {
    throw new AppError('bad_request', `invalid request: ${what} is not a valid OPAQUE message`, {}, { cause });
  }
}
