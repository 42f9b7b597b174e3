// A whole Twofold of its own (MinIO, database, app server) on free ports in a
// throwaway home, for the upload fault test, `npm run bench` and
// `npm run test:large`. MinIO can be stopped and started again on the same
// port, disks and key, to cut the store off in the middle of an upload.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLaunchConfig } from './launch-config';
import { startMinio, type RunningMinio } from './minio-process';
import { startNext } from './next-app';
import { homePaths, type HomePaths } from './paths';
import { freePort } from './proc';
import { ensureLocalSecrets, type LocalSecrets } from './secrets';
import { startBackend } from './services';

export interface Stack {
  appUrl: string;
  minioEndpoint: string;
  paths: HomePaths;
  secrets: LocalSecrets;
  appEnv: NodeJS.ProcessEnv;
  stopMinio(): Promise<void>;
  startMinio(): Promise<void>;
  stop(): Promise<void>;
}

export async function startStack(options: { parentDir?: string; appOutput?: 'inherit' | 'ignore' | string } = {}): Promise<Stack> {
  const home = mkdtempSync(join(options.parentDir ?? tmpdir(), 'twofold-stack-'));
  const paths = homePaths(home);
  const [appPort, minioPort] = [await freePort(), await freePort()];
  const config = readLaunchConfig({ PORT: String(appPort), MINIO_PORT: String(minioPort), HOST: '127.0.0.1' });
  const backend = await startBackend(config, paths, { staleUploadsExpiry: '1h' });
  const secrets = ensureLocalSecrets(paths);
  let minio: RunningMinio | undefined = backend.minio;
  let app: Awaited<ReturnType<typeof startNext>> | undefined;
  try {
    app = await startNext({ port: appPort, host: '127.0.0.1', env: backend.appEnv, output: options.appOutput ?? join(home, 'app.log') });
  } catch (error) {
    await minio?.stop();
    throw error;
  }
  return {
    appUrl: app.url,
    minioEndpoint: `http://127.0.0.1:${minioPort}`,
    paths,
    secrets,
    appEnv: backend.appEnv,
    async stopMinio() {
      await minio?.stop();
      minio = undefined;
    },
    async startMinio() {
      minio ??= await startMinio({ paths, secrets, port: minioPort, corsOrigins: [config.appOrigin], staleUploadsExpiry: '1h' });
    },
    async stop() {
      await app?.stop();
      await minio?.stop();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
