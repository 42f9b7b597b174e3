import 'server-only';
import pino, { type DestinationStream, type Logger } from 'pino';
import { logLevelSchema } from '../env-schema';

// [Note: structured logs] One JSON object per line on stdout, for operators'
// log shippers. pino writes synchronously to the file descriptor (no worker-
// thread transport, which Next's server bundle cannot load). What may appear
// in a line: a route template, never a concrete path, query string, cookie,
// body or presigned URL; stacks only for server faults (level error), never
// for a client's bad request. scripts/lib/log-audit.ts checks this after e2e.

/** A logger on `destination` (tests pass a buffer); the app uses `log` below. */
export function createLogger(destination?: DestinationStream, level = 'info'): Logger {
  return pino({ level, base: { app: 'twofold' }, timestamp: pino.stdTimeFunctions.isoTime }, destination ?? pino.destination({ fd: 1, sync: true }));
}

// LOG_LEVEL is validated with the rest of the environment at boot; here a bad
// value falls back to info rather than stopping the logger that reports it.
const parsedLevel = logLevelSchema.safeParse(process.env.LOG_LEVEL);

export const log: Logger = createLogger(undefined, parsedLevel.success ? parsedLevel.data : 'info');
