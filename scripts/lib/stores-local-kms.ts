// A throwaway local-kms for the store suites (`npm run test:stores`): one
// AES key, seeded with fresh random material, and an alias for it. Kept
// minimal on purpose; KMS provisioning itself is tested elsewhere.
import { spawn } from 'node:child_process';
import { mkdirSync, openSync, writeFileSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { localKmsBinary } from './seaweed-binary';
import { isolatedEnv, waitFor } from './proc';

export const LOCAL_KMS_REGION = 'us-east-1';
export const LOCAL_KMS_ACCOUNT = '111122223333';

export interface RunningLocalKms {
  endpoint: string;
  keyId: string;
  keyArn: string;
  alias: string;
  stop(): Promise<void>;
}

/** One KMS JSON call (local-kms does not check signatures, so none is made). */
export async function kmsCall(endpoint: string, target: string, body: object): Promise<Response> {
  return fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `TrentService.${target}` },
    body: JSON.stringify(body),
  });
}

export async function startLocalKms(dir: string, port: number): Promise<RunningLocalKms> {
  mkdirSync(join(dir, 'data'), { recursive: true });
  const keyId = randomUUID();
  const alias = 'alias/twofold-stores';
  // 0600: the seed holds the key material.
  writeFileSync(
    join(dir, 'seed.yaml'),
    `Keys:\n  Symmetric:\n    Aes:\n      - Metadata:\n          KeyId: ${keyId}\n        BackingKeys:\n          - ${randomBytes(32).toString('hex')}\nAliases:\n  - AliasName: ${alias}\n    TargetKeyId: ${keyId}\n`,
    { mode: 0o600 },
  );
  const log = openSync(join(dir, 'local-kms.log'), 'a');
  // local-kms listens on every interface (it takes a port, not an address);
  // the key is throwaway test material, so that is acceptable here.
  const child = spawn(localKmsBinary, [], {
    env: isolatedEnv({
      PORT: String(port),
      KMS_REGION: LOCAL_KMS_REGION,
      KMS_ACCOUNT_ID: LOCAL_KMS_ACCOUNT,
      KMS_DATA_PATH: join(dir, 'data'),
      KMS_SEED_PATH: join(dir, 'seed.yaml'),
    }),
    stdio: ['ignore', log, log],
  });
  let exited = false;
  const exitPromise = new Promise<void>((resolve) => child.on('exit', () => ((exited = true), resolve())));
  const endpoint = `http://127.0.0.1:${port}`;
  await waitFor('local-kms', async () => (await kmsCall(endpoint, 'DescribeKey', { KeyId: keyId })).ok, {
    gaveUp: () => (exited ? `local-kms exited during start-up; see ${join(dir, 'local-kms.log')}` : undefined),
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  return {
    endpoint,
    keyId,
    keyArn: `arn:aws:kms:${LOCAL_KMS_REGION}:${LOCAL_KMS_ACCOUNT}:key/${keyId}`,
    alias,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exitPromise;
      clearTimeout(timer);
    },
  };
}
