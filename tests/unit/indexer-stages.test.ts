/** The read/parse stage (file-outcome.ts) and the write stage (write-batches.ts) of an index run, each on its own. */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileOutcome, PoolFailure, type FileOutcomeContext } from '../../src/core/index/file-outcome.js';
import { LinkTargetResolver } from '../../src/core/index/link-targets.js';
import type { ApplyStatus, Outcome } from '../../src/core/index/outcome.js';
import { RenameMatcher } from '../../src/core/index/renames.js';
import { InProcessWriter, StoreWriter, type OutcomeWriter } from '../../src/core/index/store-writer.js';
import { removeGone, WRITER_THREAD_MIN_FILES, withOutcomeWriter, writeInBatches } from '../../src/core/index/write-batches.js';
import { hashBytes } from '../../src/core/read/read.js';
import type { FileState } from '../../src/core/store/store.js';
import type { ScannedFile } from '../../src/core/types.js';
import { useIndexFixture } from '../helpers/index-fixture.js';
import { digest } from '../helpers/temp-vault.js';

const WRITER_URL = new URL('../../out/node/store-writer.js', import.meta.url);
const TEXT = digest({ title: '智能代理综述', date: '2026-02-03' }, '## 综述\n\n见 [图](../img/a.png) 与 [上一期](2026-01-30)。\n');

const fixture = useIndexFixture('almanac-stages');

function scannedFile(rel: string, content: string | Uint8Array): ScannedFile {
  const absPath = fixture.vault.write(rel, content);
  return { path: rel, absPath, size: Buffer.byteLength(content), mtimeMs: 1000 };
}

function indexedRow(rel: string, content: string): FileState {
  return { path: rel, size: 1, mtimeMs: 1, hash: hashBytes(Buffer.from(content)), status: 'indexed' };
}

function context(over: Partial<FileOutcomeContext> & { gone?: FileState[] } = {}): FileOutcomeContext {
  return {
    maxFileBytes: 1024 * 1024,
    formatChanged: false,
    stored: new Map(),
    renames: new RenameMatcher(over.gone ?? [], () => '智能代理综述'),
    links: new LinkTargetResolver(realpathSync(fixture.vault.root)),
    pool: fixture.pool,
    parseOptions: {},
    linkHrefs: () => [],
    ...over,
  };
}

describe('fileOutcome (read/parse stage)', () => {
  it('parses a new file, with its hash, encoding and resolved links', async () => {
    fixture.vault.write('img/a.png', Buffer.from([1, 2, 3]));
    const o = await fileOutcome(scannedFile('research/agents.md', TEXT), context());
    expect(o.kind).toBe('digest');
    if (o.kind !== 'digest') return;
    expect(o.record).toMatchObject({ path: 'research/agents.md', hash: hashBytes(Buffer.from(TEXT)), encoding: 'utf-8', warnings: [] });
    expect(o.record.parsed.title).toBe('智能代理综述');
    expect(o.record.links).toEqual([
      { external: false, targetKey: 'img/a.png', targetExists: true },
      { external: false, targetKey: 'research/2026-01-30', targetExists: false },
    ]);
  });

  it('is unchanged when the hash equals the indexed row, unless the index format changed', async () => {
    const f = scannedFile('a.md', TEXT);
    const stored = new Map([['a.md', indexedRow('a.md', TEXT)]]);
    expect(await fileOutcome(f, context({ stored }))).toEqual({ kind: 'unchanged', file: f });
    expect((await fileOutcome(f, context({ stored, formatChanged: true }))).kind).toBe('digest');
    const skippedBefore = new Map([['a.md', { ...indexedRow('a.md', TEXT), status: 'skipped' as const }]]);
    expect((await fileOutcome(f, context({ stored: skippedBefore }))).kind).toBe('digest');
  });

  it('moves the digest of a gone path with the same content, re-resolving its stored links from the new place', async () => {
    fixture.vault.write('img/a.png', Buffer.from([1]));
    const f = scannedFile('archive/agents.md', TEXT);
    const ctx = context({ gone: [indexedRow('research/agents.md', TEXT)], linkHrefs: (p) => (p === 'research/agents.md' ? ['../img/a.png'] : []) });
    expect(await fileOutcome(f, ctx)).toEqual({ kind: 'moved', from: 'research/agents.md', file: f, links: [{ external: false, targetKey: 'img/a.png', targetExists: true }] });
    // The gone path is taken: a second copy is parsed.
    expect((await fileOutcome(scannedFile('other/agents.md', TEXT), ctx)).kind).toBe('digest');
  });

  it('does not look for a move when the path is stored, or when the format changed', async () => {
    const gone = [indexedRow('research/agents.md', TEXT)];
    const f = scannedFile('archive/agents.md', TEXT);
    expect((await fileOutcome(f, context({ gone, formatChanged: true }))).kind).toBe('digest');
    const stored = new Map([['archive/agents.md', { ...indexedRow('archive/agents.md', 'other'), status: 'skipped' as const }]]);
    expect((await fileOutcome(f, context({ gone, stored }))).kind).toBe('digest');
  });

  it('skips an unreadable file with the reader\'s reason and hash', async () => {
    const bytes = Buffer.from([0x23, 0x00, 0x01]);
    const o = await fileOutcome(scannedFile('bad/binary.md', bytes), context());
    expect(o).toMatchObject({ kind: 'skipped', hash: hashBytes(bytes), problem: { code: 'binary', params: {} } });
    expect(await fileOutcome({ path: 'gone.md', absPath: path.join(fixture.vault.root, 'gone.md'), size: 1, mtimeMs: 1 }, context())).toMatchObject({
      kind: 'skipped',
      hash: null,
      problem: { code: 'cannot-read-file', params: { error: 'ENOENT' } },
    });
  });

  it('turns any other error into a skipped outcome naming it', async () => {
    const ctx = context({
      gone: [indexedRow('research/agents.md', TEXT)],
      linkHrefs: () => {
        throw new Error('no links table');
      },
    });
    expect(await fileOutcome(scannedFile('archive/agents.md', TEXT), ctx)).toMatchObject({
      kind: 'skipped',
      hash: null,
      problem: { code: 'could-not-be-indexed', params: { error: 'no links table' } },
    });
    // The move did not happen: the old path is released, to be removed with the other gone paths.
    expect(ctx.renames.unclaimed().map((r) => r.path)).toEqual(['research/agents.md']);
  });

  it('rejects with a PoolFailure naming the file when the parse pool fails', async () => {
    const ctx = context({ pool: { parse: () => Promise.reject(new Error('worker exited')) } });
    const failure = fileOutcome(scannedFile('weekly/w1.md', TEXT), ctx);
    await expect(failure).rejects.toBeInstanceOf(PoolFailure);
    await expect(failure).rejects.toThrow('the parser stopped working while reading weekly/w1.md: worker exited');
  });
});

function unchanged(p: string): Outcome {
  return { kind: 'unchanged', file: { path: p, absPath: `/v/${p}`, size: 1, mtimeMs: 1 } };
}

/** A writer whose batches are answered only when the test says so, with the statuses it is given. */
function heldWriter(statusesOf: (batch: readonly Outcome[]) => ApplyStatus[]) {
  const batches: { outcomes: readonly Outcome[]; answer: () => void; fail: (err: Error) => void }[] = [];
  const writer: OutcomeWriter = {
    apply: (outcomes) =>
      new Promise((resolve, reject) => batches.push({ outcomes, answer: () => resolve(statusesOf(outcomes)), fail: reject })),
    close: () => Promise.resolve(),
  };
  return { writer, batches };
}

async function* source(outcomes: Outcome[], taken: { count: number }): AsyncGenerator<Outcome> {
  for (const o of outcomes) {
    taken.count++;
    yield o;
  }
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('writeInBatches (write stage)', () => {
  it('collects the next batch while one is written, and waits for it before handing over another', async () => {
    const { writer, batches } = heldWriter((b) => b.map(() => 'unchanged'));
    const taken = { count: 0 };
    const outcomes = Array.from({ length: 7 }, (_, i) => unchanged(`f${i}.md`));
    let handed = 0;
    const done = writeInBatches(source(outcomes, taken), writer, { batchSize: 3, onBatch: () => handed++ });
    await tick();
    // Batch 1 is being written, batch 2 is handed over; taking more waits for batch 1.
    expect(batches.map((b) => b.outcomes.length)).toEqual([3, 3]);
    expect([taken.count, handed]).toEqual([6, 2]);
    batches[0]!.answer();
    await tick();
    expect(batches.map((b) => b.outcomes.length)).toEqual([3, 3, 1]);
    batches[1]!.answer();
    batches[2]!.answer();
    expect(await done).toEqual({ indexed: 0, unchanged: 7, moved: 0, skipped: 0, paths: outcomes.map((o) => (o.kind === 'unchanged' ? o.file.path : '')) });
    expect(batches.flatMap((b) => b.outcomes)).toEqual(outcomes);
  });

  it('counts indexed, unchanged, moved and skipped files (a failed one is recorded as skipped), with every path', async () => {
    const statuses: ApplyStatus[] = ['indexed', 'unchanged', 'moved', 'skipped', 'failed', 'failed', 'indexed'];
    const outcomes: Outcome[] = [
      unchanged('a.md'),
      unchanged('b.md'),
      { kind: 'moved', from: 'old/c.md', file: { path: 'c.md', absPath: '/v/c.md', size: 1, mtimeMs: 1 }, links: [] },
      unchanged('d.md'),
      { kind: 'moved', from: 'old/e.md', file: { path: 'e.md', absPath: '/v/e.md', size: 1, mtimeMs: 1 }, links: [] },
      unchanged('f.md'),
      unchanged('g.md'),
    ];
    const { writer, batches } = heldWriter((b) => statuses.slice(outcomes.indexOf(b[0]!), outcomes.indexOf(b[0]!) + b.length));
    const failedMoves: string[] = [];
    const done = writeInBatches(source(outcomes, { count: 0 }), writer, { batchSize: 4, onFailedMove: (from) => failedMoves.push(from) });
    for (let i = 0; i < 2; i++) {
      await tick();
      batches[i]!.answer();
    }
    expect(await done).toEqual({ indexed: 2, unchanged: 1, moved: 1, skipped: 3, paths: ['a.md', 'b.md', 'c.md', 'd.md', 'e.md', 'f.md', 'g.md'] });
    expect(failedMoves).toEqual(['old/e.md']);
  });

  it('fails, naming the files, when the writer answers fewer statuses than it was given outcomes', async () => {
    const { writer, batches } = heldWriter((b) => b.slice(1).map(() => 'unchanged'));
    const done = writeInBatches(source([unchanged('a.md'), unchanged('b.md'), unchanged('c.md')], { count: 0 }), writer, { batchSize: 3 });
    await tick();
    batches[0]!.answer();
    await expect(done).rejects.toThrow('the index writer answered 2 statuses for 3 files; without one: c.md');
  });

  it('stops when the outcomes fail, handing nothing more over', async () => {
    const { writer, batches } = heldWriter((b) => b.map(() => 'unchanged'));
    async function* failing(): AsyncGenerator<Outcome> {
      yield unchanged('a.md');
      yield unchanged('b.md');
      throw new Error('the parse pool failed');
    }
    const done = writeInBatches(failing(), writer, { batchSize: 1 });
    await tick();
    batches.forEach((b) => b.answer());
    await expect(done).rejects.toThrow('the parse pool failed');
    expect(batches.map((b) => b.outcomes.length)).toEqual([1, 1]);
  });

  it('rejects with the writer\'s failure', async () => {
    const { writer, batches } = heldWriter(() => []);
    const done = writeInBatches(source([unchanged('a.md'), unchanged('b.md')], { count: 0 }), writer, { batchSize: 1 });
    await tick();
    batches[0]!.fail(new Error('disk full'));
    await expect(done).rejects.toThrow('disk full');
  });

  it('writes real outcomes through a real store, counting a file that cannot be stored as neither', async () => {
    const writer = new InProcessWriter(fixture.store);
    const f = scannedFile('w/a.md', TEXT);
    const good = await fileOutcome(f, context());
    const bad = await fileOutcome(scannedFile('w/b.md', TEXT), context());
    if (bad.kind === 'digest') (bad.record.parsed.sections[0] as { heading: unknown }).heading = null; // NOT NULL
    const counts = await writeInBatches(source([good, bad], { count: 0 }), writer, { batchSize: 200 });
    await writer.close();
    expect(counts).toEqual({ indexed: 1, unchanged: 0, moved: 0, skipped: 1, paths: ['w/a.md', 'w/b.md'] });
    expect(fixture.store.skippedFiles()).toEqual([
      { path: 'w/b.md', code: 'could-not-be-stored', params: { error: expect.any(String) }, reason: expect.stringMatching(/^could not be stored/) },
    ]);
  });
});

describe('removeGone', () => {
  it('counts a path as removed only when its removal was stored', async () => {
    const { writer, batches } = heldWriter(() => ['removed', 'failed', 'removed']);
    const done = removeGone(writer, ['a.md', 'b.md', 'c.md']);
    batches[0]!.answer();
    expect(await done).toEqual({ removed: 2, failed: ['b.md'] });
    expect(batches[0]!.outcomes).toEqual([{ kind: 'removed', path: 'a.md' }, { kind: 'removed', path: 'b.md' }, { kind: 'removed', path: 'c.md' }]);
  });

  it('fails when the writer answers fewer statuses than paths', async () => {
    const { writer, batches } = heldWriter(() => ['removed']);
    const done = removeGone(writer, ['a.md', 'b.md']);
    batches[0]!.answer();
    await expect(done).rejects.toThrow('the index writer answered 1 statuses for 2 files; without one: b.md');
  });
});

describe('withOutcomeWriter', () => {
  const thread = { workerUrl: WRITER_URL };

  it('writes on this thread below WRITER_THREAD_MIN_FILES or without a writer thread, else from the thread; closes it after', async () => {
    const kinds: string[] = [];
    let last: OutcomeWriter | null = null;
    const use = async (files: number, t: typeof thread | undefined): Promise<void> =>
      withOutcomeWriter({ store: fixture.store, files, thread: t, signal: undefined }, async (w) => {
        kinds.push(w instanceof StoreWriter ? 'thread' : 'in-process');
        last = w;
        expect(await w.apply([unchanged('x.md')])).toEqual(['unchanged']);
      });
    await use(WRITER_THREAD_MIN_FILES - 1, thread);
    await use(WRITER_THREAD_MIN_FILES, undefined);
    await use(WRITER_THREAD_MIN_FILES, thread);
    expect(kinds).toEqual(['in-process', 'in-process', 'thread']);
    await expect(last!.apply([])).rejects.toThrow(/is closed/);
  });

  it('stops the writer thread at once on abort', async () => {
    const controller = new AbortController();
    await expect(
      withOutcomeWriter({ store: fixture.store, files: WRITER_THREAD_MIN_FILES, thread, signal: controller.signal }, async (w) => {
        controller.abort();
        return w.apply([unchanged('x.md')]);
      }),
    ).rejects.toThrow(/was stopped/);
  });
});
