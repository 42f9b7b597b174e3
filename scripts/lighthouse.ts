// `npm run lighthouse`: Lighthouse's accessibility, best-practices and CLS
// figures (issue 11) for the vault page at phone width, and for the landing
// page and sign-in beside it. A stack of its own (MinIO, the app as a
// production build, as `npm run bench`), a fresh user signed up in Debian's
// Chromium with a few files uploaded, then Lighthouse (Node API) in the SAME
// browser over its debugging port: a Puppeteer tab in the signed-up profile
// has the session cookie and the device key in IndexedDB, so /vault opens
// unlocked. The landing page and sign-in are audited in a fresh browser
// context, as a visitor who is signed out sees them.
//
// Each page is audited in the light and the dark theme. It measures and
// does not assert: low scores exit 0. It prints a table and writes each
// report (JSON), Lighthouse's final frame (JPEG) and a PNG of the audited
// tab under .twofold/lighthouse/. It fails only when the audit did not see the page
// it names (the vault's "My files" heading, the sign-in form), since then
// the figures would be of the wrong page.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect } from '@playwright/test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { confirmRecoveryKey, expectUnlocked, signUp, uniqueEmail } from '../tests/e2e/account-helpers';
import { fileList, filePicker } from '../tests/e2e/vault-helpers';
import { CHROMIUM_ARGS } from '../tests/e2e/fixtures/chromium';
import { auditPage, figures, finalScreenshot, PHONE, type PageFigures } from './lib/lighthouse-audit';
import { step } from './lib/log';
import { ensureNextBuild } from './lib/next-app';
import { repoRoot } from './lib/paths';
import { freePort } from './lib/proc';
import { startStack } from './lib/stack';
import { chromiumPath } from './lib/system-deps';

const outDir = join(repoRoot, '.twofold', 'lighthouse');

interface Run {
  name: string;
  path: string;
  /** What must be on the page Lighthouse audited, read from the same tab after the run. */
  heading: string;
  signedIn: boolean;
  /** The OS asks for dark; the theme follows it (System is the default choice, app/globals.css [Note: themes]). */
  dark: boolean;
}

const PAGES = [
  { name: 'vault', path: '/vault', heading: 'My files', signedIn: true },
  { name: 'landing', path: '/', heading: 'An end-to-end encrypted vault for your files.', signedIn: false },
  { name: 'sign-in', path: '/sign-in', heading: 'Sign in', signedIn: false },
];
// Each page in both themes: contrast is where the dark palette could fail on its own.
const RUNS: Run[] = [false, true].flatMap((dark) => PAGES.map((p) => ({ ...p, name: dark ? `${p.name} (dark)` : p.name, dark })));

const UPLOADS = ['notes.txt', 'budget-2026.csv', 'holiday photo.jpg'];

async function headings(page: Page): Promise<string[]> {
  return page.$$eval('h1, h2', (nodes) => nodes.map((n) => (n.textContent ?? '').trim()));
}

async function auditOne(browser: Browser, run: Run, url: string): Promise<PageFigures> {
  // A signed-out visitor gets a context of its own; the signed-in user's tab opens in the profile's default one.
  const context = run.signedIn ? browser.defaultBrowserContext() : await browser.createBrowserContext();
  const page = await context.newPage();
  try {
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: run.dark ? 'dark' : 'light' }]);
    step(`Lighthouse: ${run.name} (${url}), mobile, ${PHONE.width}×${PHONE.height}`);
    const lhr = await auditPage(page, url);
    const stamp = run.name.replace(/[^a-z0-9-]+/g, '-').replace(/-$/, '');
    writeFileSync(join(outDir, `${stamp}.report.json`), JSON.stringify(lhr, null, 2));
    const shot = finalScreenshot(lhr);
    if (shot) writeFileSync(join(outDir, `${stamp}.final.jpg`), shot);
    // The tab is still on the audited load: its DOM is what Lighthouse scored.
    const seen = await headings(page);
    if (!seen.includes(run.heading)) {
      throw new Error(`the ${run.name} page Lighthouse audited has no "${run.heading}" heading (it has: ${seen.join(' | ') || 'none'}; final URL ${lhr.finalDisplayedUrl})`);
    }
    if (run.signedIn) {
      const rows = await page.$$eval('ul[aria-label="Your files"] > li', (items) => items.length);
      if (rows < UPLOADS.length) throw new Error(`the audited vault lists ${rows} files, not the ${UPLOADS.length} uploaded`);
    }
    const dark = await page.evaluate(() => document.documentElement.classList.contains('dark'));
    if (dark !== run.dark) throw new Error(`the ${run.name} page was audited in the ${dark ? 'dark' : 'light'} theme`);
    // Lighthouse has lifted its emulation by now: the PNG sets the phone's width again
    // (width only: a change of isMobile would make Puppeteer reload the page).
    await page.setViewport({ width: PHONE.width, height: PHONE.height });
    await page.screenshot({ path: join(outDir, `${stamp}.png`) as `${string}.png`, fullPage: true });
    step(`  audited page has the "${run.heading}" heading, ${dark ? 'dark' : 'light'} theme (final URL ${lhr.finalDisplayedUrl})`);
    return figures(run.name, url, lhr);
  } finally {
    await page.close();
    if (!run.signedIn) await context.close();
  }
}

function printTable(rows: PageFigures[]): void {
  console.log('');
  console.log('page | accessibility | best-practices | CLS | failing audits');
  for (const r of rows) {
    const failing = r.failing.map((f) => `${f.id} ("${f.title}")`).join('; ') || 'none';
    console.log(`${r.page} | ${r.accessibility ?? 'n/a'} | ${r.bestPractices ?? 'n/a'} | ${r.cls ?? 'n/a'} | ${failing}`);
  }
  for (const r of rows) for (const w of r.runWarnings) console.log(`warning (${r.page}): ${w}`);
}

async function main(): Promise<void> {
  await ensureNextBuild();
  mkdirSync(outDir, { recursive: true });
  const stack = await startStack();
  const profile = mkdtempSync(join(tmpdir(), 'twofold-lighthouse-'));
  const port = await freePort();
  // A persistent profile as a user's browser has (IndexedDB on disk), with a
  // debugging port beside Playwright's own pipe for Lighthouse to connect to.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? chromiumPath, headless: true, baseURL: stack.appUrl,
    // No viewport of Playwright's: Lighthouse sets the phone's screen on its own tabs, and two emulations would fight.
    viewport: null,
    args: [...CHROMIUM_ARGS, `--remote-debugging-port=${port}`, '--remote-debugging-address=127.0.0.1'],
  });
  let browser: Browser | undefined;
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(60_000);
    const email = uniqueEmail('lighthouse');
    step(`signing up ${email}`);
    const { recoveryKey } = await signUp(page, email, `lighthouse-Passw0rd-${Date.now()}`);
    await confirmRecoveryKey(page, recoveryKey);
    await expectUnlocked(page, email);
    // A few files, so the audit sees a list with rows and their menus, not the empty state.
    const files = UPLOADS.map((name, i) => ({
      name, mimeType: name.endsWith('.jpg') ? 'image/jpeg' : 'text/plain', buffer: Buffer.from(`file ${i}: ${name}\n`.repeat(50 * (i + 1))),
    }));
    await filePicker(page).setInputFiles(files);
    const list = fileList(page);
    for (const f of files) await expect(list.getByRole('listitem', { name: f.name, exact: true })).toBeVisible({ timeout: 60_000 });
    step(`uploaded ${files.length} files`);

    browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${port}`, defaultViewport: null });
    const rows: PageFigures[] = [];
    for (const run of RUNS) rows.push(await auditOne(browser, run, new URL(run.path, stack.appUrl).href));
    printTable(rows);
    writeFileSync(join(outDir, 'summary.json'), JSON.stringify({ date: new Date().toISOString(), screen: PHONE, pages: rows }, null, 2));
    step(`reports in ${outDir}`);
    console.log(JSON.stringify({ date: new Date().toISOString(), pages: rows.map(({ page, accessibility, bestPractices, cls, failing }) => ({ page, accessibility, bestPractices, cls, failing: failing.map((f) => f.id) })) }));
  } finally {
    await browser?.disconnect();
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
