import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import matter from 'gray-matter';
import { ensureVault, formatSize, parseSize, planVault, renderDigest, writeVault } from '../../bench/generate.js';

const temps: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'almanac-bench-gen-'));
  temps.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** One hash over every file's path and bytes, in sorted path order. */
function hashTree(root: string): string {
  const hash = crypto.createHash('sha256');
  const files = (fs.readdirSync(root, { recursive: true }) as string[])
    .map((p) => p.split(path.sep).join('/'))
    .filter((p) => fs.statSync(path.join(root, p)).isFile())
    .sort();
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(fs.readFileSync(path.join(root, file)));
  }
  return hash.digest('hex');
}

describe('bench vault generator', () => {
  it('writes byte-identical vaults for the same seed and different ones for another seed', () => {
    const root = tempDir();
    writeVault(path.join(root, 'a'), 40, 7);
    writeVault(path.join(root, 'b'), 40, 7);
    writeVault(path.join(root, 'c'), 40, 8);
    const a = hashTree(path.join(root, 'a'));
    expect(hashTree(path.join(root, 'b'))).toBe(a);
    expect(hashTree(path.join(root, 'c'))).not.toBe(a);
  });

  it('renders each digest from its own seeded stream, whatever was rendered before', () => {
    const plan = planVault(40, 3);
    // Rendering other digests first must not change digest 5 (no shared PRNG state).
    renderDigest(plan, 9);
    expect(renderDigest(plan, 5)).toBe(renderDigest(planVault(40, 3), 5));
    expect(renderDigest(plan, 5)).not.toBe(renderDigest(plan, 6));
  });

  it('writes weekly digests of about 10 KB with front matter, 5-15 sections and week links', () => {
    const dir = path.join(tempDir(), 'v');
    const manifest = writeVault(dir, 24, 1);
    const plan = planVault(24, 1);
    expect(manifest.files).toBe(24);
    expect(new Set(plan.digests.map((d) => d.path)).size).toBe(24);
    expect(manifest.bytes / manifest.files).toBeGreaterThan(8_000);
    expect(manifest.bytes / manifest.files).toBeLessThan(13_000);
    for (const d of plan.digests) {
      const text = fs.readFileSync(path.join(dir, d.path), 'utf8');
      const fm = matter(text, {});
      expect(fm.data.title).toMatch(/^\d{4}年第\d+周/);
      expect(fm.data.date instanceof Date ? fm.data.date.toISOString().slice(0, 10) : fm.data.date).toBe(d.date);
      expect(Array.isArray(fm.data.tags)).toBe(true);
      expect(fm.data.layout).toBe('layouts/post.njk');
      const headings = fm.content.match(/^#{2,3} /gm) ?? [];
      expect(headings.length).toBeGreaterThanOrEqual(5);
      expect(headings.length).toBeLessThanOrEqual(15);
      expect(text).toMatch(/[\u4e00-\u9fff]{4}/);
      expect(text).toMatch(/\*\*[^*]+\*\*/);
    }
    // Issues after the first week link back to the previous week of their series.
    const later = plan.digests.find((d) => d.week > 0);
    if (!later) throw new Error('plan has no second week');
    const prev = plan.digests[later.index - plan.series.length];
    if (!prev) throw new Error('no previous issue');
    const prevStem = path.posix.basename(prev.path, '.md');
    expect(fs.readFileSync(path.join(dir, later.path), 'utf8')).toContain(`[上周](./${prevStem})`);
  });

  it('spreads dates one week apart within a series', () => {
    const plan = planVault(20, 1);
    const series0 = plan.digests.filter((d) => d.series === 0);
    const days = series0.map((d) => Date.parse(`${d.date}T00:00:00Z`) / 86_400_000);
    for (let i = 1; i < days.length; i++) expect((days[i] as number) - (days[i - 1] as number)).toBe(7);
  });

  it('reuses a cached vault and regenerates a deleted one', () => {
    const root = tempDir();
    const first = ensureVault(12, 5, root);
    expect(first.reused).toBe(false);
    expect(first.dir).toBe(path.join(root, '12-5'));
    const hash = hashTree(first.dir);
    const second = ensureVault(12, 5, root);
    expect(second.reused).toBe(true);
    fs.rmSync(first.dir, { recursive: true });
    const third = ensureVault(12, 5, root);
    expect(third.reused).toBe(false);
    expect(hashTree(third.dir)).toBe(hash);
    expect(fs.readdirSync(root).sort()).toEqual(['12-5', '12-5.json']);
  });

  it('parses and formats sizes', () => {
    expect(parseSize('1k')).toBe(1000);
    expect(parseSize('50K')).toBe(50_000);
    expect(parseSize('250')).toBe(250);
    expect(() => parseSize('ten')).toThrow('bench: --size must be a count like 1k, 10k, 50k or 250, got "ten"');
    expect(formatSize(10_000)).toBe('10k');
    expect(formatSize(250)).toBe('250');
  });
});
