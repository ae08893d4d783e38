// electron-vite builds the three parts of the desktop app into out/:
//   out/main      the main process (ESM);
//   out/preload   the sandboxed preload: one CommonJS file with the shared
//                 constants bundled in (a sandboxed preload can require only 'electron');
//   out/renderer  the React UI, also served by `almanac serve`.
// Packages in package.json "dependencies" stay external in main (electron-vite
// default), so better-sqlite3 loads its native binary at run time.
// The worker threads the main process starts (parse worker, index writer) are
// not built here: esbuild's out/node/ bundles (scripts/build-node.mjs) are the
// only build of them, already run by the CLI, the web mode, the bench and the
// tests; the main process starts those (src/main/desktop-paths.ts
// nodeWorkerUrls). `npm run build` and `npm start` build out/node first.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/**
 * `electron-vite dev` only: React's hot reload injects an inline script and
 * talks to Vite over a WebSocket, which the UI's strict CSP meta tag forbids.
 * Relax exactly those two directives in the dev server's HTML; builds keep the
 * strict policy untouched.
 */
function devServerCsp(): Plugin {
  return {
    name: 'almanac-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws://localhost:* ws://127.0.0.1:*"),
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      sourcemap: true,
      rollupOptions: {
        input: { index: resolve('src/main/index.ts') },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    plugins: [react(), devServerCsp()],
    build: {
      outDir: resolve('out/renderer'),
      emptyOutDir: true,
      // electron-vite leaves bundles unminified; the UI is also served over HTTP in web mode.
      minify: true,
      rollupOptions: { input: resolve('src/renderer/index.html') },
    },
  },
});
