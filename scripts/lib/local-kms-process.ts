import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { localKmsBinary } from './local-kms-binary';
import { freePort, waitFor } from './proc';

export interface LocalKmsOptions {
  /** Its LevelDB lives here; a restart on the same directory keeps every key. */
  dataDir: string;
  /** Default: a port the OS has free. */
  port?: number;
  /** Part of every key's ARN: changing it later hides the keys made before. */
  region?: string;
  accountId?: string;
  /** A seed file (keys and aliases loaded at start); by default none, so nothing outside the data directory adds keys. */
  seedPath?: string;
}

export interface RunningLocalKms {
  endpoint: string;
  region: string;
  accountId: string;
  logFile: string;
  process: ChildProcess;
  /** A client for this server. local-kms checks no signature, so the credentials are placeholders. */
  client(): KMSClient;
  stop(): Promise<void>;
}

// Placeholders, never real secrets: without them the SDK would search the
// default chain and could sign test calls with an operator's AWS credentials.
const PLACEHOLDER_CREDENTIALS = { accessKeyId: 'local-kms', secretAccessKey: 'local-kms-ignores-signatures' };

/**
 * Starts local-kms and returns once it answers a real KMS call (ListKeys).
 * [Note: local-kms binds every interface] It listens on ":PORT" and has no
 * bind-address setting, so unlike MinIO it is not loopback-only; it is for
 * tests, on a random port, holding throwaway keys.
 */
export async function startLocalKms(options: LocalKmsOptions): Promise<RunningLocalKms> {
  if (!existsSync(localKmsBinary)) throw new Error(`local-kms is not built (${localKmsBinary}); run it through \`npm test\`, which builds it`);
  mkdirSync(options.dataDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '111122223333';
  const logFile = join(options.dataDir, 'local-kms.log');
  const log = openSync(logFile, 'a');
  // Only what it reads, not the shell's environment: no AWS_* credentials reach it.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'production', // required by the project's ProcessEnv type; local-kms ignores it
    PORT: String(port),
    KMS_REGION: region,
    KMS_ACCOUNT_ID: accountId,
    KMS_DATA_PATH: join(options.dataDir, 'db'),
    // Its default seed path is /init/seed.yaml; unless a seed is asked for,
    // point it at a file that does not exist so nothing outside the data
    // directory can add keys.
    KMS_SEED_PATH: options.seedPath ?? join(options.dataDir, 'no-seed.yaml'),
  };
  const child = spawn(localKmsBinary, [], { env, stdio: ['ignore', log, log] });
  const endpoint = `http://127.0.0.1:${port}`;
  let exited = false;
  const exitPromise = new Promise<void>((resolve) => child.on('exit', () => ((exited = true), resolve())));
  const client = () => new KMSClient({ endpoint, region, credentials: PLACEHOLDER_CREDENTIALS, maxAttempts: 1 });

  const probe = client();
  try {
    await waitFor('local-kms', async () => Array.isArray((await probe.send(new ListKeysCommand({}))).Keys), {
      gaveUp: () => (exited ? `local-kms exited during start-up; see ${logFile}` : undefined),
    });
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  } finally {
    probe.destroy();
  }

  return {
    endpoint,
    region,
    accountId,
    logFile,
    process: child,
    client,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exitPromise;
      clearTimeout(timer);
    },
  };
}
