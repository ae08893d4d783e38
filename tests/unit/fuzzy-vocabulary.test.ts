import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { indexVault } from '../../src/core/index/indexer.js';
import type { ParsePool } from '../../src/core/parse/pool.js';
import { FuzzyVocabulary } from '../../src/core/search/fuzzy.js';
import { Store } from '../../src/core/store/store.js';
import { digest, tempDir, type TempDir } from '../helpers/temp-vault.js';
import { inProcessPool } from '../helpers/worker.js';

let vault: TempDir;
let cache: TempDir;
let store: Store;
let pool: ParsePool;

function note(word: string): string {
  return digest({ title: `Notes on ${word}`, date: '2026-02-06' }, `## Models\n\nToday: ${word} and more.\n`);
}

async function reindex(): Promise<void> {
  await indexVault({ vaultPath: vault.root, store, pool, settings: { exclude: [], maxFileBytes: 1 << 20 } });
}

beforeEach(async () => {
  vault = tempDir('almanac-vocab-vault-');
  cache = tempDir('almanac-vocab-cache-');
  store = Store.open(path.join(cache.root, 'index.db'));
  pool = inProcessPool();
  vault.write('a.md', note('anthropic'));
  await reindex();
});

afterEach(async () => {
  if (store.db.open) store.close();
  await pool.close();
  vault.cleanup();
  cache.cleanup();
});

describe('FuzzyVocabulary', () => {
  it('loads on the first lookup and expands a typo to the index word', () => {
    const vocab = new FuzzyVocabulary(store.db);
    expect(vocab.expand('antropic')).toEqual(['anthropic']);
    expect(vocab.expand('abc')).toEqual([]); // too short to tolerate a typo
    expect(vocab.stale).toBe(false);
  });

  it('preload() reads the words in the background, so that the first lookup needs no database read', async () => {
    const vocab = new FuzzyVocabulary(store.db, { pageSize: 1 });
    vocab.preload();
    expect(vocab.hasLongerTerms('anthrop')).toBe(true); // nothing read yet: keep the prefix
    await vocab.settled();
    const prepare = vi.spyOn(store.db, 'prepare');
    expect(vocab.expand('antropic')).toEqual(['anthropic']);
    expect(vocab.hasLongerTerms('anthropic')).toBe(false);
    expect(prepare).not.toHaveBeenCalled();
    prepare.mockRestore();
    expect(vocab.stale).toBe(false);
  });

  it('a lookup while a preload is still reading loads at once and gives the same answer', async () => {
    const vocab = new FuzzyVocabulary(store.db, { pageSize: 1 });
    vocab.preload();
    expect(vocab.expand('antropic')).toEqual(['anthropic']);
    await vocab.settled();
    expect(vocab.expand('antropic')).toEqual(['anthropic']);
    expect(vocab.stale).toBe(false);
  });

  it('does not typo-expand a word the index holds in many sections, and tells which tokens have longer terms', async () => {
    for (let i = 0; i < 25; i++) vault.write(`common-${i}.md`, note('quantization'));
    vault.write('typo.md', note('quantizaton'));
    vault.write('ver.md', note('codex5 codex'));
    await reindex();
    const vocab = new FuzzyVocabulary(store.db);
    expect(vocab.hasLongerTerms('anthropic')).toBe(true); // not loaded yet: keep the prefix
    expect(vocab.expand('quantizaton')).toEqual(['quantization']); // rare: a typo
    expect(vocab.expand('quantization')).toEqual([]); // in 25 sections: spelled right
    expect(vocab.expand('anthropic')).toEqual([]);
    expect(vocab.hasLongerTerms('anthropic')).toBe(false);
    expect(vocab.hasLongerTerms('anthrop')).toBe(true);
    expect(vocab.hasLongerTerms('codex')).toBe(true); // codex5 is not a word, but a longer term
    expect(vocab.expand('codec')).toEqual(['codex']); // only words are typo expansions
  });

  it('after clear() answers from the old words without touching the database, then refreshes in the background', async () => {
    const vocab = new FuzzyVocabulary(store.db, { pageSize: 1 });
    expect(vocab.expand('quantizaton')).toEqual([]);
    vault.write('b.md', note('quantization'));
    await reindex();
    vocab.clear();
    expect(vocab.stale).toBe(true);
    const prepare = vi.spyOn(store.db, 'prepare');
    expect(vocab.expand('quantizaton')).toEqual([]); // the old words, at once
    expect(vocab.expand('antropic')).toEqual(['anthropic']);
    expect(prepare).not.toHaveBeenCalled();
    prepare.mockRestore();
    await vocab.settled();
    expect(vocab.stale).toBe(false);
    expect(vocab.expand('quantizaton')).toEqual(['quantization']);
    expect(vocab.expand('antropic')).toEqual(['anthropic']);
  });

  it('a clear() during a refresh restarts it, so the words of the latest change are in', async () => {
    const vocab = new FuzzyVocabulary(store.db, { pageSize: 1 });
    vocab.expand('antropic');
    vault.write('b.md', note('alignment alpha beta gamma delta epsilon transformer'));
    await reindex();
    vocab.clear();
    await new Promise<void>((resolve) => setImmediate(resolve));
    await new Promise<void>((resolve) => setImmediate(resolve));
    vocab.clear(); // the refresh is a few pages in
    await vocab.settled();
    expect(vocab.stale).toBe(false);
    expect(vocab.expand('transformr')).toEqual(['transformer']);
    expect(vocab.expand('alignmnt')).toEqual(['alignment']);
  });

  it('drops a word removed from the index after the refresh', async () => {
    const vocab = new FuzzyVocabulary(store.db);
    expect(vocab.expand('antropic')).toEqual(['anthropic']);
    vault.write('a.md', note('mistral'));
    await reindex();
    vocab.clear();
    await vocab.settled();
    expect(vocab.expand('antropic')).toEqual([]);
    expect(vocab.expand('mistrl')).toEqual(['mistral']);
  });

  it('a refresh pending when the index closes ends quietly and keeps the old words', async () => {
    const vocab = new FuzzyVocabulary(store.db);
    vocab.expand('antropic');
    vocab.clear();
    store.close();
    await vocab.settled();
    expect(vocab.stale).toBe(true);
    expect(vocab.expand('antropic')).toEqual(['anthropic']);
  });

  it('clear() before any lookup reads nothing until a lookup needs the words', async () => {
    const vocab = new FuzzyVocabulary(store.db);
    const prepare = vi.spyOn(store.db, 'prepare');
    vocab.clear();
    await vocab.settled();
    expect(prepare).not.toHaveBeenCalled();
    prepare.mockRestore();
    expect(vocab.expand('antropic')).toEqual(['anthropic']);
  });
});
