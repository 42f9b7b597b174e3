// Screenshots of a screen at the two sizes we check by eye: a laptop and a phone.
// They go outside test-results/, which the next Playwright run in `npm test`
// (the cluster suite) empties: set TWOFOLD_SCREENS_DIR to choose the folder.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

export const SCREENS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const folder = process.env.TWOFOLD_SCREENS_DIR ?? join(tmpdir(), 'twofold-screens');

/** Writes `<name>-desktop.png` and `<name>-phone.png`, then restores the desktop size. */
export async function screenshotBoth(page: Page, name: string): Promise<void> {
  for (const screen of SCREENS) {
    await page.setViewportSize({ width: screen.width, height: screen.height });
    await page.screenshot({ path: join(folder, `${name}-${screen.name}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: SCREENS[0].width, height: SCREENS[0].height });
}

/** Where a screenshot named `name` goes, beside the ones screenshotBoth writes. */
export const screenPath = (name: string): string => join(folder, `${name}.png`);
