/**
 * Where browser specs save screenshots. By default under the test's output
 * folder (test-results/, which Playwright clears and git ignores), so that
 * `npm test` leaves the work tree as it found it. `npm run screenshots`
 * (scripts/screenshots.mjs) sets UPDATE_SCREENSHOTS_ENV to refresh the
 * README's pictures in docs/screenshots on purpose.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test } from '@playwright/test';
import { ROOT } from './server.js';

export const UPDATE_SCREENSHOTS_ENV = 'ALMANAC_UPDATE_SCREENSHOTS';
export const DOCS_SCREENSHOT_DIR = path.join(ROOT, 'docs', 'screenshots');

/** The file a screenshot named `name` (e.g. desk-en-light.png) is written to. */
export function screenshotPath(name: string): string {
  if (process.env[UPDATE_SCREENSHOTS_ENV] !== '1') return test.info().outputPath(name);
  fs.mkdirSync(DOCS_SCREENSHOT_DIR, { recursive: true });
  return path.join(DOCS_SCREENSHOT_DIR, name);
}
