/**
 * The HTTP adapter of AlmanacApi: POST /api/<method> with a JSON body
 * `{ "args": [...] }` answers `{ ok: true, result }` or
 * `{ ok: false, error: { code, message, params } }` with the status of the
 * error's code (src/shared/transport.ts, http-errors.ts).
 * Arguments are checked by the same validators as the IPC adapter
 * (src/shared/validate.ts). Three methods behave differently in a browser:
 * openExternal is refused (the page opens links itself, in a new tab with
 * noopener), saveExport is refused (the page downloads exportSections()'s
 * content; a web page must not write files) and openVault is refused unless
 * the server was started with --allow-open (a web page must not point
 * Almanac at arbitrary folders).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AlmanacApi, ApiMethod, Digest } from '../shared/api.js';
import { AlmanacError } from '../shared/errors.js';
import { withImageUrls, type HttpRequestBody, type HttpResponseBody } from '../shared/transport.js';
import { callApi, isApiMethod, validateArgs } from '../shared/validate.js';
import { HttpError, sendError } from './http-errors.js';
import { sendJson } from './security-headers.js';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface ApiRouteOptions {
  api: AlmanacApi;
  /** Allow openVault(path) from the browser (`almanac serve --allow-open`). */
  allowOpen: boolean;
  /** The URL of a vault image on this server (image-route.ts), given to getDigest's images. */
  imageUrl?: (vaultPath: string) => string;
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume(); // discard the body so the client can read our answer
      reject(new HttpError(413, 'invalid-argument', `request body of ${declared} bytes exceeds the limit of ${limit} bytes`, { argument: 'body' }));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        reject(new HttpError(413, 'invalid-argument', `request body exceeds the limit of ${limit} bytes`, { argument: 'body' }));
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
    throw new HttpError(400, 'invalid-argument', `${method}: request body is not valid JSON (${(err as Error).message})`, { argument: 'body' });
  }
  if (typeof body !== 'object' || body === null || !Array.isArray((body as HttpRequestBody).args)) {
    throw new HttpError(400, 'invalid-argument', `${method}: request body must be {"args": [...]}`, { argument: 'body' });
  }
  return (body as HttpRequestBody).args;
}

/** Web-mode rules on top of validation (see the module comment). */
function checkWebPolicy(method: ApiMethod, args: unknown[], allowOpen: boolean): void {
  if (method === 'openExternal') {
    throw new AlmanacError(
      'not-available',
      'openExternal is not available in web mode: the page opens links in a new browser tab itself',
      { method },
    );
  }
  if (method === 'saveExport') {
    throw new AlmanacError(
      'not-available',
      'saveExport is not available in web mode: the browser downloads the export (exportSections) itself',
      { method },
    );
  }
  if (method === 'openVault') {
    if (!allowOpen) {
      throw new AlmanacError(
        'not-available',
        'openVault is disabled in web mode; restart with `almanac serve <folder>` (or `--allow-open` to allow switching from the browser)',
        { method },
      );
    }
    if (args[0] === undefined) {
      throw new AlmanacError('invalid-argument', "openVault: web mode has no folder dialog; pass the folder's absolute path", { argument: 'path' });
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
      throw new AlmanacError('not-found', `unknown API method ${JSON.stringify(methodName)}`, { method: methodName });
    }
    if (req.method !== 'POST') {
      throw new HttpError(405, 'invalid-argument', `${methodName}: use POST, not ${req.method ?? ''}`, { argument: 'method' });
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') {
      throw new HttpError(415, 'invalid-argument', `${methodName}: Content-Type must be application/json`, { argument: 'content-type' });
    }
    const raw = await readBody(req, MAX_BODY_BYTES);
    const rawArgs = parseArgs(methodName, raw);
    checkWebPolicy(methodName, rawArgs, options.allowOpen);
    const args = validateArgs(methodName, rawArgs);
    let result: unknown = await callApi(options.api, methodName, args);
    if (methodName === 'getDigest' && options.imageUrl) result = withImageUrls(result as Digest, options.imageUrl);
    const body: HttpResponseBody = { ok: true, result: result ?? null };
    sendJson(res, 200, body);
  } catch (err) {
    sendError(res, err, req.method !== 'POST' && isApiMethod(methodName) ? { Allow: 'POST' } : {});
  }
}
