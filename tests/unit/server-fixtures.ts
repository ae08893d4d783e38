/**
 * Shared by the server-*.test.ts files: a raw HTTP client (so tests control
 * Host, Origin, Authorization and Cookie headers exactly) and a small in-memory AlmanacApi.
 */
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AlmanacApi, AlmanacEvent, IndexSummary, VaultStatus } from '../../src/shared/api.js';
import { DEFAULT_SETTINGS } from '../../src/shared/api.js';
import { AlmanacError } from '../../src/shared/errors.js';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export function rawRequest(
  port: number,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error('request timed out')));
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** Reads server-sent events until `until` accepts one (or the timeout passes). */
export function readEvents(
  port: number,
  headers: Record<string, string>,
  until: (event: AlmanacEvent) => boolean,
  timeoutMs = 10_000,
  onOpen?: () => void,
): Promise<AlmanacEvent[]> {
  return new Promise((resolve, reject) => {
    const events: AlmanacEvent[] = [];
    const req = http.request(
      { host: '127.0.0.1', port, path: '/api/events', headers: { host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`event stream answered ${res.statusCode}`));
          return;
        }
        let buffer = '';
        res.setEncoding('utf8');
        onOpen?.();
        res.on('end', () => {
          clearTimeout(timer);
          resolve(events);
        });
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = frame
              .split('\n')
              .filter((l) => l.startsWith('data: '))
              .map((l) => l.slice(6))
              .join('\n');
            if (!data) continue;
            const event = JSON.parse(data) as AlmanacEvent;
            events.push(event);
            if (until(event)) {
              clearTimeout(timer);
              req.destroy();
              resolve(events);
              return;
            }
          }
        });
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no matching event within ${timeoutMs} ms (got ${JSON.stringify(events)})`));
    }, timeoutMs);
    req.on('error', (err) => {
      if (!req.destroyed) reject(err);
    });
    req.end();
  });
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A built-UI folder with an index page and one hashed asset. */
export function writeStaticDir(root: string): string {
  const dir = path.join(root, 'renderer');
  fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Almanac</title><div id="root"></div>');
  fs.writeFileSync(path.join(dir, 'assets', 'app-1234.js'), 'console.log("app");');
  return dir;
}

export const SUMMARY: IndexSummary = {
  files: 1, indexed: 1, unchanged: 0, moved: 0, skippedThisRun: 0, removed: 0, skipped: [], warnings: [], digests: 1, sections: 2, elapsedMs: 1,
};

/** An in-memory AlmanacApi that records calls; events are emitted by the test. */
export function fakeApi(): AlmanacApi & { calls: [string, unknown[]][]; emit(event: AlmanacEvent): void; listenerCount(): number } {
  const listeners = new Set<(event: AlmanacEvent) => void>();
  const calls: [string, unknown[]][] = [];
  const status: VaultStatus = {
    vaultPath: '/vaults/demo', vaultName: 'demo', isSample: false, digests: 1, sections: 2, tags: 0,
    state: 'idle', lastIndexedAt: null, progress: null, skipped: [], warnings: [], error: null, indexError: null,
  };
  const record = <T>(name: string, args: unknown[], result: T): Promise<T> => {
    calls.push([name, args]);
    return Promise.resolve(result);
  };
  const emit = (event: AlmanacEvent): void => {
    for (const l of [...listeners]) l(event);
  };
  return {
    calls,
    emit,
    listenerCount: () => listeners.size,
    getStatus: () => record('getStatus', [], status),
    openVault: (...args) => record('openVault', args, status),
    recentVaults: () => record('recentVaults', [], []),
    reindex: async () => {
      calls.push(['reindex', []]);
      emit({ type: 'index-progress', progress: { phase: 'parse', done: 0, total: 1, currentFile: 'a.md', etaMs: null } });
      emit({ type: 'index-finished', summary: SUMMARY });
      return SUMMARY;
    },
    search: (...args) => record('search', args, { total: 0, totalSections: 0, tookMs: 0, results: [], facets: { tags: {}, weeks: {}, months: {}, years: {} }, notices: [], highlightTerms: [] }),
    getDigest: async (p) => {
      calls.push(['getDigest', [p]]);
      throw new AlmanacError('not-found', `digest not found: ${p}`, { path: p });
    },
    related: (...args) => record('related', args, []),
    tags: () => record('tags', [], []),
    timeline: () => record('timeline', [], []),
    listDigests: () => record('listDigests', [], []),
    getSettings: () => record('getSettings', [], DEFAULT_SETTINGS),
    updateSettings: (...args) => record('updateSettings', args, { ...DEFAULT_SETTINGS, ...args[0] }),
    exportSections: (...args) => record('exportSections', args, { format: 'md' as const, fileName: 'x.md', content: '' }),
    openExternal: (...args) => record('openExternal', args, undefined),
    trends: (...args) => record('trends', args, { by: args[0].by, unit: 'sections' as const, normalise: false, periods: [], series: [], tookMs: 0 }),
    savedSearches: () => record('savedSearches', [], []),
    saveSearch: (...args) => record('saveSearch', args, []),
    removeSavedSearch: (...args) => record('removeSavedSearch', args, []),
    openSavedSearch: (...args) => record('openSavedSearch', args, { name: args[0], query: '', createdAt: '', openedAt: '', newCount: 0 }),
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
