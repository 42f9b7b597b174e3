import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startMinio, type RunningMinio } from '../../scripts/lib/minio-process';
import { homePaths, type HomePaths } from '../../scripts/lib/paths';
import { freePort } from '../../scripts/lib/proc';
import { provisionMinio } from '../../scripts/lib/provision-minio';
import { ensureLocalSecrets, type LocalSecrets } from '../../scripts/lib/secrets';

/**
 * A MinIO of a test's own, for tests that stop and restart the store without
 * disturbing the shared one. Restarting reuses the same port, disks and key.
 */
export class DedicatedMinio {
  readonly paths: HomePaths;
  readonly secrets: LocalSecrets;
  running?: RunningMinio;

  private constructor(readonly port: number, readonly bucket: string) {
    this.paths = homePaths(mkdtempSync(join(process.env.TWOFOLD_TEST_TMP ?? tmpdir(), 'minio-')));
    this.secrets = ensureLocalSecrets(this.paths);
  }

  static async create(bucket = 'twofold'): Promise<DedicatedMinio> {
    const m = new DedicatedMinio(await freePort(), bucket);
    await m.start();
    await provisionMinio({ endpoint: m.endpoint, bucket, secrets: m.secrets });
    return m;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.running = await startMinio({ paths: this.paths, secrets: this.secrets, port: this.port, corsOrigins: ['http://localhost'] });
  }

  async stop(): Promise<void> {
    await this.running?.stop();
    this.running = undefined;
  }
}
