// Phone width and dark mode (issue 11, item 3): nothing overflows at 390 px,
// long names truncate with the full name kept, every control is a 44 px touch
// target, the theme follows the system or the user's choice, which survives a
// reload, and axe passes in both themes.
import { expect, test, type Locator, type Page } from './fixtures/test';
import { expectAccessible } from './fixtures/axe';
import { screenshotBoth } from './screens';
import { crumbs, newFolder, openFolder, openTop } from './folder-helpers';
import { expectListed, fileRow, newVaultUser, openView, rowAction, textFile, uploadViaPicker } from './vault-helpers';

const PHONE = { width: 390, height: 844 };
const LONG_NAME = 'Quarterly-report-for-the-board-of-directors-final-version-2026-signed.pdf';
const SPACED_NAME = 'Tax return 2026 with every scanned receipt and the letter from the office.pdf';

async function expectNoHorizontalOverflow(page: Page, what: string): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `${what}: page wider than the screen`).toBeLessThanOrEqual(clientWidth);
}

/** Every visible control smaller than 44×44 CSS px, named so a failure says which. */
async function smallTargets(page: Page): Promise<string[]> {
  const controls: Locator = page.getByRole('button').or(page.getByRole('link')).or(page.getByRole('checkbox'))
    // A file picker's <label> is what a finger presses (its input is visually hidden).
    .or(page.locator('input[type=file] + label'));
  const small: string[] = [];
  for (const control of await controls.all()) {
    if (!(await control.isVisible())) continue;
    // A file input is visually hidden (1×1, sr-only) and never the target: its <label>, checked here too, is.
    if (await control.evaluate((el) => el.matches('input[type=file]'))) continue;
    const box = await control.boundingBox();
    if (!box || (box.width >= 44 && box.height >= 44)) continue;
    const name = (await control.getAttribute('aria-label')) ?? (await control.textContent())?.trim();
    small.push(`${name}: ${Math.round(box.width)}×${Math.round(box.height)}`);
  }
  return small;
}

/** The body's background as sRGB luminance 0..1, whatever colour syntax the computed style uses (oklch). */
async function bodyLuminance(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 1;
    const g = canvas.getContext('2d')!;
    g.fillStyle = getComputedStyle(document.body).backgroundColor;
    g.fillRect(0, 0, 1, 1);
    const [r, gr, b] = [...g.getImageData(0, 0, 1, 1).data].map((v) => {
      const c = v / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * gr! + 0.0722 * b!;
  });
}

/**
 * Records the theme class at the moment <body> is created, before anything in
 * it is parsed or painted: a theme set later (by React, after hydration)
 * would show the wrong one first.
 */
async function watchFirstPaintTheme(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen = new MutationObserver(() => {
      if (!document.body) return;
      seen.disconnect();
      (window as unknown as { themeAtBody: string }).themeAtBody = document.documentElement.classList.contains('dark') ? 'dark' : 'light';
    });
    seen.observe(document, { childList: true, subtree: true });
  });
}
const themeAtBody = (page: Page) => page.evaluate(() => (window as unknown as { themeAtBody?: string }).themeAtBody);

const isDarkClass = (page: Page) => page.evaluate(() => document.documentElement.classList.contains('dark'));

test('at 390 px nothing overflows, long names truncate with the full name, and every control is a 44 px target', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize(PHONE);
  await newVaultUser(page, 'phone');
  await uploadViaPicker(page, [textFile(LONG_NAME, 'long'), textFile(SPACED_NAME, 'spaced')]);
  await expectListed(page, [LONG_NAME, SPACED_NAME]);
  await expectNoHorizontalOverflow(page, 'vault');

  for (const name of [LONG_NAME, SPACED_NAME]) {
    const shown = fileRow(page, name).getByTestId('file-name');
    // The whole name is in the DOM (assistive tech reads it) and in title (hover, long-press)...
    await expect(shown).toHaveText(name);
    await expect(shown).toHaveAttribute('title', name);
    // ...and on screen it is one line cut with an ellipsis, never broken mid-word ("20 26.pdf").
    const layout = await shown.evaluate((el) => {
      const style = getComputedStyle(el);
      return { overflow: style.textOverflow, wrap: style.whiteSpace, cut: el.scrollWidth > el.clientWidth, lines: Math.round(el.getBoundingClientRect().height / parseFloat(style.lineHeight)) };
    });
    expect(layout, name).toEqual({ overflow: 'ellipsis', wrap: 'nowrap', cut: true, lines: 1 });
  }

  expect(await smallTargets(page), 'controls under 44×44 on the vault').toEqual([]);

  // A folder row, and inside it the breadcrumb's buttons.
  await newFolder(page, 'Receipts');
  await expect(page.getByRole('button', { name: 'Open folder Receipts' })).toBeVisible();
  expect(await smallTargets(page), 'controls under 44×44 with a folder row').toEqual([]);
  await openFolder(page, 'Receipts');
  await expect(crumbs(page).getByRole('button', { name: 'My files' })).toBeVisible();
  expect(await smallTargets(page), 'controls under 44×44 inside a folder').toEqual([]);
  await expectNoHorizontalOverflow(page, 'a folder');
  await openTop(page);

  // On a phone the views are in the Menu.
  await openView(page, 'Settings');
  await expect(page.getByRole('heading', { name: 'Account settings' })).toBeVisible();
  await expect(page.getByRole('radiogroup', { name: 'Theme' }).or(page.getByRole('group', { name: 'Theme' }))).toBeVisible();
  await expectNoHorizontalOverflow(page, 'settings');
  expect(await smallTargets(page), 'controls under 44×44 in settings').toEqual([]);
  await openView(page, 'Links and sharing');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoHorizontalOverflow(page, 'sharing');
  expect(await smallTargets(page), 'controls under 44×44 on sharing').toEqual([]);

  await page.context().clearCookies();
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expectNoHorizontalOverflow(page, 'sign-in');
  expect(await smallTargets(page), 'controls under 44×44 on sign-in').toEqual([]);
});

test('dark mode follows the system, the Light choice overrides it and survives a reload, and axe passes in both', async ({ page }) => {
  test.setTimeout(180_000);
  const hydrationErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /hydrat|did not match/i.test(message.text())) hydrationErrors.push(message.text());
  });
  await watchFirstPaintTheme(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await newVaultUser(page, 'dark');
  await uploadViaPicker(page, [textFile(LONG_NAME, 'long')]);
  await expectListed(page, [LONG_NAME]);

  expect(await isDarkClass(page)).toBe(true);
  expect(await themeAtBody(page), 'dark before the first paint').toBe('dark');
  expect(await bodyLuminance(page), 'dark background').toBeLessThan(0.05);
  await expectAccessible(page, 'the vault, dark');
  await screenshotBoth(page, 'vault-dark');

  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Settings' }).click();
  const theme = page.getByRole('group', { name: 'Theme' });
  await expect(theme.getByRole('radio', { name: 'System' })).toBeChecked();
  await expectAccessible(page, 'settings, dark');
  await screenshotBoth(page, 'settings-dark');

  await theme.getByRole('radio', { name: 'Light' }).check();
  await expect.poll(() => bodyLuminance(page), { message: 'Light overrides the dark system setting' }).toBeGreaterThan(0.9);
  await page.reload();
  await expect(page.getByRole('group', { name: 'Theme' }).getByRole('radio', { name: 'Light' })).toBeChecked();
  expect(await isDarkClass(page)).toBe(false);
  expect(await themeAtBody(page), 'light before the first paint, although the system is dark').toBe('light');
  expect(await bodyLuminance(page), 'light after reload').toBeGreaterThan(0.9);
  await expectAccessible(page, 'settings, light');

  await nav.getByRole('link', { name: 'My files' }).click();
  await expectListed(page, [LONG_NAME]);
  expect(await bodyLuminance(page)).toBeGreaterThan(0.9);
  await expectAccessible(page, 'the vault, light');
  await screenshotBoth(page, 'vault-light');

  // Back to System: the page follows the system setting again, live.
  await nav.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('group', { name: 'Theme' }).getByRole('radio', { name: 'System' }).check();
  await expect.poll(() => isDarkClass(page)).toBe(true);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => isDarkClass(page)).toBe(false);
  expect(hydrationErrors).toEqual([]);
});

test('the vault reserves the list its space while it loads: cumulative layout shift under 0.1 at phone width', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize(PHONE);
  await newVaultUser(page, 'cls');
  await uploadViaPicker(page, [textFile('a.txt', 'a'), textFile('b.txt', 'b'), textFile('c.txt', 'c')]);
  await expectListed(page, ['a.txt', 'b.txt', 'c.txt']);

  await page.reload();
  await expectListed(page, ['a.txt', 'b.txt', 'c.txt']);
  const shift = await page.evaluate(() => new Promise<number>((resolve) => {
    type Shift = PerformanceEntry & { value: number; hadRecentInput: boolean };
    const shifts: Shift[] = [];
    const observer = new PerformanceObserver((list) => void shifts.push(...(list.getEntries() as Shift[])));
    observer.observe({ type: 'layout-shift', buffered: true });
    // The buffered entries (every shift since navigation) are queued for the observer; collect them after a frame.
    requestAnimationFrame(() => {
      shifts.push(...(observer.takeRecords() as Shift[]));
      observer.disconnect();
      resolve(shifts.filter((s) => !s.hadRecentInput).reduce((sum, s) => sum + s.value, 0));
    });
  }));
  expect(shift).toBeLessThan(0.1);
});

test('a shared link page at 390 px in dark mode: no overflow, the long name truncated with its full name, 44 px targets, axe', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await newVaultUser(page, 'link-phone');
  await uploadViaPicker(page, [textFile(LONG_NAME, 'shared')]);
  await expectListed(page, [LONG_NAME]);
  await rowAction(page, LONG_NAME, 'Share');
  const dialog = page.getByRole('dialog', { name: `Share ${LONG_NAME}` });
  await dialog.getByRole('form', { name: 'Create a public link' }).getByRole('button', { name: 'Create link' }).click();
  const field = dialog.getByLabel('New public link');
  await expect(field).toHaveValue(/\/s\/.+#.+$/, { timeout: 30_000 });
  const url = await field.inputValue();

  const context = await browser.newContext({ viewport: PHONE, colorScheme: 'dark' });
  const guest = await context.newPage();
  await guest.goto(url);
  const name = guest.getByTestId('link-file-name');
  await expect(name).toHaveText(LONG_NAME, { timeout: 30_000 });
  await expect(name).toHaveAttribute('title', LONG_NAME);
  expect(await name.evaluate((el) => getComputedStyle(el).textOverflow)).toBe('ellipsis');
  await expectNoHorizontalOverflow(guest, 'link page');
  expect(await bodyLuminance(guest), 'dark link page').toBeLessThan(0.05);
  expect(await smallTargets(guest), 'controls under 44×44 on the link page').toEqual([]);
  await expectAccessible(guest, 'a link page, dark');
  await screenshotBoth(guest, 'link-dark');

  // The signed-out pages in the same dark, phone-sized context.
  await guest.setViewportSize(PHONE);
  await guest.goto('/sign-in');
  await expect(guest.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  expect(await smallTargets(guest), 'controls under 44×44 on sign-in, dark').toEqual([]);
  await expectAccessible(guest, 'sign-in, dark');
  await guest.goto('/');
  await expect(guest.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoHorizontalOverflow(guest, 'landing page');
  await expectAccessible(guest, 'the landing page, dark');
  await screenshotBoth(guest, 'landing-dark');
  await context.close();
});
