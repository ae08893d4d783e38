// Browser tests run against the localhost web mode (`almanac serve`) in
// Debian's Chromium; Playwright's own browser download does not work on our
// machines. CHROMIUM_PATH overrides the browser location. When the browser is
// missing, a local run reports one skipped test with the reason; CI fails.
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveBrowser = existsSync(chromium);
const missing = `Chromium not found at ${chromium}: install it (apt-get install -y chromium fonts-wqy-microhei) or set CHROMIUM_PATH`;

if (!haveBrowser && process.env.CI) {
  throw new Error(`${missing}. CI needs a browser for the e2e tests.`);
}
if (!haveBrowser) process.env.ALMANAC_E2E_SKIP_REASON = missing;

export default defineConfig({
  testDir: 'tests/e2e',
  // Without a browser, run only the spec that reports the skip and its reason.
  testMatch: haveBrowser ? '**/*.spec.ts' : 'helpers/browser-missing.spec.ts',
  testIgnore: haveBrowser ? ['helpers/**'] : [],
  fullyParallel: false,
  // Two workers keep both cores busy (one serves, one drives the browser); CI machines have 2 cores.
  workers: 2,
  retries: 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  outputDir: 'test-results',
  use: {
    headless: true,
    locale: 'en-US',
    timezoneId: 'UTC',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
