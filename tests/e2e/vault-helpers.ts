// Shared steps of the vault e2e tests: a fresh user, uploads through the
// picker and a synthetic drop, the file list by role and label, the test
// context (MinIO root credentials, the e2e database) for the attack tests.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import pg from 'pg';
import type { TestContext } from '../../scripts/lib/test-context';
import { confirmRecoveryKey, expectUnlocked, signUp, uniqueEmail } from './account-helpers';

export interface TestFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Signs up a fresh user and lands on the unlocked vault. */
export async function newVaultUser(page: Page, tag: string): Promise<{ email: string; password: string }> {
  const email = uniqueEmail(tag);
  const password = `pw ${randomBytes(6).toString('hex')}`;
  const { recoveryKey } = await signUp(page, email, password);
  await confirmRecoveryKey(page, recoveryKey);
  await expectUnlocked(page, email);
  await expect(page.getByRole('heading', { name: 'My files', level: 1 })).toBeVisible();
  return { email, password };
}

/** A fresh user in a browser context of their own (cookies, IndexedDB), with the save switch installed. */
export async function newUserPage(browser: Browser, tag: string): Promise<{ page: Page; email: string }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await installSaveSwitch(page);
  const { email } = await newVaultUser(page, tag);
  return { page, email };
}

export const fileList = (page: Page): Locator => page.getByRole('list', { name: 'Your files' });
export const fileRow = (page: Page, name: string): Locator => fileList(page).getByRole('listitem', { name, exact: true });

export async function listedNames(page: Page): Promise<string[]> {
  return fileList(page).getByTestId('file-name').allTextContents();
}

/** The toolbar's "Upload files" picker (its <input type=file>, named by its label). */
export const filePicker = (page: Page): Locator => page.getByRole('toolbar', { name: 'File actions' }).getByLabel('Upload files', { exact: true });

export async function uploadViaPicker(page: Page, files: TestFile[]): Promise<void> {
  await filePicker(page).setInputFiles(files);
}

/**
 * A drop event as the browser fires it, with real File objects in its
 * DataTransfer, on the page itself: a drop anywhere uploads into the open folder.
 */
export async function dropFiles(page: Page, files: TestFile[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, type: f.mimeType, base64: f.buffer.toString('base64') }));
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name, { type: f.type }));
    }
    return dt;
  }, payload);
  const body = page.locator('body');
  await body.dispatchEvent('dragenter', { dataTransfer });
  await body.dispatchEvent('dragover', { dataTransfer });
  await body.dispatchEvent('drop', { dataTransfer });
}

export async function expectListed(page: Page, names: string[]): Promise<void> {
  for (const name of names) await expect(fileRow(page, name)).toBeVisible({ timeout: 60_000 });
}

export async function storageUsed(page: Page): Promise<number> {
  const meter = page.getByRole('meter', { name: 'Storage used' });
  await expect(meter).toBeVisible();
  return Number(await meter.getAttribute('aria-valuenow'));
}

export function textFile(name: string, text: string): TestFile {
  return { name, mimeType: 'text/plain', buffer: Buffer.from(text, 'utf8') };
}

export function randomFile(name: string, size: number): TestFile {
  return { name, mimeType: 'application/octet-stream', buffer: randomBytes(size) };
}

/** A real PNG, drawn by the browser, so the preview has something to show. */
export async function pngFile(page: Page, name: string, width = 240, height = 120): Promise<TestFile> {
  const dataUrl = await page.evaluate(({ width, height }) => {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const g = canvas.getContext('2d')!;
    const gradient = g.createLinearGradient(0, 0, width, height);
    gradient.addColorStop(0, '#4338ca');
    gradient.addColorStop(1, '#059669');
    g.fillStyle = gradient;
    g.fillRect(0, 0, width, height);
    g.fillStyle = '#fff';
    g.font = 'bold 28px sans-serif';
    g.fillText('Twofold', 60, 70);
    return canvas.toDataURL('image/png');
  }, { width, height });
  return { name, mimeType: 'image/png', buffer: Buffer.from(dataUrl.split(',')[1]!, 'base64') };
}

// ── what npm test hands over (scripts/lib/test-context.ts)

export function testContext(): TestContext {
  const file = process.env.TWOFOLD_TEST_CONTEXT;
  if (!file) throw new Error('TWOFOLD_TEST_CONTEXT is not set: run the e2e suite through `npm test`');
  return JSON.parse(readFileSync(file, 'utf8')) as TestContext;
}

/** MinIO as its administrator: no IAM policy in the way, which is what an attacker with the disks' keys would have. */
export function rootS3(ctx: TestContext): S3Client {
  return new S3Client({
    endpoint: ctx.minio.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: ctx.minio.rootUser, secretAccessKey: ctx.minio.rootPassword },
  });
}

/** The e2e app's database ([Note: e2e database] in scripts/test.ts). */
export async function withDatabase<T>(ctx: TestContext, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  if (!ctx.e2eDatabaseUrl) throw new Error('the test context names no e2e database');
  const client = new pg.Client({ connectionString: ctx.e2eDatabaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function objectsOf(ctx: TestContext, email: string): Promise<Array<{ id: string; objectKey: string; ciphertextSize: number }>> {
  return withDatabase(ctx, async (client) => {
    const result = await client.query<{ id: string; object_key: string; ciphertext_size: string }>(
      `SELECT f.id, f.object_key, f.ciphertext_size FROM files f JOIN users u ON u.id = f.owner_id WHERE u.email = $1 AND f.status = 'ready'`,
      [email],
    );
    return result.rows.map((r) => ({ id: r.id, objectKey: r.object_key, ciphertextSize: Number(r.ciphertext_size) }));
  });
}

/**
 * Flips one bit of a stored object as someone with the bucket's root
 * credentials could, keeping SSE-KMS so the bucket itself sees nothing wrong.
 */
export async function flipStoredBit(ctx: TestContext, objectKey: string, offset: (size: number) => number): Promise<void> {
  const s3 = rootS3(ctx);
  try {
    const got = await s3.send(new GetObjectCommand({ Bucket: ctx.bucket, Key: objectKey }));
    const bytes = Buffer.from(await got.Body!.transformToByteArray());
    bytes[offset(bytes.length)]! ^= 0x01;
    await s3.send(new PutObjectCommand({
      Bucket: ctx.bucket, Key: objectKey, Body: bytes, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: ctx.minio.kmsKeyName,
    }));
  } finally {
    s3.destroy();
  }
}

/**
 * Test-only switch for the save path, read by an init script: `?e2e-save=fs`
 * replaces showSaveFilePicker with one writing to memory (window.__saved) and
 * turns on Settings' "Ask where to save every download", as a user would, so
 * every download takes it; `picker` installs that picker but leaves the
 * setting alone (the default: only big files and "Download to…" ask);
 * `sw` removes the picker (service-worker path), `blob` removes service workers too.
 */
export async function installSaveSwitch(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const mode = new URL(location.href).searchParams.get('e2e-save');
    if (!mode) return;
    const w = window as unknown as Record<string, unknown>;
    if (mode === 'fs' || mode === 'picker') {
      if (mode === 'fs') localStorage.setItem('twofold.askWhereToSave', 'true');
      const saved = { name: '', pieces: [] as Uint8Array[], closed: false, aborted: false };
      w.__saved = saved;
      w.showSaveFilePicker = async (options: { suggestedName?: string }) => {
        saved.name = options.suggestedName ?? '';
        return {
          createWritable: async () => new WritableStream<Uint8Array>({
            write(piece) { saved.pieces.push(piece.slice()); },
            close() { saved.closed = true; },
            abort() { saved.aborted = true; saved.pieces = []; },
          }),
        };
      };
    } else {
      Object.defineProperty(window, 'showSaveFilePicker', { value: undefined, configurable: true, writable: true });
      if (mode === 'blob') Object.defineProperty(Navigator.prototype, 'serviceWorker', { get: () => undefined, configurable: true });
    }
  });
}

/** What the stubbed picker received: byte count, SHA-256, name and whether it was committed or discarded. */
export async function savedByStub(page: Page): Promise<{ name: string; size: number; sha256: string; closed: boolean; aborted: boolean }> {
  return page.evaluate(async () => {
    const saved = (window as unknown as { __saved: { name: string; pieces: Uint8Array[]; closed: boolean; aborted: boolean } }).__saved;
    const blob = new Blob(saved.pieces as BlobPart[]);
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
    return { name: saved.name, size: blob.size, sha256: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''), closed: saved.closed, aborted: saved.aborted };
  });
}

// ── a row's "⋯" menu (components/ui/row-menu.tsx)

/**
 * The open menu of a row: the context menu is named "Actions for <name>", the
 * "⋯" menu by its button, "More actions for <name>" (a folder's name is "folder <name>").
 */
export const rowMenu = (page: Page, name: string): Locator =>
  page.getByRole('menu', { name: new RegExp(`^(More actions|Actions) for ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) });

/** Opens a row's "⋯" menu and picks an item: rowAction(page, 'report.pdf', 'Download'). */
export async function rowAction(page: Page, name: string, item: string): Promise<void> {
  await page.getByRole('button', { name: `More actions for ${name}`, exact: true }).click();
  await rowMenu(page, name).getByRole('menuitem', { name: item, exact: true }).click();
}

/** A file in Shared with me: its menu is named with the sender ("report.pdf shared by ann@…"). */
const sharedMenuName = (name: string, sender: string) => `${name} shared by ${sender}`;
export const sharedAction = (page: Page, name: string, sender: string, item: string): Promise<void> =>
  rowAction(page, sharedMenuName(name, sender), item);

/** The items of a Shared-with-me row's menu, read by opening it and closing it again. */
export async function sharedMenuItems(page: Page, name: string, sender: string): Promise<string[]> {
  const menuName = sharedMenuName(name, sender);
  await page.getByRole('button', { name: `More actions for ${menuName}`, exact: true }).click();
  const menu = rowMenu(page, menuName);
  await expect(menu).toBeVisible();
  const items = await menu.getByRole('menuitem').allTextContents();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  return items;
}

/** Clicks a file's name, which opens its preview. */
export const openFile = (page: Page, name: string): Promise<void> => fileRow(page, name).getByRole('button', { name, exact: true }).click();

/**
 * An uncompressed 24-bit BMP whose pixel bytes spell `marker` over and over,
 * so the marker is literally in the image's bytes (a PNG would compress it
 * away) and a decoded thumbnail is made from those very pixels.
 */
export function markerBmp(name: string, marker: string, width = 320, height = 200): TestFile {
  const rowBytes = Math.ceil((width * 3) / 4) * 4;
  const pixels = Buffer.alloc(rowBytes * height);
  const text = Buffer.from(marker, 'latin1');
  for (let y = 0; y < height; y++) {
    const row = pixels.subarray(y * rowBytes, y * rowBytes + width * 3);
    for (let i = 0; i < row.length; i++) row[i] = text[i % text.length]!;
  }
  const header = Buffer.alloc(54);
  header.write('BM', 0, 'latin1');
  header.writeUInt32LE(54 + pixels.length, 2);
  header.writeUInt32LE(54, 10);
  header.writeUInt32LE(40, 14);
  header.writeInt32LE(width, 18);
  header.writeInt32LE(height, 22);
  header.writeUInt16LE(1, 26);
  header.writeUInt16LE(24, 28);
  header.writeUInt32LE(pixels.length, 34);
  return { name, mimeType: 'image/bmp', buffer: Buffer.concat([header, pixels]) };
}

/** Byte signatures of the image formats a thumbnail could leak as (format.md §13, plus PNG and BMP sources). */
export const IMAGE_MAGIC: Buffer[] = [
  Buffer.from('89504e470d0a1a0a', 'hex'), // PNG
  Buffer.from('WEBPVP8', 'latin1'), // WebP: "RIFF" size "WEBP" then the VP8/VP8L/VP8X chunk
  Buffer.from('JFIF\0', 'latin1'), // JPEG (JFIF APP0), what canvas encoders write
  Buffer.from('Exif\0\0', 'latin1'), // JPEG (EXIF APP1)
];

export type ShellView = 'My files' | 'Shared with me' | 'Links and sharing' | 'Trash' | 'Settings';

/**
 * Opens a view by the shell's navigation, as a person does: the sidebar's
 * link on a wide screen, the Menu on a phone. The link then marks itself as
 * the current page.
 */
export async function openView(page: Page, name: ShellView): Promise<void> {
  const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
  if (await link.isVisible()) {
    await link.click();
    await expect(link).toHaveAttribute('aria-current', 'page');
    return;
  }
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('menuitem', { name, exact: true }).click();
  await expect(page.getByRole('menu')).toHaveCount(0);
}
