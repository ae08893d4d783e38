/**
 * The HTTP adapter of AlmanacApi: POST /api/<method> with a JSON body
 * `{ "args": [...] }` answers `{ ok: true, result }` or
 * `{ ok: false, error: { message, code } }` (src/shared/transport.ts).
 * Arguments are checked by the same validators as the IPC adapter
 * (src/shared/validate.ts). Three methods behave differently in a browser:
 * openExternal is refused (the page opens links itself, in a new tab with
 * noopener), saveExport is refused (the page downloads exportSections()'s
 * content; a web page must not write files) and openVault is refused unless
 * the server was started with --allow-open (a web page must not point
 * Almanac at arbitrary folders).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AlmanacApi, ApiMethod } from '../shared/api.js';
import type { HttpRequestBody, HttpResponseBody } from '../shared/transport.js';
import { callApi, isApiMethod, NotAvailableError, validateArgs, ValidationError } from '../shared/validate.js';
import { sendJson } from './security-headers.js';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface ApiRouteOptions {
  api: AlmanacApi;
  /** Allow openVault(path) from the browser (`almanac serve --allow-open`). */
  allowOpen: boolean;
}

/** An error with the HTTP status and machine-readable code it is answered with. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume(); // discard the body so the client can read our answer
      reject(new HttpError(413, 'too-large', `request body of ${declared} bytes exceeds the limit of ${limit} bytes`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        reject(new HttpError(413, 'too-large', `request body exceeds the limit of ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseArgs(method: ApiMethod, raw: Buffer): unknown[] {
  let body: unknown;
  try {
    body = raw.length === 0 ? { args: [] } : JSON.parse(raw.toString('utf8'));
  } catch (err) {
    throw new HttpError(400, 'bad-json', `${method}: request body is not valid JSON (${(err as Error).message})`);
  }
  if (typeof body !== 'object' || body === null || !Array.isArray((body as HttpRequestBody).args)) {
    throw new HttpError(400, 'bad-request', `${method}: request body must be {"args": [...]}`);
  }
  return (body as HttpRequestBody).args;
}

/** Web-mode rules on top of validation (see the module comment). */
function checkWebPolicy(method: ApiMethod, args: unknown[], allowOpen: boolean): void {
  if (method === 'openExternal') {
    throw new HttpError(
      403,
      'not-available',
      'openExternal is not available in web mode: the page opens links in a new browser tab itself',
    );
  }
  if (method === 'saveExport') {
    throw new HttpError(
      403,
      'not-available',
      'saveExport is not available in web mode: the browser downloads the export (exportSections) itself',
    );
  }
  if (method === 'openVault') {
    if (!allowOpen) {
      throw new HttpError(
        403,
        'not-available',
        'openVault is disabled in web mode; restart with `almanac serve <folder>` (or `--allow-open` to allow switching from the browser)',
      );
    }
    if (args[0] === undefined) {
      throw new HttpError(400, 'bad-request', 'openVault: web mode has no folder dialog; pass the folder\'s absolute path');
    }
  }
}

export async function handleApiCall(
  req: IncomingMessage,
  res: ServerResponse,
  methodName: string,
  options: ApiRouteOptions,
): Promise<void> {
  try {
    if (!isApiMethod(methodName)) {
      throw new HttpError(404, 'unknown-method', `unknown API method ${JSON.stringify(methodName)}`);
    }
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      throw new HttpError(405, 'method-not-allowed', `${methodName}: use POST, not ${req.method ?? ''}`);
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') {
      throw new HttpError(415, 'unsupported-media-type', `${methodName}: Content-Type must be application/json`);
    }
    const raw = await readBody(req, MAX_BODY_BYTES);
    const rawArgs = parseArgs(methodName, raw);
    checkWebPolicy(methodName, rawArgs, options.allowOpen);
    const args = validateArgs(methodName, rawArgs);
    const result: unknown = await callApi(options.api, methodName, args);
    const body: HttpResponseBody = { ok: true, result: result ?? null };
    sendJson(res, 200, body);
  } catch (err) {
    const status = err instanceof HttpError ? err.status : err instanceof ValidationError ? 400 : err instanceof NotAvailableError ? 403 : 500;
    const code =
      err instanceof HttpError ? err.code
      : err instanceof ValidationError ? 'invalid-argument'
      : err instanceof NotAvailableError ? 'not-available'
      : 'failed';
    const message = err instanceof Error ? err.message : String(err);
    const body: HttpResponseBody = { ok: false, error: { message, code } };
    if (!res.headersSent) sendJson(res, status, body);
    else res.end();
  }
}
