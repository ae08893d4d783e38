import { describe, expect, it } from 'vitest';
import { canMove, RenameMatcher } from '../../src/core/index/renames.js';
import type { FileState } from '../../src/core/store/store.js';

describe('canMove', () => {
  it.each<[string, string, string | null, boolean, string]>([
    // [from, to, stored title, can move, why]
    ['research/agents.md', 'archive/agents.md', null, true, 'same name in another folder: nothing derived from the name changes'],
    ['a/week.md', 'b/week.markdown', 'old-title', true, 'the extension is not part of the name'],
    ['notes/old-name.md', 'notes/new-name.md', 'old-name', false, 'the title came from the old name'],
    ['notes/old-name.md', 'notes/new-name.md', '智能代理综述', true, 'a title of its own, and no date in either name'],
    ['weekly/2026-01-30.md', 'weekly/2026-02-06.md', 'AI 周报', false, 'the date the name gives changed'],
    ['weekly/2026-01-30.md', 'archive/weekly-2026-01-30.md', 'AI 周报', true, 'another name with the same date'],
    ['weekly/2026-W05.md', 'weekly/2026-01-26-w05.md', 'AI 周报', false, 'week 5 and its Monday: the same date, but a week against a day'],
    ['2025-06/11.md', '2025-07/11.md', 'AI 周报', false, 'the same name, but the folders give another date'],
    ['posts/a/index.md', 'posts/b/index.md', 'a', false, 'a bundle titled by its folder, which changed'],
    ['posts/a/index.md', 'posts/b/index.md', 'Stated', true, 'a bundle page with a title of its own'],
    ['news/issue-9.md', 'news/issue-10.md', 'Stated', false, 'the issue number of the name changed'],
    ['notes/a.md', 'notes/a.mdx', 'Stated', false, 'MDX is read differently'],
    ['notes/old-name.md', 'notes/new-name.md', null, false, 'no digest stored for the old path'],
  ])('%s -> %s (title %s): %s, %s', (from, to, title, expected) => {
    expect(canMove(from, to, () => title)).toBe(expected);
  });

  it('asks for the stored title only when the names differ', () => {
    let asked = 0;
    const title = (): string => (asked++, 'x');
    canMove('a/same.md', 'b/same.md', title);
    expect(asked).toBe(0);
    canMove('a/one.md', 'b/two.md', title);
    expect(asked).toBe(1);
  });
});

function gone(path: string, hash: string | null, status: FileState['status'] = 'indexed'): FileState {
  return { path, size: 10, mtimeMs: 1, hash, status };
}

describe('RenameMatcher', () => {
  const titles: Record<string, string> = { 'old/a.md': 'A', 'old/b.md': 'B', 'old/c.md': 'c' };
  const titleOf = (path: string): string | null => titles[path] ?? null;

  it('gives each gone path to one new file at most, in the order the paths were gone', () => {
    const m = new RenameMatcher([gone('old/a.md', 'h1'), gone('old/b.md', 'h1'), gone('old/c.md', 'h2')], titleOf);
    expect(m.claim('h1', 'new/x.md')).toBe('old/a.md');
    expect(m.claim('h1', 'new/y.md')).toBe('old/b.md');
    expect(m.claim('h1', 'new/z.md')).toBeNull();
    expect(m.claim('h3', 'new/c.md')).toBeNull();
    expect(m.unclaimed().map((r) => r.path)).toEqual(['old/c.md']);
  });

  it('skips a gone path that cannot move to the new name, and takes the next one', () => {
    // old/c.md's title is its file name: it cannot move to another name, but it can keep its name in another folder.
    const m = new RenameMatcher([gone('old/c.md', 'h'), gone('old/a.md', 'h')], titleOf);
    expect(m.claim('h', 'new/other.md')).toBe('old/a.md');
    expect(m.claim('h', 'new/other2.md')).toBeNull();
    expect(m.claim('h', 'new/c.md')).toBe('old/c.md');
  });

  it('never moves a path that was not indexed, or has no hash', () => {
    const m = new RenameMatcher([gone('old/a.md', 'h', 'skipped'), gone('old/b.md', null)], titleOf);
    expect(m.claim('h', 'new/a.md')).toBeNull();
    expect(m.unclaimed().map((r) => r.path)).toEqual(['old/a.md', 'old/b.md']);
  });

  it('a released claim is removed with the other gone paths', () => {
    const m = new RenameMatcher([gone('old/a.md', 'h'), gone('old/b.md', 'h2')], titleOf);
    expect(m.claim('h', 'new/a.md')).toBe('old/a.md');
    expect(m.unclaimed().map((r) => r.path)).toEqual(['old/b.md']);
    m.release('old/a.md');
    expect(m.unclaimed().map((r) => r.path)).toEqual(['old/a.md', 'old/b.md']);
  });
});
