/**
 * What the service serves of dates and series: listDigests (validated like
 * every contract method), month-level dates on search hits, the gitDates
 * setting, and the settings an index remembers for the next CLI command.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlmanacService } from '../../src/core/service/almanac-service.js';
import { DEFAULT_SETTINGS } from '../../src/shared/api.js';
import { settingsPatch, validateArgs } from '../../src/shared/validate.js';
import { digest, tempDir, type TempDir } from '../helpers/temp-vault.js';
import { WORKER_URL } from '../helpers/worker.js';

let vault: TempDir;
let cache: TempDir;
const services: AlmanacService[] = [];

function open(settings: Partial<typeof DEFAULT_SETTINGS> = {}): AlmanacService {
  const s = new AlmanacService({ vaultPath: vault.root, dbPath: path.join(cache.root, 'index.db'), workerUrl: WORKER_URL, poolSize: 0, settings });
  services.push(s);
  return s;
}

beforeEach(() => {
  vault = tempDir('almanac-service-dates-');
  cache = tempDir('almanac-service-dates-cache-');
  vault.write('README.md', '# 周刊\n\n## 2024\n\n**四月**\n\n- [300](docs/issue-300.md)\n- [299](docs/issue-299.md)\n- [298](docs/issue-298.md)\n');
  for (const n of [298, 299, 300]) vault.write(`docs/issue-${n}.md`, `# 第 ${n} 期\n\n## 芯片\n\n芯片新闻 ${n}。\n`);
  vault.write('weekly/2026-02-06.md', digest({ title: 'W06', date: '2026-02-06' }, '## 芯片\n\n芯片。\n'));
});

afterEach(async () => {
  for (const s of services.splice(0)) await s.close();
  vault.cleanup();
  cache.cleanup();
});

describe('listDigests and dates through the service', () => {
  it('lists every digest and marks month-level hits, leaving day-level ones as they were', async () => {
    const service = open();
    await service.reindex();
    const list = await service.listDigests();
    expect(list.map((e) => [e.path, e.dateSource, e.series])).toEqual([
      ['README.md', 'none', null],
      ['docs/issue-298.md', 'index-page', 'docs/issue-#'],
      ['docs/issue-299.md', 'index-page', 'docs/issue-#'],
      ['docs/issue-300.md', 'index-page', 'docs/issue-#'],
      ['weekly/2026-02-06.md', 'front-matter', null],
    ]);
    const hits = (await service.search({ query: '芯片', sort: 'newest' })).results;
    expect(hits.map((h) => [h.path, h.date, h.week, h.datePrecision])).toEqual([
      ['weekly/2026-02-06.md', '2026-02-06', '2026-W06', undefined],
      ['docs/issue-298.md', '2024-04-01', null, 'month'],
      ['docs/issue-299.md', '2024-04-01', null, 'month'],
      ['docs/issue-300.md', '2024-04-01', null, 'month'],
    ]);
    const d = await service.getDigest('docs/issue-299.md');
    expect(d).toMatchObject({ dateSource: 'index-page', datePrecision: 'month', number: 299, series: 'docs/issue-#' });
    expect([d.prev?.path, d.next?.path]).toEqual(['docs/issue-298.md', 'docs/issue-300.md']);
  });

  it('remembers gitDates with the other index settings for the next command on the index', async () => {
    const first = open({ gitDates: false });
    await first.reindex();
    await first.close();
    const second = open();
    expect((await second.getSettings()).gitDates).toBe(false);
    expect(await second.updateSettings({ gitDates: true })).toMatchObject({ gitDates: true });
  });
});

describe('validation of the new contract pieces', () => {
  it('listDigests takes no argument; gitDates is a boolean setting', () => {
    expect(validateArgs('listDigests', [])).toEqual([]);
    expect(() => validateArgs('listDigests', ['x'])).toThrow('listDigests: expected 0 argument(s), got 1');
    expect(settingsPatch('updateSettings: patch', { gitDates: false })).toEqual({ gitDates: false });
    expect(() => settingsPatch('updateSettings: patch', { gitDates: 'no' })).toThrow('updateSettings: patch.gitDates must be true or false, got "no"');
    expect(DEFAULT_SETTINGS.gitDates).toBe(true);
  });
});
