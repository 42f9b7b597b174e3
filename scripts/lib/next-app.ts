import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { step, timed } from './log';
import { repoRoot } from './paths';
import { run, waitFor } from './proc';

const nextBin = join(repoRoot, 'node_modules', '.bin', 'next');
const stampFile = join(repoRoot, '.next', '.twofold-build-stamp');
const SOURCES = ['app', 'proxy.ts', 'components', 'lib', 'public', 'types', 'next.config.ts', 'postcss.config.mjs', 'tsconfig.json', 'tsconfig.app.json', 'instrumentation.ts', 'package-lock.json'];

/** A digest of everything `next build` reads, so an unchanged tree is not rebuilt. */
function sourceDigest(): string {
  const hash = createHash('sha256');
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) visit(join(path, entry));
    } else {
      hash.update(relative(repoRoot, path)).update(readFileSync(path));
    }
  };
  for (const source of SOURCES) visit(join(repoRoot, source));
  return hash.digest('hex');
}

export async function ensureNextBuild(): Promise<void> {
  const digest = sourceDigest();
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === digest) {
    step('app build is up to date');
    return;
  }
  await timed('app built', async () => {
    // The build needs no secrets or storage: every server value is read at run time.
    const code = await run(nextBin, ['build'], { cwd: repoRoot, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    if (code !== 0) throw new Error('next build failed; see the output above');
  });
  writeFileSync(stampFile, digest);
}

export interface RunningApp {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startNext(options: {
  port: number;
  host: string;
  env: NodeJS.ProcessEnv;
  /** 'inherit' shows the server's output; a path collects it (tests audit it for secrets). */
  output?: 'inherit' | 'ignore' | string;
}): Promise<RunningApp> {
  const output = options.output ?? 'inherit';
  const sink = output === 'inherit' || output === 'ignore' ? output : openSync(output, 'a');
  const child = spawn(nextBin, ['start', '-p', String(options.port), '-H', options.host], {
    cwd: repoRoot,
    env: { ...options.env, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', sink, sink === 'ignore' ? 'inherit' : sink],
  });
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) => child.on('exit', (code) => ((exitCode = code), resolve())));
  const url = `http://${options.host === '127.0.0.1' ? 'localhost' : options.host}:${options.port}`;
  await waitFor('the app', async () => (await fetch(`http://127.0.0.1:${options.port}/api/health`)).status > 0, {
    gaveUp: () => (exitCode !== undefined ? `the app exited with code ${exitCode} during start-up` : undefined),
  });
  return {
    url,
    process: child,
    async stop() {
      if (exitCode !== undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
