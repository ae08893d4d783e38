/**
 * Security guards of the desktop shell (see docs/SECURITY.md): the window's
 * web preferences, navigation and window-open denial, permission denial,
 * request filtering, the IPC sender check and the external-link gate.
 * Digest content is untrusted; the renderer is treated as if compromised.
 */
import type { BrowserWindowConstructorOptions } from './electron-deps.js';
import type { SessionLike, ShellLike, WebContentsLike } from './electron-deps.js';
import { REMOTE_IMAGES_QUERY } from '../shared/csp.js';
import { externalUrl } from '../shared/validate.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'almanac';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

type WebPreferences = NonNullable<BrowserWindowConstructorOptions['webPreferences']>;

/**
 * The only web preferences a window of ours gets. `devTools` is true only in
 * development (not packaged): a packaged app has no DevTools at all, by menu,
 * shortcut or code.
 */
export function secureWebPreferences(preloadPath: string, devTools: boolean): WebPreferences {
  return {
    preload: preloadPath,
    devTools,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
  };
}

/**
 * Whether a URL belongs to our UI: the app:// origin, or the electron-vite dev
 * server origin when one was given (development only).
 */
export function isAppUrl(url: string, devServerUrl: string | null): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
  if (devServerUrl) {
    try {
      return parsed.origin === new URL(devServerUrl).origin;
    } catch {
      return false;
    }
  }
  return false;
}

/** Hands a URL to the OS only if it is http, https or mailto; throws a clear error otherwise. */
export async function openExternalSafely(shell: ShellLike, url: unknown): Promise<void> {
  const checked = externalUrl('openExternal: url', url);
  await shell.openExternal(checked);
}

export interface HardenOptions {
  shell: ShellLike;
  devServerUrl: string | null;
  log?: (message: string) => void;
}

/**
 * Navigation away from the UI is refused (a link in a digest must never
 * replace the app); new windows are refused, and http/https/mailto targets go
 * to the system browser instead. <webview> is refused.
 */
export function hardenWebContents(contents: WebContentsLike, options: HardenOptions): void {
  const refuse = (kind: string) => (event: { preventDefault(): void }, url: string) => {
    if (isAppUrl(url, options.devServerUrl)) return;
    event.preventDefault();
    options.log?.(`${kind} to ${url} refused`);
  };
  contents.on('will-navigate', refuse('navigation'));
  contents.on('will-redirect', refuse('redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    options.log?.('<webview> refused');
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(options.shell, url).catch((err: unknown) =>
      options.log?.(`window.open refused: ${err instanceof Error ? err.message : String(err)}`),
    );
    return { action: 'deny' };
  });
}

const ALLOWED_REQUEST_SCHEMES = new Set([`${APP_SCHEME}:`, 'data:', 'blob:', 'devtools:', 'chrome-extension:']);

/** Whether the renderer may load this URL at all: only our own files (plus the dev server in development). */
export function isAllowedRequest(url: string, devServerUrl: string | null): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${APP_SCHEME}:`) return parsed.host === APP_HOST;
  if (ALLOWED_REQUEST_SCHEMES.has(parsed.protocol)) return true;
  if (devServerUrl) {
    const dev = new URL(devServerUrl);
    // Vite's hot reload connects over ws:// to the same host.
    return parsed.host === dev.host && ['http:', 'https:', 'ws:', 'wss:'].includes(parsed.protocol);
  }
  return false;
}

/** What the request filter knows of a request that is not for our own files. */
export interface OutsideRequest {
  url: string;
  resourceType?: string;
  /** The URL of the page that asked (webContents.getURL()), when known. */
  pageUrl?: string;
}

/**
 * Whether a request may leave the app as a remote image: an https: image,
 * asked for by a UI page loaded with REMOTE_IMAGES_QUERY (the reader's
 * button) or while the vault's setting is on. The page's CSP says the same
 * (shared/csp.ts); this keeps a renderer that ignored its CSP from loading
 * anything else.
 */
export async function remoteImageAllowed(request: OutsideRequest, setting: () => Promise<boolean>): Promise<boolean> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || request.resourceType !== 'image') return false;
  let page: URL | null = null;
  try {
    page = request.pageUrl ? new URL(request.pageUrl) : null;
  } catch {
    page = null;
  }
  if (page !== null && page.protocol === `${APP_SCHEME}:` && page.host === APP_HOST && page.searchParams.get(REMOTE_IMAGES_QUERY) === '1') return true;
  return setting().catch(() => false);
}

/**
 * Every permission request and check is denied; no request leaves the app,
 * except https: images when remoteImageAllowed says so (`remoteImagesSetting`:
 * the vault's setting; without it, never).
 */
export function hardenSession(
  session: SessionLike,
  devServerUrl: string | null,
  log?: (m: string) => void,
  remoteImagesSetting: () => Promise<boolean> = () => Promise.resolve(false),
): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log?.(`permission ${permission} denied`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    if (isAllowedRequest(details.url, devServerUrl)) {
      callback({ cancel: false });
      return;
    }
    const blocked = (): void => {
      log?.(`request to ${details.url} blocked`);
      callback({ cancel: true });
    };
    if (details.resourceType !== 'image' || !details.url.startsWith('https:')) {
      blocked();
      return;
    }
    const request = { url: details.url, resourceType: details.resourceType, pageUrl: details.webContents?.getURL() };
    void remoteImageAllowed(request, remoteImagesSetting).then((allowed) => (allowed ? callback({ cancel: false }) : blocked()));
  });
}

/** The IPC sender check: the calling frame must show our UI. */
export function isTrustedSender(frameUrl: string | null | undefined, devServerUrl: string | null): boolean {
  return typeof frameUrl === 'string' && isAppUrl(frameUrl, devServerUrl);
}
