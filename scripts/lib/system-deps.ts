import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { step } from './log';
import { nginxPath } from './nginx';
import { run } from './proc';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function postgresBinDir(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const dir = join(base, v, 'bin');
    if (existsSync(join(dir, 'initdb'))) return dir;
  }
  return undefined;
}

/**
 * The test suites need Debian's Chromium (Playwright cannot download its own
 * browser here), PostgreSQL and Info-ZIP's unzip (the zip tests read the
 * browser's zips with a real extractor). As root they are installed with apt-get;
 * otherwise the message says what to install.
 */
export async function ensureSystemPackages(): Promise<void> {
  const missing: string[] = [];
  if (!existsSync(chromiumPath)) missing.push('chromium');
  if (!postgresBinDir()) missing.push('postgresql');
  if (!['/usr/bin/unzip', '/bin/unzip'].some((p) => existsSync(p))) missing.push('unzip');
  // The cluster e2e block puts two app servers behind nginx.
  if (!existsSync(nginxPath)) missing.push('nginx');
  await installMissing(missing, 'npm test');
}

/** `npm run start:cluster` needs PostgreSQL (unless DATABASE_URL is set) and nginx. */
export async function ensureClusterPackages(needPostgres: boolean): Promise<void> {
  const missing: string[] = [];
  if (needPostgres && !postgresBinDir()) missing.push('postgresql');
  if (!existsSync(nginxPath)) missing.push('nginx');
  await installMissing(missing, 'npm run start:cluster');
}

async function installMissing(missing: string[], command: string): Promise<void> {
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing system packages: ${missing.join(', ')}. Install them (e.g. sudo apt-get install ${missing.join(' ')}) and run ${command} again.`);
  }
  step(`installing ${missing.join(', ')} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if ((await run('apt-get', ['update', '-qq'], { env })) !== 0) throw new Error('apt-get update failed');
  if ((await run('apt-get', ['install', '-y', '-qq', ...missing], { env })) !== 0) {
    throw new Error(`apt-get install ${missing.join(' ')} failed`);
  }
}
