import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// The cluster e2e (scripts/test.ts, after the main e2e run): two app servers
// behind nginx at TWOFOLD_CLUSTER_URL. A separate config so `playwright test`
// with the main config never picks it up.
export default defineConfig({
  ...base,
  testDir: 'tests/e2e-cluster',
  use: { ...base.use, baseURL: process.env.TWOFOLD_CLUSTER_URL ?? 'http://localhost:3000' },
});
