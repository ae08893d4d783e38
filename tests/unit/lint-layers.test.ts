/**
 * The import rules of eslint.config.js, run through ESLint itself on made-up
 * files: the core's layer allow-list (almanac/layer-allow-list) fires on an
 * import that points the wrong way and stays quiet on allowed ones, and the
 * outer layer rules (no-restricted-imports) still apply inside the core.
 */
import { ESLint } from 'eslint';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: repo, overrideConfigFile: path.join(repo, 'eslint.config.js') });
});

/** The rule ids and messages ESLint reports for `code` at `filePath` (which need not exist). */
async function lint(filePath: string, code: string): Promise<{ ruleId: string | null; message: string }[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map(({ ruleId, message }) => ({ ruleId, message }));
}

const WRONG_WAY: [string, string, string][] = [
  ['store imports the search engine', 'src/core/store/x.ts', "import { SearchEngine } from '../search/engine.js';\nexport const x = SearchEngine;\n"],
  ['store imports the parser', 'src/core/store/x.ts', "import { resolveHref } from '../parse/links.js';\nexport const x = resolveHref;\n"],
  ['store imports a vault module other than paths', 'src/core/store/x.ts', "import { scanVault } from '../vault/scan.js';\nexport const x = scanVault;\n"],
  ['text imports the store (type only)', 'src/core/text/x.ts', "import type { Store } from '../store/store.js';\nexport type X = Store;\n"],
  ['search imports the service', 'src/core/search/x.ts', "export { AlmanacService } from '../service/almanac-service.js';\n"],
  ['series imports search (re-export of everything)', 'src/core/series/x.ts', "export * from '../search/engine.js';\n"],
  ['parse imports the indexer (dynamic import)', 'src/core/parse/x.ts', "export const load = () => import('../index/indexer.js');\n"],
  ['a nested parse file imports search', 'src/core/parse/fast/x.ts', "import { SearchEngine } from '../../search/engine.js';\nexport const x = SearchEngine;\n"],
  ['types.ts imports the store', 'src/core/types.ts', "import type { Store } from './store/store.js';\nexport type X = Store;\n"],
  ['service imports watch', 'src/core/service/x.ts', "import { startAutoReindex } from '../watch/auto-reindex.js';\nexport const x = startAutoReindex;\n"],
];

const ALLOWED: [string, string, string][] = [
  ['store imports the tokenizer', 'src/core/store/x.ts', "import { normalizeText } from '../text/tokenize.js';\nexport const x = normalizeText;\n"],
  ['store imports vault/paths', 'src/core/store/x.ts', "import { digestKey } from '../vault/paths.js';\nexport const x = digestKey;\n"],
  ['store imports its own modules and src/shared', 'src/core/store/x.ts', "import { SCHEMA_VERSION } from './schema.js';\nimport type { Facets } from '../../shared/api.js';\nexport const x: [number, Facets | null] = [SCHEMA_VERSION, null];\n"],
  ['a nested parse file imports the store', 'src/core/parse/fast/x.ts', "import { attachPrepared } from '../../store/prepare.js';\nexport const x = attachPrepared;\n"],
  ['search imports the store', 'src/core/search/x.ts', "import { SectionRange } from '../store/section-range.js';\nexport const x = SectionRange;\n"],
  ['watch imports the service', 'src/core/watch/x.ts', "import type { ReindexOptions } from '../service/almanac-service.js';\nexport type X = ReindexOptions;\n"],
  ['service imports search, series and export', 'src/core/service/x.ts', "export * from '../search/engine.js';\nexport * from '../series/series.js';\nexport * from '../export/index.js';\n"],
];

describe('the core layer allow-list', () => {
  it.each(WRONG_WAY)('fails when %s', async (_name, file, code) => {
    const messages = await lint(file, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.ruleId).toBe('almanac/layer-allow-list');
    expect(messages[0]!.message).toMatch(/^src\/core\/\S+ may not import src\/core\/\S+: \w+ may import /);
  });

  it('names both modules and what the layer may import', async () => {
    expect(await lint('src/core/store/x.ts', "import { SearchEngine } from '../search/engine.js';\nexport const x = SearchEngine;\n")).toEqual([
      {
        ruleId: 'almanac/layer-allow-list',
        message:
          'src/core/store/x may not import src/core/search/engine: store may import text, types, vault/paths. Imports point down the layers; move the shared piece into a layer both may import, or change the table in eslint.config.js if the layering itself changes.',
      },
    ]);
  });

  it.each(ALLOWED)('passes when %s', async (_name, file, code) => {
    expect(await lint(file, code)).toEqual([]);
  });

  it('fails for a core folder the table does not place', async () => {
    expect(await lint('src/core/newlayer/x.ts', "import { Store } from '../store/store.js';\nexport const x = Store;\n")).toEqual([
      {
        ruleId: 'almanac/layer-allow-list',
        message: 'src/core/newlayer is in no layer of the table in eslint.config.js: add "newlayer" with the layers it may import.',
      },
    ]);
  });
});

describe('the outer layer rules', () => {
  it.each([
    ['electron', "import { app } from 'electron';\nexport const x = app;\n"],
    ['the web server', "import { startServer } from '../../server/server.js';\nexport const x = startServer;\n"],
  ])('still keep %s out of the core', async (_name, code) => {
    const rules = (await lint('src/core/store/x.ts', code)).map((m) => m.ruleId);
    expect(rules.length).toBeGreaterThan(0);
    expect(new Set(rules)).toEqual(new Set(['no-restricted-imports']));
  });
});
