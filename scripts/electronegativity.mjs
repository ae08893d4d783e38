// `npm run lint:security`: runs Doyensec's Electronegativity over the built
// desktop app (out/main, out/preload, out/renderer) and fails on any finding
// above LOW that docs/SECURITY.md does not accept, with a reason, in its
// "Accepted Electronegativity findings" table.
//
// Electronegativity is called through its runner (the package's `main`), which
// returns the findings as objects. Its CLI's CSV output is not used: the CLI
// writes the header and the rows with two concurrent `fs.writeFile` calls (one
// truncating, one appending), so the header sometimes overwrites the start of
// the first row and the file cannot be parsed (a CI run failed that way). Its
// attempt to fetch Electron's release list fails harmlessly offline.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const PARTS = ['main', 'preload', 'renderer'];
const SEVERITY_RANK = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 2, HIGH: 3, CRITICAL: 4 };

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

/**
 * One runner issue -> { check, severity, confidence, file, location, sample },
 * with `file` as `out/<part>/...` (the scan copies the parts into `<tmp>/out`).
 * A global finding with no file ("N/A") keeps that name; a malformed issue
 * throws, naming what is missing, rather than being skipped.
 */
export function toFinding(issue, scanDir) {
  const check = issue?.id;
  const severity = issue?.severity?.name;
  if (typeof check !== 'string' || typeof severity !== 'string') {
    throw new Error(`electronegativity returned a finding without an id or severity: ${JSON.stringify(issue)?.slice(0, 200)}`);
  }
  const raw = typeof issue.file === 'string' && issue.file !== '' ? issue.file : 'N/A';
  const rel = raw === 'N/A' ? raw : path.isAbsolute(raw) ? path.relative(scanDir, raw) : raw;
  const file = raw === 'N/A' ? raw : `out/${rel.split(path.sep).join('/')}`;
  const location = issue.location ? `${issue.location.line}:${issue.location.column}` : '';
  return { check, severity, confidence: issue.confidence?.name ?? '', file, location, sample: String(issue.sample ?? '').slice(0, 160) };
}

function electronVersion() {
  return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
}

async function main() {
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
    const run = require('@doyensec/electronegativity');
    const result = await run({ input: scan, isRelative: true, electronVersionOverride: electronVersion() });
    const findings = result.issues.map((issue) => toFinding(issue, scan));
    // A file it could not parse was not checked: that fails the lint (a
    // "tolerable" parser warning only gets printed).
    for (const error of result.errors ?? []) {
      const where = path.relative(scan, String(error.file ?? '?'));
      process.stderr.write(`lint:security: electronegativity ${error.tolerable ? 'warned on' : 'could not parse'} out/${where}: ${error.message}\n`);
      if (!error.tolerable) process.exitCode = 1;
    }
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

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    process.stderr.write(`lint:security: electronegativity failed: ${error?.stack ?? error}\n`);
    process.exitCode = 1;
  });
}
