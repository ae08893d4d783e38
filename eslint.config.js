// Lint: typescript-eslint recommended rules plus the layer rules of
// docs/ARCHITECTURE.md: imports only point down (shared <- core <- main/server/cli),
// nothing imports main/server/cli/renderer, core never imports electron or React,
// the renderer never imports Node or the core.
import tseslint from 'typescript-eslint';

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
);
