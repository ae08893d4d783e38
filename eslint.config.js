// Lint: typescript-eslint recommended rules plus the layer rules of
// docs/ARCHITECTURE.md: imports only point down (shared <- core <- main/server/cli),
// nothing imports main/server/cli/renderer, core never imports electron or React,
// the renderer never imports Node or the core; inside src/core, the folders follow
// the allow-list CORE_LAYERS.
//
// One config object per concern below; add a new concern (size limits...) as an
// object of its own with its `files`, after the ones it refines.
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';
import { layerAllowList } from './eslint-rules/layer-allow-list.js';

const layer = (files, forbidden, message) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: forbidden.map((group) => ({ group: [group], message })),
      },
    ],
  },
});

// Relative imports of another layer's folder ("../server/x.js"); package paths such as
// react-dom/server are not layers.
const UP = (...dirs) => dirs.flatMap((d) => [`**/../${d}`, `**/../${d}/**`]);

/**
 * Which folder of src/core may import which others (a folder, or one module of
 * it such as "vault/paths"); types.ts at the core's root is the layer "types".
 * From the bottom: text and types import nothing of the core; vault and read
 * sit on types; store on text and vault/paths only; parse, search, series and
 * export above store; index above those it runs (series: its vault-wide
 * step); paths on vault; service above everything but watch, which sits on
 * service. A folder missing here may import no other folder.
 */
const CORE_LAYERS = {
  text: [],
  types: [],
  vault: ['types'],
  read: ['types'],
  store: ['text', 'types', 'vault/paths'],
  parse: ['store', 'text', 'types', 'vault'],
  search: ['store', 'text', 'types'],
  series: ['store', 'text', 'types'],
  export: ['parse', 'store', 'text', 'types', 'vault'],
  index: ['parse', 'read', 'series', 'store', 'text', 'types', 'vault'],
  paths: ['vault'],
  service: ['export', 'index', 'parse', 'paths', 'read', 'search', 'series', 'store', 'text', 'types', 'vault'],
  watch: ['service', 'types', 'vault'],
};

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', '.native/**', 'test-results/**', 'playwright-report/**', 'bench-results/**', 'tmp-prof/**'],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  layer(['src/shared/**'], [...UP('core', 'main', 'preload', 'server', 'cli', 'renderer'), 'node:*', 'electron', 'react'],
    'src/shared is runtime-neutral: it imports nothing of ours and no runtime.'),
  layer(['src/core/**'], [...UP('main', 'preload', 'server', 'cli', 'renderer'), 'electron', 'react', 'react-dom'],
    'src/core may import only src/shared; never electron or React.'),
  layer(['src/main/**'], [...UP('server', 'cli', 'renderer', 'preload')],
    'src/main may import core and shared only.'),
  layer(['src/preload/**'], [...UP('core', 'main', 'server', 'cli', 'renderer')],
    'src/preload may import shared (types) only.'),
  layer(['src/server/**'], [...UP('main', 'preload', 'cli', 'renderer'), 'electron'],
    'src/server may import core and shared only.'),
  layer(['src/cli/**'], [...UP('main', 'preload', 'renderer'), 'electron'],
    'src/cli may import core, server and shared only.'),
  layer(['src/renderer/**'], [...UP('core', 'main', 'preload', 'server', 'cli'), 'node:*', 'electron', 'better-sqlite3'],
    'src/renderer runs in the browser: it may import src/shared only.'),
  {
    files: ['src/core/**'],
    plugins: { almanac: { rules: { 'layer-allow-list': layerAllowList } } },
    rules: {
      'almanac/layer-allow-list': ['error', { root: fileURLToPath(new URL('./src/core', import.meta.url)), layers: CORE_LAYERS }],
    },
  },
  // Size: a module a newcomer reads in one sitting, a function that fits a screen. Every line counts
  // (comments too). React components (.tsx: JSX is layout) and tests (a scenario reads top to bottom) are
  // left out.
  {
    files: ['src/**/*.ts', 'scripts/**/*.mjs', 'bench/**/*.ts', 'bench/**/*.mjs', 'eslint-rules/**/*.js'],
    ignores: ['**/*.d.ts'],
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: false, skipComments: false, IIFEs: true }],
    },
  },
);
