// Starts SeaweedFS (`weed mini`: master, volume, filer and S3 gateway in one
// process) on free loopback ports with its own data directory, for
// `npm run test:stores`. S3 listens twice: HTTPS (what the app uses, with a
// throwaway self-signed certificate) and plain HTTP (only to show that the
// bucket policy's non-TLS deny is enforced).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { join } from 'node:path';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { freePort, isolatedEnv, waitFor } from './proc';
import { seaweedBinary } from './seaweed-binary';
import { seaweedS3Config, type SeaweedIdentities, type SeaweedKms } from './seaweed-config';

export interface SeaweedOptions {
  dir: string;
  bucket: string;
  identities: SeaweedIdentities;
  kms: SeaweedKms;
  /**
   * SeaweedFS's CORS for buckets without a CORS configuration (-s3.allowedOrigins,
   * whose default is "*"). The tests set an origin of their own here, so that
   * what the app's origin gets can only come from the bucket's configuration.
   */
  fallbackCorsOrigin: string;
}

export interface RunningSeaweed {
  /** https://127.0.0.1:<port>: the endpoint the app and provisioning use. */
  endpoint: string;
  /** http://127.0.0.1:<port>: the same gateway without TLS. */
  plainEndpoint: string;
  /** PEM of the self-signed certificate; clients trust it via NODE_EXTRA_CA_CERTS. */
  caFile: string;
  log: string;
  stop(): Promise<void>;
}

/** A self-signed certificate for 127.0.0.1, valid for a day. */
function makeCertificate(dir: string): { cert: string; key: string } {
  const cert = join(dir, 's3-cert.pem');
  const key = join(dir, 's3-key.pem');
  const out = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert],
    { encoding: 'utf8' },
  );
  if (out.status !== 0) throw new Error(`openssl could not make the S3 test certificate: ${out.stderr.trim()}`);
  return { cert, key };
}

/** A client for the admin identity; `caFile` lets this process trust the self-signed certificate. */
export function adminClient(endpoint: string, ids: SeaweedIdentities, caFile?: string): S3Client {
  return new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: ids.admin.accessKey, secretAccessKey: ids.admin.secretKey },
    maxAttempts: 1,
    ...(caFile ? { requestHandler: { httpsAgent: new Agent({ ca: readFileSync(caFile) }) } } : {}),
  });
}

export async function startSeaweed(options: SeaweedOptions): Promise<RunningSeaweed> {
  const data = join(options.dir, 'data');
  mkdirSync(data, { recursive: true });
  const configFile = join(options.dir, 's3.json');
  writeFileSync(configFile, JSON.stringify(seaweedS3Config(options.bucket, options.identities, options.kms)), { mode: 0o600 });
  const { cert, key } = makeCertificate(options.dir);
  const ports: Record<string, number> = {};
  // Every listener on a port the OS just had free: mini would otherwise use
  // fixed defaults (8333, 9333, 8888…) shared with anything else running.
  for (const name of ['s3', 's3.https', 's3.grpc', 'master', 'master.grpc', 'volume', 'volume.grpc', 'filer', 'filer.grpc', 'admin']) {
    ports[name] = await freePort();
  }
  const args = [
    'mini',
    `-dir=${data}`,
    '-ip=127.0.0.1',
    '-ip.bind=127.0.0.1',
    `-s3.config=${configFile}`,
    `-s3.port=${ports.s3}`,
    `-s3.port.https=${ports['s3.https']}`,
    `-s3.port.grpc=${ports['s3.grpc']}`,
    `-s3.cert.file=${cert}`,
    `-s3.key.file=${key}`,
    `-s3.allowedOrigins=${options.fallbackCorsOrigin}`,
    '-s3.port.iceberg=0',
    '-s3.port.lance=0',
    '-s3.autoCreateBucket=false',
    `-master.port=${ports.master}`,
    `-master.port.grpc=${ports['master.grpc']}`,
    '-master.telemetry=false',
    `-volume.port=${ports.volume}`,
    `-volume.port.grpc=${ports['volume.grpc']}`,
    `-filer.port=${ports.filer}`,
    `-filer.port.grpc=${ports['filer.grpc']}`,
    `-admin.port=${ports.admin}`,
    '-admin.port.legacy=0',
    '-admin.ui=false',
    '-webdav=false',
  ];
  const log = join(options.dir, 'weed.log');
  const fd = openSync(log, 'a');
  const child = spawn(seaweedBinary, args, { cwd: options.dir, env: isolatedEnv({ HOME: options.dir }), stdio: ['ignore', fd, fd] });
  let exited = false;
  const exitPromise = new Promise<void>((resolve) => child.on('exit', () => ((exited = true), resolve())));
  const endpoint = `https://127.0.0.1:${ports['s3.https']}`;
  const plainEndpoint = `http://127.0.0.1:${ports.s3}`;

  // Ready means: the gateway answers a request signed by the admin
  // identity, on both listeners.
  const probes = [adminClient(plainEndpoint, options.identities), adminClient(endpoint, options.identities, cert)];
  const answers = async (client: S3Client) => Boolean(await client.send(new ListBucketsCommand({})));
  await waitFor('SeaweedFS S3', async () => (await Promise.all(probes.map(answers))).every(Boolean), {
    timeoutMs: 120_000,
    gaveUp: () => (exited ? `SeaweedFS exited during start-up; see ${log}` : undefined),
  })
    .catch((error: unknown) => {
      child.kill('SIGKILL');
      throw error;
    })
    .finally(() => probes.forEach((p) => p.destroy()));

  return {
    endpoint,
    plainEndpoint,
    caFile: cert,
    log,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exitPromise;
      clearTimeout(timer);
    },
  };
}
