import { describe, expect, it } from 'vitest';
import type { Digest } from '../../shared/api.js';
import { loadSelection, moved, reconciled, saveSelection, selectionKey, sortedByDate, withAdded, withoutIds, type SelectedSection } from './selection-model.js';

function item(id: string, path: string, date: string | null, heading = `H ${id.slice(0, 2)}`): SelectedSection {
  return { id, path, title: `T ${path}`, date, week: date ? '2026-W06' : null, heading, headingPath: heading };
}

const A = item('aa00000000000000', 'weekly/b.md', '2026-02-06');
const B = item('bb00000000000000', 'weekly/a.md', '2026-01-30');
const C = item('cc00000000000000', 'weekly/b.md', '2026-02-06');
const D = item('dd00000000000000', 'notes/undated.md', null);

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

describe('selection model', () => {
  it('adds without duplicates, removes, and moves items', () => {
    const items = withAdded(withAdded([], [A, B]), [B, C]);
    expect(items.map((i) => i.id)).toEqual([A.id, B.id, C.id]);
    expect(withoutIds(items, new Set([B.id])).map((i) => i.id)).toEqual([A.id, C.id]);
    expect(moved(items, 2, 0).map((i) => i.id)).toEqual([C.id, A.id, B.id]);
    expect(moved(items, 0, 99).map((i) => i.id)).toEqual([B.id, C.id, A.id]);
    expect(moved(items, 1, 1).map((i) => i.id)).toEqual([A.id, B.id, C.id]);
  });

  it('sorts oldest first, undated last, keeping the order of sections of one digest', () => {
    expect(sortedByDate([D, C, A, B]).map((i) => i.id)).toEqual([B.id, C.id, A.id, D.id]);
  });

  it('persists per vault and survives a corrupted or hostile entry', () => {
    const storage = memoryStorage();
    saveSelection(storage, '/v/one', [A, B]);
    expect(loadSelection(storage, '/v/one')).toEqual([A, B]);
    expect(loadSelection(storage, '/v/two')).toEqual([]);
    storage.setItem(selectionKey('/v/two'), '{not json');
    expect(loadSelection(storage, '/v/two')).toEqual([]);
    storage.setItem(selectionKey('/v/two'), JSON.stringify([A, { id: '../../etc', path: 'x' }, A, 7, { ...B, date: 5 }]));
    expect(loadSelection(storage, '/v/two')).toEqual([A]);
    saveSelection(storage, '/v/one', []);
    expect(storage.data.has(selectionKey('/v/one'))).toBe(false);
  });

  it('drops sections that left the index and refreshes the others', () => {
    const digest = {
      path: 'weekly/b.md', title: 'Renamed', date: '2026-02-07', week: '2026-W06',
      sections: [{ id: A.id, heading: 'New heading', level: 2, headingPath: 'New heading', ordinal: 1, start: 0, end: 5 }],
    } as unknown as Digest;
    const result = reconciled([A, B, C, D], new Map<string, Digest | null>([['weekly/b.md', digest], ['weekly/a.md', null]]));
    expect(result.items.map((i) => i.id)).toEqual([A.id, D.id]);
    expect(result.items[0]).toMatchObject({ title: 'Renamed', date: '2026-02-07', heading: 'New heading' });
    expect(result.dropped.map((i) => i.id)).toEqual([B.id, C.id]);
  });
});
