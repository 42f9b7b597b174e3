// Every page names an icon (app/icon.svg), and it loads.
import { expect, test } from './fixtures/test';

test('pages name an SVG icon that loads', async ({ page, request }) => {
  await page.goto('/');
  const link = page.locator('link[rel="icon"]').first();
  await expect(link).toHaveAttribute('href', /.+/);
  const icon = await request.get(new URL((await link.getAttribute('href'))!, page.url()).toString());
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toContain('image/svg+xml');
});
