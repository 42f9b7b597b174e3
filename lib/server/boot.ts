import 'server-only';
import { getServerEnv } from './env';
import { ConfigError } from './env-schema';

/** Validates the environment once at boot; a bad one stops the server with one line. */
export function validateEnvAtBoot(): void {
  try {
    getServerEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`twofold: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
