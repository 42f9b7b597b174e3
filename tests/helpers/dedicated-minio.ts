import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { GetBucketEncryptionCommand, S3Client } from '@aws-sdk/client-s3';
import { startMinio, type RunningMinio } from '../../scripts/lib/minio-process';
import { homePaths, type HomePaths } from '../../scripts/lib/paths';
import { freePort, waitFor } from '../../scripts/lib/proc';
import { provisionMinio } from '../../scripts/lib/provision-minio';
import { ensureLocalSecrets, type LocalSecrets } from '../../scripts/lib/secrets';
import type { SseMode } from '@/lib/shared/sse-mode';

/**
 * A MinIO of a test's own, for tests that stop and restart the store without
 * disturbing the shared one. Restarting reuses the same port, disks and key.
 */
export class DedicatedMinio {
  readonly paths: HomePaths;
  readonly secrets: LocalSecrets;
  running?: RunningMinio;
  private provisioned = false;

  private constructor(readonly port: number, readonly bucket: string, readonly sseMode: SseMode) {
    this.paths = homePaths(mkdtempSync(join(process.env.TWOFOLD_TEST_TMP ?? tmpdir(), 'minio-')));
    this.secrets = ensureLocalSecrets(this.paths);
  }

  /** `sseMode` sets the bucket default and the app user's policy (scripts/lib/provision-minio.ts). */
  static async create(bucket = 'twofold', sseMode: SseMode = 'aws:kms'): Promise<DedicatedMinio> {
    const m = new DedicatedMinio(await freePort(), bucket, sseMode);
    await m.start();
    await provisionMinio({ endpoint: m.endpoint, bucket, secrets: m.secrets, sseMode });
    m.provisioned = true;
    return m;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /**
   * Returns once MinIO serves the app's own credentials. /minio/health/ready
   * answers before a restarted MinIO has loaded its IAM users, and a test that
   * asks the app to read the bucket in that window sees a 503 that a person
   * would never see, because they would retry.
   */
  async start(): Promise<void> {
    this.running = await startMinio({ paths: this.paths, secrets: this.secrets, port: this.port, corsOrigins: ['http://localhost'] });
    if (!this.provisioned) return;
    const s3 = new S3Client({
      endpoint: this.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: this.secrets.appUser, secretAccessKey: this.secrets.appPassword },
    });
    try {
      await waitFor('MinIO (app user)', async () => {
        const out = await s3.send(new GetBucketEncryptionCommand({ Bucket: this.bucket }));
        return out.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm === this.sseMode;
      });
    } finally {
      s3.destroy();
    }
  }

  async stop(): Promise<void> {
    await this.running?.stop();
    this.running = undefined;
  }
}
