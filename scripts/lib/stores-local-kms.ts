// The store suites' local-kms (`npm run test:stores`): the same server as the
// KMS provisioning tests (scripts/lib/local-kms-process.ts), seeded with one
// AES key of fresh random material and an alias for it, because SeaweedFS
// needs the key to exist before its gateway starts.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalKms } from './local-kms-process';

export const LOCAL_KMS_REGION = 'us-east-1';
export const LOCAL_KMS_ACCOUNT = '111122223333';

export interface SeededLocalKms {
  endpoint: string;
  keyId: string;
  keyArn: string;
  alias: string;
  stop(): Promise<void>;
}

export async function startSeededLocalKms(dir: string, port: number): Promise<SeededLocalKms> {
  mkdirSync(dir, { recursive: true });
  const keyId = randomUUID();
  const alias = 'alias/twofold-stores';
  const seedPath = join(dir, 'seed.yaml');
  // 0600: the seed holds the key material.
  writeFileSync(
    seedPath,
    `Keys:\n  Symmetric:\n    Aes:\n      - Metadata:\n          KeyId: ${keyId}\n        BackingKeys:\n          - ${randomBytes(32).toString('hex')}\nAliases:\n  - AliasName: ${alias}\n    TargetKeyId: ${keyId}\n`,
    { mode: 0o600 },
  );
  const kms = await startLocalKms({ dataDir: dir, port, region: LOCAL_KMS_REGION, accountId: LOCAL_KMS_ACCOUNT, seedPath });
  return {
    endpoint: kms.endpoint,
    keyId,
    keyArn: `arn:aws:kms:${LOCAL_KMS_REGION}:${LOCAL_KMS_ACCOUNT}:key/${keyId}`,
    alias,
    stop: () => kms.stop(),
  };
}
