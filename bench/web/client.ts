/**
 * The typing user, in a process of its own: sends the typed-prefix workload
 * to a web-mode server over HTTP (POST /api/search, one keep-alive
 * connection, one search at a time, as a page waits for each answer before it
 * shows it), and times each round trip up to the parsed answer. The server's
 * own time is the answer's `tookMs`.
 */
import http from 'node:http';
import type { SearchResponse, VaultStatus } from '../../src/shared/api.js';
import { HTTP_API_PREFIX, type HttpResponseBody } from '../../src/shared/transport.js';
import { now, round } from '../measure.js';
import { typedRequest, type TypedSearch } from '../typed.js';

export interface TypedClientParams {
  origin: string;
  token: string;
  searches: TypedSearch[];
  /** Repeat the workload while the server's vault is still being indexed for the first time (and stop when it is done). */
  whileIndexing: boolean;
  maxPasses: number;
  /** Least time between two keystrokes' requests (0: each as soon as the previous answer is in). */
  keystrokeMs: number;
}

export interface TypedSample {
  query: string;
  sequence: number;
  filtered: boolean;
  pass: number;
  tookMs: number;
  roundTripMs: number;
  total: number;
  totalSections: number;
  /** When the request was sent, in ms since the epoch (performance.timeOrigin + now()), comparable across processes. */
  sentAt: number;
}

export interface TypedClientResult {
  samples: TypedSample[];
  passes: number;
}

function post<T>(agent: http.Agent, params: TypedClientParams, method: string, args: unknown[]): Promise<T> {
  const body = JSON.stringify({ args });
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${params.origin}${HTTP_API_PREFIX}${method}`,
      {
        method: 'POST',
        agent,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Authorization: `Bearer ${params.token}` },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            const reply = JSON.parse(Buffer.concat(chunks).toString('utf8')) as HttpResponseBody<T>;
            if (reply.ok) resolve(reply.result);
            else reject(new Error(`bench: ${method} answered ${res.statusCode ?? '?'}: ${reply.error.message}`));
          } catch (err) {
            reject(new Error(`bench: ${method} answered ${res.statusCode ?? '?'} with no JSON (${err instanceof Error ? err.message : String(err)})`));
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** True once the first index has finished (or failed): typing "while indexing" is over. */
async function indexed(agent: http.Agent, params: TypedClientParams): Promise<boolean> {
  return (await post<VaultStatus>(agent, params, 'getStatus', [])).state !== 'indexing';
}

export async function runTypedClient(params: TypedClientParams): Promise<TypedClientResult> {
  if (params.searches.length === 0) throw new Error('bench: the typed workload is empty');
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const samples: TypedSample[] = [];
  let passes = 0;
  let nextAt = 0;
  try {
    while (passes < params.maxPasses) {
      passes++;
      for (let i = 0; i < params.searches.length; i++) {
        const search = params.searches[i] as TypedSearch;
        const wait = nextAt - now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const sentAt = performance.timeOrigin + now();
        const t0 = now();
        nextAt = t0 + params.keystrokeMs;
        const response = await post<SearchResponse>(agent, params, 'search', [typedRequest(search)]);
        const roundTripMs = now() - t0;
        samples.push({ ...search, pass: passes, tookMs: response.tookMs, roundTripMs: round(roundTripMs, 2), total: response.total, totalSections: response.totalSections, sentAt });
        const sequenceEnds = params.searches[i + 1]?.sequence !== search.sequence;
        if (params.whileIndexing && sequenceEnds && (await indexed(agent, params))) return { samples, passes };
      }
      if (!params.whileIndexing) break;
    }
    return { samples, passes };
  } finally {
    agent.destroy();
  }
}
