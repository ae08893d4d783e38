// Times the image routes (issue 16; target: a 500 KB image answered in at
// most 20 ms, warm): web mode's GET /api/image/<capability>/<path> over HTTP
// on 127.0.0.1 (full answers and 304 revalidations), and the desktop's
// app:// handler called in process. Prints p50 / p95 / max in ms.
//
//   node scripts/bench-image-route.mjs [--runs 300] [--kb 500]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { importTs } from './import-ts.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 300);
const KB = arg('kb', 500);

/** A valid PNG of about `bytes`: noise pixels, so deflate cannot shrink it. */
function noisePng(bytes) {
  const side = Math.ceil(Math.sqrt(bytes / 3));
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    data.copy(out, 8);
    out.writeUInt32BE(crc(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const rows = Buffer.concat(Array.from({ length: side }, () => Buffer.concat([Buffer.from([0]), randomBytes(side * 3)])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows, { level: 0 })), chunk('IEND', Buffer.alloc(0))]);
}

function stats(times) {
  const s = [...times].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return `p50 ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, max ${s[s.length - 1].toFixed(2)} ms (${s.length} runs)`;
}

function get(port, urlPath, headers = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request({ host: '127.0.0.1', port, path: urlPath, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let bytes = 0;
      res.on('data', (c) => (bytes += c.length));
      res.on('end', () => resolve({ ms: performance.now() - started, status: res.statusCode, etag: res.headers.etag, bytes }));
    });
    req.on('error', reject);
    req.end();
  });
}

const { module: bundle, cleanup } = await importTs(
  [
    "export { createServer } from './src/server/server.ts';",
    "export { imageUrl } from './src/server/image-route.ts';",
    "export { VaultImages } from './src/core/vault/images.ts';",
    "export { appImageUrl, appProtocolResponse } from './src/main/app-protocol.ts';",
  ].join('\n'),
  'image-bench',
);
const work = mkdtempSync(path.join(os.tmpdir(), 'almanac-image-bench-'));
try {
  const { createServer, imageUrl, VaultImages, appImageUrl, appProtocolResponse } = bundle;

  const vault = path.join(work, 'vault');
  const ui = path.join(work, 'ui');
  mkdirSync(path.join(vault, 'images'), { recursive: true });
  mkdirSync(ui);
  writeFileSync(path.join(ui, 'index.html'), '<!doctype html><title>bench</title>');
  const png = noisePng(KB * 1024);
  writeFileSync(path.join(vault, 'images', 'chart.png'), png);
  const images = new VaultImages(vault);
  const reader = { readImage: (p, tag) => images.serve(p, tag) };
  const api = { getSettings: async () => ({}), onEvent: () => () => undefined };
  const server = await createServer({ api, images: reader, staticDir: ui, token: 'bench-token-0123456789abcdef' });
  const url = imageUrl(server.token, 'images/chart.png');

  const first = await get(server.port, url);
  if (first.status !== 200 || first.bytes !== png.length) throw new Error(`image route answered ${first.status} with ${first.bytes} bytes`);
  for (let i = 0; i < 20; i++) await get(server.port, url);
  const full = [];
  for (let i = 0; i < RUNS; i++) full.push((await get(server.port, url)).ms);
  const revalidate = [];
  for (let i = 0; i < RUNS; i++) revalidate.push((await get(server.port, url, { 'if-none-match': first.etag })).ms);
  await server.close();

  const desktop = [];
  for (let i = 0; i < 20; i++) await appProtocolResponse(ui, appImageUrl('images/chart.png'), 'GET', { images: reader });
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const res = await appProtocolResponse(ui, appImageUrl('images/chart.png'), 'GET', { images: reader });
    await res.arrayBuffer();
    desktop.push(performance.now() - started);
  }
  console.log(`image of ${(png.length / 1024).toFixed(0)} KB, first answer (cold cache: sniff + hash) ${first.ms.toFixed(2)} ms`);
  console.log(`web mode, full answer (warm):        ${stats(full)}`);
  console.log(`web mode, 304 revalidation (warm):   ${stats(revalidate)}`);
  console.log(`desktop app:// handler (in process): ${stats(desktop)}`);
} finally {
  cleanup();
  rmSync(work, { recursive: true, force: true });
}
