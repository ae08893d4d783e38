/**
 * Reopen of an unchanged, indexed vault in a fresh process: open the service
 * (store, schema check) and answer the first query. Module loading is not
 * counted here; the CLI measurement counts everything from `node` starting.
 */
import { openAlmanac, type AlmanacPaths } from '../almanac.js';
import { cpuMsSince, now, round } from '../measure.js';

export interface ReopenParams extends AlmanacPaths {
  query: string;
}

export interface ReopenResult {
  openMs: number;
  firstQueryMs: number;
  totalMs: number;
  /** CPU time of open + first query (less sensitive to other load than wall time). */
  cpuMs: number;
  hits: number;
}

export async function runReopen(params: ReopenParams): Promise<ReopenResult> {
  const cpu = process.cpuUsage();
  const started = now();
  const service = await openAlmanac(params);
  try {
    const opened = now();
    const response = await service.search({ query: params.query, limit: 20 });
    const done = now();
    const cpuMs = cpuMsSince(cpu);
    return { openMs: round(opened - started, 2), firstQueryMs: round(done - opened, 2), totalMs: round(done - started, 2), cpuMs: round(cpuMs, 2), hits: response.total };
  } finally {
    await service.close();
  }
}
