/**
 * PDF export: the self-contained HTML export printed by Chromium in a hidden
 * window that can do nothing but render it — sandboxed, JavaScript off, no
 * preload, its own in-memory session, navigation and new windows refused.
 * The export's own CSP (default-src 'none') already forbids every load but
 * inline styles and data: images.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PrintWindowCtor, PrintWindowLike } from './electron-deps.js';

/** Its own in-memory session (no "persist:"), so nothing of the UI's session is shared and nothing is kept. */
export const PDF_PARTITION = 'almanac-export-pdf';

/**
 * Chromium refuses URLs longer than 2 MiB characters ("Refusing to load URL
 * as it exceeds 2097152 characters"); larger exports go through a temp file.
 */
export const MAX_DATA_URL_CHARS = 2 * 1024 * 1024 - 1024;

function lockNavigation(win: PrintWindowLike): void {
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.on('will-redirect', (event) => event.preventDefault());
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function htmlDataUrl(html: string): string {
  return `data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`;
}

export interface PrintOptions {
  /** Folder for the temp file of a large export (default os.tmpdir()). */
  tempRoot?: string;
}

/** The PDF bytes of `html`, printed with its own CSS page size and backgrounds. */
export async function printHtmlToPdf(
  BrowserWindow: PrintWindowCtor,
  html: string,
  options: PrintOptions = {},
): Promise<Uint8Array> {
  // The options stay literal here so Electronegativity (npm run lint:security) can check them.
  const win = new BrowserWindow({
    show: false,
    width: 900,
    height: 1200,
    webPreferences: {
      sandbox: true,
      javascript: false,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
      partition: PDF_PARTITION,
    },
  });
  let tempDir: string | null = null;
  try {
    lockNavigation(win);
    let url = htmlDataUrl(html);
    if (url.length > MAX_DATA_URL_CHARS) {
      tempDir = await mkdtemp(path.join(options.tempRoot ?? os.tmpdir(), 'almanac-pdf-'));
      const file = path.join(tempDir, 'export.html');
      await writeFile(file, html, { encoding: 'utf8', mode: 0o600 });
      url = pathToFileURL(file).href;
    }
    await win.loadURL(url);
    const pdf = await win.webContents.printToPDF({ printBackground: true, preferCSSPageSize: true });
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    if (!win.isDestroyed()) win.destroy();
    if (tempDir) await rm(tempDir, { recursive: true, force: true }).catch(() => undefined);
  }
}
