import 'server-only';
import { parseEnv, serverEnvSchema, type ServerEnv } from './env-schema';

let cached: ServerEnv | undefined;

/** The validated server environment (see [Note: env validation]). */
export function getServerEnv(): ServerEnv {
  cached ??= parseEnv(serverEnvSchema, process.env);
  return cached;
}

/** Tests point the server at throwaway services by changing process.env. */
export function resetServerEnvForTests(): void {
  cached = undefined;
}
