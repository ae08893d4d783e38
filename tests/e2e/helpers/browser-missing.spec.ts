// Run instead of the e2e specs when no Chromium is installed (outside CI):
// reports one skipped test that says why. See playwright.config.ts.
import { test } from '@playwright/test';

test('browser tests', () => {
  test.skip(true, process.env.ALMANAC_E2E_SKIP_REASON ?? 'no browser available');
});
