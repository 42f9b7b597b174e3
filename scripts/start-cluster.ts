// `npm run start:cluster`: Twofold as it runs with more than one app server.
// PostgreSQL (DATABASE_URL, or a cluster of our own in TWOFOLD_HOME), the
// embedded MinIO (or the external bucket), two app servers with the same
// secrets on that one database and bucket, and nginx in front of them,
// round-robin on APP_ORIGIN's port. Ctrl-C / SIGTERM stop nginx first, then
// the apps (each drains its in-flight requests), then MinIO and PostgreSQL.
import { join } from 'node:path';
import { ConfigError } from '../lib/server/env-schema';
import { readLaunchConfig } from './lib/launch-config';
import { step, timed } from './lib/log';
import { ensureNextBuild, startNext, type RunningApp } from './lib/next-app';
import { startNginx, type RunningNginx } from './lib/nginx';
import { homePaths } from './lib/paths';
import { ensureDatabase, startPostgres, type RunningPostgres } from './lib/postgres';
import { freePort } from './lib/proc';
import { startBackend, type Backend } from './lib/services';
import { ensureClusterPackages } from './lib/system-deps';

const started = performance.now();
const paths = homePaths();
const stops: Array<{ what: string; stop: () => Promise<void> }> = [];
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (stopping) process.exit(code);
  stopping = true;
  // Reverse start order: the balancer stops taking requests before the apps drain.
  for (const { what, stop } of stops.reverse()) {
    await timed(`${what} stopped`, stop).catch((error: unknown) => console.error(`stopping ${what}:`, error));
  }
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

function instancePorts(front: number): number[] {
  const raw = process.env.CLUSTER_APP_PORTS;
  const ports = raw ? raw.split(',').map(Number) : [front + 1, front + 2];
  if (ports.length < 2 || ports.some((p) => !Number.isInteger(p) || p < 1 || p > 65535 || p === front)) {
    throw new ConfigError('CLUSTER_APP_PORTS: expected two or more comma-separated ports other than PORT');
  }
  return ports;
}

try {
  const external = readLaunchConfig();
  const ports = instancePorts(external.PORT);
  await timed('system packages present (postgresql, nginx)', () => ensureClusterPackages(!external.DATABASE_URL));

  let databaseUrl = external.DATABASE_URL;
  if (!databaseUrl) {
    const pg: RunningPostgres = await timed('PostgreSQL started', async () =>
      startPostgres(join(paths.home, 'cluster-postgres'), Number(process.env.CLUSTER_PG_PORT ?? (await freePort()))),
    );
    stops.push({ what: 'PostgreSQL', stop: () => pg.stop() });
    databaseUrl = await ensureDatabase(pg.url, 'twofold');
  }
  // One config for every instance: the same origin (the balancer's), database, bucket and secrets.
  const config = readLaunchConfig({ ...process.env, DATABASE_URL: databaseUrl });
  step(`storage mode: ${config.mode === 'minio' ? 'embedded MinIO with builtin KMS' : `external S3 bucket ${config.S3_BUCKET}`}`);
  const [backendResult, built] = await Promise.allSettled([startBackend(config, paths), ensureNextBuild()]);
  if (backendResult.status === 'fulfilled') {
    const backend: Backend = backendResult.value;
    stops.push({ what: 'storage', stop: () => backend.stop() });
  }
  for (const result of [backendResult, built]) if (result.status === 'rejected') throw result.reason;
  const appEnv = { ...(backendResult as PromiseFulfilledResult<Backend>).value.appEnv, PGLITE_DIR: undefined, TRUSTED_PROXIES: '1' };

  const apps: RunningApp[] = await timed(`${ports.length} app servers started`, () =>
    Promise.all(ports.map((port) => startNext({ port, host: '127.0.0.1', env: { ...appEnv, PORT: String(port) } }))),
  );
  apps.forEach((app, i) => {
    stops.push({ what: `app server ${i + 1} (${app.url})`, stop: () => app.stop() });
    app.process.on('exit', (code) => {
      if (!stopping) {
        step(`app server ${i + 1} exited (code ${code ?? 'signal'})`);
        void shutdown(code || 1);
      }
    });
  });

  const nginx: RunningNginx = await timed(`nginx balancing on ${config.HOST}:${config.PORT}`, () =>
    startNginx({ dir: join(paths.home, 'cluster-nginx'), host: config.HOST, port: config.PORT, upstreams: ports.map((p) => `127.0.0.1:${p}`) }),
  );
  stops.push({ what: 'nginx', stop: () => nginx.stop() });
  step(`ready in ${((performance.now() - started) / 1000).toFixed(1)} s: ${config.appOrigin} → ${apps.map((a) => a.url).join(', ')}  (Ctrl-C stops everything)`);
} catch (error) {
  if (error instanceof ConfigError) {
    step(error.message);
    await shutdown(1);
  }
  console.error(error);
  await shutdown(1);
}
