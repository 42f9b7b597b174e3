import 'server-only';
import { getServerEnv } from './env';
import { ConfigError } from './env-schema';
import { log } from './log/logger';

/** Validates the environment once at boot; a bad one stops the server with one line. */
export function validateEnvAtBoot(): void {
  try {
    getServerEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      log.fatal(error.message);
      process.exit(1);
    }
    throw error;
  }
}
