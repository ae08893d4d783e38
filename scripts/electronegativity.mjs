// `npm run lint:security`: runs Doyensec's Electronegativity over the built
// desktop app (out/main, out/preload, out/renderer) and fails on any finding
// above LOW that docs/SECURITY.md does not accept, with a reason, in its
// "Accepted Electronegativity findings" table. Electronegativity itself exits 0
// whatever it finds, so this script reads its CSV. It runs offline (its
// attempt to fetch Electron's release list fails harmlessly).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const PARTS = ['main', 'preload', 'renderer'];
const SEVERITY_RANK = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 2, HIGH: 3, CRITICAL: 4 };

/** One CSV line -> fields (quoted fields may hold commas and doubled quotes). */
export function parseCsvLine(line) {
  const fields = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  fields.push(cur.trim());
  return fields;
}

/** Rows `| CHECK_ID | out/path/glob | reason |` of the accepted-findings table in docs/SECURITY.md. */
export function acceptedFindings(markdown) {
  const start = markdown.search(/^##+ Accepted Electronegativity findings/m);
  if (start < 0) return [];
  const section = markdown.slice(start).split(/\n##? /)[0];
  const rows = [];
  for (const line of section.split('\n')) {
    const cells = line.split('|').slice(1, -1).map((c) => c.trim().replace(/^`|`$/g, ''));
    if (cells.length < 3 || !/^[A-Z_]+$/.test(cells[0]) || cells[2] === '') continue;
    rows.push({ check: cells[0], file: cells[1], reason: cells[2] });
  }
  return rows;
}

function globToRegExp(glob) {
  const re = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\u0000/g, '.*');
  return new RegExp(`^${re}$`);
}

export function isAccepted(finding, accepted) {
  return accepted.some((a) => a.check === finding.check && globToRegExp(a.file).test(finding.file));
}

function electronVersion() {
  return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
}

function main() {
  for (const part of PARTS) {
    if (!fs.existsSync(path.join(root, 'out', part))) {
      process.stderr.write(`lint:security: out/${part} is missing; run \`npm run build\` first\n`);
      process.exit(1);
    }
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'almanac-egn-'));
  try {
    // Scan only the desktop app (out/node and others are not loaded by Electron).
    const scan = path.join(tmp, 'out');
    for (const part of PARTS) fs.cpSync(path.join(root, 'out', part), path.join(scan, part), { recursive: true, filter: (f) => !f.endsWith('.map') });
    const csv = path.join(tmp, 'findings.csv');
    const bin = path.join(path.dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist', 'index.js');
    const run = spawnSync(process.execPath, [bin, '-i', scan, '-e', electronVersion(), '-o', csv, '-r'], {
      encoding: 'utf8',
      timeout: 10 * 60_000,
    });
    if (run.error || !fs.existsSync(csv)) {
      process.stderr.write(`lint:security: electronegativity did not run: ${run.error?.message ?? run.stderr}\n`);
      process.exitCode = 1;
      return;
    }
    const lines = fs.readFileSync(csv, 'utf8').split('\n').slice(1).filter((l) => l.trim() !== '');
    const findings = lines.map((l) => {
      const [check, severity, confidence, file, location, sample] = parseCsvLine(l);
      const rel = path.isAbsolute(file) ? path.relative(tmp, file) : path.join('out', file);
      return { check, severity, confidence, file: rel.split(path.sep).join('/'), location, sample };
    });
    const accepted = acceptedFindings(fs.readFileSync(path.join(root, 'docs', 'SECURITY.md'), 'utf8'));
    const serious = findings.filter((f) => (SEVERITY_RANK[f.severity] ?? 4) > SEVERITY_RANK.LOW);
    const open = serious.filter((f) => !isAccepted(f, accepted));
    process.stdout.write(
      `Electronegativity (Electron ${electronVersion()}): ${findings.length} findings, ${serious.length} above LOW, ` +
        `${serious.length - open.length} accepted in docs/SECURITY.md\n`,
    );
    for (const f of open) {
      process.stdout.write(`  ${f.severity} ${f.check} ${f.file}:${f.location}  ${f.sample}\n`);
    }
    if (open.length > 0) {
      process.stdout.write('Fix these, or accept each in docs/SECURITY.md ("Accepted Electronegativity findings") with the reason.\n');
      process.exitCode = 1; // not process.exit(): the finally below removes the temp folder
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
