// While the storage usage loads, its placeholder is as tall as the meter it
// becomes: the file toolbar and the list below do not move when the
// usage arrives (Lighthouse measured a layout shift of 0.009 on the vault at
// 390 px from this; `npm run lighthouse`, docs/benchmarks.md).
import { expect, test, type Page } from './fixtures/test';
import { screenshotBoth, SCREENS } from './screens';
import { newVaultUser } from './vault-helpers';

// The files' toolbar: the first thing below the meter.
const uploadZoneTop = async (page: Page) => (await page.getByRole('toolbar', { name: 'File actions' }).boundingBox())?.y;

for (const scheme of ['light', 'dark'] as const) {
  test(`nothing below the storage meter moves when the usage arrives (${scheme})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    await newVaultUser(page, `usage-${scheme}`);

    // The usage answer is held back until the placeholder has been measured at both sizes.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/usage', async (route) => {
      await held;
      await route.continue();
    });
    await page.reload();
    await expect(page.getByText('Checking storage…')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole('heading', { name: 'My files', level: 1 })).toBeVisible({ timeout: 60_000 });
    const before: Record<string, number | undefined> = {};
    for (const screen of SCREENS) {
      await page.setViewportSize({ width: screen.width, height: screen.height });
      before[screen.name] = await uploadZoneTop(page);
    }
    await screenshotBoth(page, `usage-placeholder-${scheme}`);

    release();
    await expect(page.getByRole('meter', { name: 'Storage used' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('Checking storage…')).toHaveCount(0);
    for (const screen of SCREENS) {
      await page.setViewportSize({ width: screen.width, height: screen.height });
      expect(await uploadZoneTop(page), `the file toolbar at ${screen.name} width`).toBe(before[screen.name]);
    }
    await screenshotBoth(page, `usage-loaded-${scheme}`);
  });
}
