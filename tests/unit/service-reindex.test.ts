import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlmanacService } from '../../src/core/service/almanac-service.js';
import { digest, tempDir, type TempDir } from '../helpers/temp-vault.js';
import { WORKER_URL } from '../helpers/worker.js';

let vault: TempDir;
let cache: TempDir;
let service: AlmanacService;

function note(title: string, word: string): string {
  return digest({ title, date: '2026-02-06' }, `## 正文\n\n${word}\n`);
}

async function found(word: string): Promise<boolean> {
  return (await service.search({ query: word, limit: 1 })).total > 0;
}

beforeEach(async () => {
  vault = tempDir('almanac-svc-reindex-vault-');
  cache = tempDir('almanac-svc-reindex-cache-');
  for (let i = 0; i < 5; i++) vault.write(`weekly/w${i}.md`, note(`W${i}`, `common${i}`));
  service = new AlmanacService({ vaultPath: vault.root, dbPath: path.join(cache.root, 'index.db'), workerUrl: WORKER_URL, poolSize: 0 });
  await service.reindex();
});

afterEach(async () => {
  await service.close();
  vault.cleanup();
  cache.cleanup();
});

describe('AlmanacService.reindex with paths', () => {
  it('examines only the given paths, and the edit is searchable after the run', async () => {
    vault.write('weekly/w1.md', note('W1', 'zebrafish'));
    vault.write('weekly/w2.md', note('W2', 'walrus'));
    const s = await service.reindex({ paths: ['weekly/w1.md'] });
    expect(s).toMatchObject({ files: 1, indexed: 1, unchanged: 0 });
    expect(await found('zebrafish')).toBe(true);
    expect(await found('walrus')).toBe(false);
  });

  it('merges the paths of targeted requests queued behind a run into one follow-up run', async () => {
    vault.write('weekly/w1.md', note('W1', 'zebrafish'));
    vault.write('weekly/w2.md', note('W2', 'walrus'));
    vault.write('weekly/w3.md', note('W3', 'wombat'));
    const first = service.reindex({ paths: ['weekly/w0.md'] });
    const a = service.reindex({ paths: ['weekly/w1.md'] });
    const b = service.reindex({ paths: ['weekly/w2.md', 'weekly/w1.md'] });
    expect(b).toBe(a);
    await first;
    const s = await a;
    expect(s).toMatchObject({ files: 2, indexed: 2 });
    expect(await found('zebrafish')).toBe(true);
    expect(await found('walrus')).toBe(true);
    expect(await found('wombat')).toBe(false); // named by no request
  });

  it('a whole-vault request queued with targeted ones wins', async () => {
    const first = service.reindex({ paths: ['weekly/w0.md'] });
    vault.write('weekly/w1.md', note('W1', 'zebrafish'));
    vault.write('weekly/w3.md', note('W3', 'wombat'));
    const a = service.reindex({ paths: ['weekly/w1.md'] });
    const whole = service.reindex();
    const c = service.reindex({ paths: ['weekly/w4.md'] });
    expect(whole).toBe(a);
    expect(c).toBe(a);
    await first;
    expect(await a).toMatchObject({ files: 5, indexed: 2, unchanged: 3 });
    expect(await found('wombat')).toBe(true);
  });

  it('runs never overlap', async () => {
    const events: string[] = [];
    service.onEvent((e) => {
      if (e.type === 'index-finished') events.push('finished');
      if (e.type === 'index-progress' && e.progress.phase === 'scan') events.push('started');
    });
    await Promise.all([service.reindex({ paths: ['weekly/w0.md'] }), service.reindex({ paths: ['weekly/w1.md'] }), service.reindex()]);
    expect(events).toEqual(['started', 'finished', 'started', 'finished']);
  });

  it('refuses paths that are not a list of strings', async () => {
    await expect(service.reindex({ paths: 'weekly/w1.md' as unknown as string[] })).rejects.toThrow('reindex: paths must be an array of vault-relative paths');
    await expect(service.reindex({ paths: ['../x.md'] })).rejects.toThrow('contains ".." and could leave the vault');
  });
});
