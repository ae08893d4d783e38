/**
 * Seeded generator of synthetic vaults for `npm run bench`: weekly digests of
 * about 10 KB of Chinese AI/tech news mixed with English product names, with
 * YAML front matter, 5-15 `##`/`###` sections, lists, bold names, links to
 * other weeks (relative, seed style) and external URLs, spread over several
 * series folders.
 *
 * Deterministic: the same (size, seed) gives byte-identical files, because
 * every digest draws from its own PRNG stream and nothing reads the clock, the
 * locale or the file system while rendering.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addDays, isoWeekOf } from '../src/shared/dates.js';
import { Rng } from './rng.js';
import {
  COMPANIES,
  EN_WORDS,
  EXTERNAL_SITES,
  PEOPLE,
  PRODUCTS,
  SECTION_HEADINGS,
  SERIES,
  TAGS,
  ZH_CLAUSES,
  ZH_TERMS,
  ZH_TRANSITIONS,
  ZH_VERBS,
} from './vocabulary.js';

/** Bump when the output changes, so cached vaults of an older generator are rebuilt. */
export const GENERATOR_VERSION = 1;

/** The newest week of every series; older weeks count back from here. */
const LAST_DATE = '2026-11-27';
const DIGESTS_PER_SERIES = 500;
const MIN_SERIES = 4;

export type FileNaming = 'iso-week' | 'date' | 'issue';

export interface SeriesPlan {
  folder: string;
  name: string;
  naming: FileNaming;
}

export interface DigestPlan {
  index: number;
  series: number;
  /** 0 = the oldest issue of its series. */
  week: number;
  date: string;
  isoWeek: string;
  /** Vault-relative POSIX path. */
  path: string;
}

export interface VaultPlan {
  size: number;
  seed: number;
  series: SeriesPlan[];
  digests: DigestPlan[];
}

export interface VaultManifest {
  generatorVersion: number;
  size: number;
  seed: number;
  files: number;
  bytes: number;
  series: string[];
}

/** "1k" -> 1000, "10k" -> 10000, "250" -> 250. */
export function parseSize(text: string): number {
  const m = /^(\d+)(k?)$/i.exec(text.trim());
  const n = m ? Number(m[1]) * (m[2] ? 1000 : 1) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new Error(`bench: --size must be a count like 1k, 10k, 50k or 250, got "${text}"`);
  }
  return n;
}

/** "1k" for 1000, "250" for 250: the name used in cache folders and result files. */
export function formatSize(size: number): string {
  return size % 1000 === 0 ? `${size / 1000}k` : String(size);
}

function seriesPlan(count: number): SeriesPlan[] {
  const namings: FileNaming[] = ['iso-week', 'date', 'iso-week', 'issue'];
  return Array.from({ length: count }, (_, i) => {
    const base = SERIES[i % SERIES.length] as (typeof SERIES)[number];
    const round = Math.floor(i / SERIES.length);
    return {
      folder: round === 0 ? base.folder : `${base.folder}-${round + 1}`,
      name: round === 0 ? base.name : `${base.name}（${round + 1}）`,
      naming: namings[i % namings.length] as FileNaming,
    };
  });
}

function fileStem(series: SeriesPlan, week: number, date: string): string {
  switch (series.naming) {
    case 'iso-week':
      return isoWeekOf(date);
    case 'date':
      return date;
    case 'issue':
      return `issue-${week + 1}`;
  }
}

/** Where every digest goes and which week it is: cheap, no text rendered. */
export function planVault(size: number, seed: number): VaultPlan {
  const seriesCount = Math.max(MIN_SERIES, Math.ceil(size / DIGESTS_PER_SERIES));
  const series = seriesPlan(seriesCount);
  const weeksPerSeries = Math.ceil(size / seriesCount);
  const firstDate = addDays(LAST_DATE, -7 * (weeksPerSeries - 1));
  const digests: DigestPlan[] = [];
  for (let index = 0; index < size; index++) {
    const s = index % seriesCount;
    const week = Math.floor(index / seriesCount);
    // Series publish on different weekdays (Monday to Friday).
    const date = addDays(firstDate, 7 * week - (s % 5));
    const plan = series[s] as SeriesPlan;
    digests.push({
      index,
      series: s,
      week,
      date,
      isoWeek: isoWeekOf(date),
      path: `${plan.folder}/${fileStem(plan, week, date)}.md`,
    });
  }
  return { size, seed, series, digests };
}

/** Appends text while counting UTF-8 bytes, to hit a target file size. */
class Writer {
  private readonly parts: string[] = [];
  bytes = 0;

  add(text: string): void {
    this.parts.push(text);
    this.bytes += Buffer.byteLength(text, 'utf8');
  }

  toString(): string {
    return this.parts.join('');
  }
}

class DigestRenderer {
  private readonly rng: Rng;
  private readonly out = new Writer();
  /** Companies and products this issue is "about": they recur, as in a real issue. */
  private readonly focusCompanies: string[];
  private readonly focusProducts: string[];

  constructor(
    private readonly vault: VaultPlan,
    private readonly digest: DigestPlan,
  ) {
    this.rng = new Rng(vault.seed, digest.index);
    this.focusCompanies = this.rng.sample(COMPANIES.slice(0, 30), 4);
    this.focusProducts = this.rng.sample(PRODUCTS.slice(0, 30), 4);
  }

  render(): string {
    const rng = this.rng;
    const target = rng.int(8_500, 11_500);
    this.frontMatter();
    this.out.add(`${this.paragraph(rng.int(3, 5))}\n\n---\n\n`);
    const sectionCount = rng.int(5, 15);
    const footer = this.footer();
    const footerBytes = Buffer.byteLength(footer, 'utf8');
    let h3 = 0;
    for (let s = 0; s < sectionCount; s++) {
      const left = sectionCount - s;
      const budget = Math.max(300, (target - footerBytes - this.out.bytes) / left);
      if (s === 0 || s === sectionCount - 1 || rng.chance(0.35)) {
        h3 = 0;
        const heading = s === 0 ? '亮点回顾' : s === sectionCount - 1 ? '总结' : rng.pick(SECTION_HEADINGS);
        this.out.add(`## ${heading}\n\n`);
      } else {
        h3++;
        this.out.add(`### ${h3}. ${this.company()} ${rng.zipf(ZH_TERMS)}${rng.pick(['新进展', '动态', '观察', '点评', '与市场'])}\n\n`);
      }
      this.sectionBody(budget, s === 0);
    }
    this.out.add(footer);
    return this.out.toString();
  }

  private company(): string {
    return this.rng.chance(0.6) ? this.rng.pick(this.focusCompanies) : this.rng.zipf(COMPANIES);
  }

  private product(): string {
    return this.rng.chance(0.6) ? this.rng.pick(this.focusProducts) : this.rng.zipf(PRODUCTS);
  }

  private frontMatter(): void {
    const rng = this.rng;
    const d = this.digest;
    const series = this.vault.series[d.series] as SeriesPlan;
    const [year, week] = d.isoWeek.split('-W');
    const title = `${year}年第${Number(week)}周${series.name}`;
    const tags = rng.sample(TAGS, rng.int(2, 5));
    const lines = ['---', `title: ${title}`];
    lines.push(rng.chance(0.3) ? 'description:' : `description: ${this.company()}${rng.pick(ZH_VERBS)}${this.product()}，${rng.pick(ZH_CLAUSES)}`);
    lines.push(`date: ${d.date}`);
    if (rng.chance(0.5)) lines.push(`scheduled: ${d.date}`);
    lines.push('tags:', ...tags.map((t) => `  - ${t}`));
    lines.push('layout: layouts/post.njk', '---', '');
    this.out.add(lines.join('\n'));
  }

  private sentence(): string {
    const rng = this.rng;
    const lead = rng.chance(0.3) ? rng.pick(ZH_TRANSITIONS) : '';
    switch (rng.int(0, 7)) {
      case 0:
        return `${lead}${this.company()}${rng.pick(ZH_VERBS)}**${this.product()}**，${rng.pick(ZH_CLAUSES)}。`;
      case 1:
        return `${lead}${this.company()}在${rng.zipf(ZH_TERMS)}领域${rng.pick(ZH_VERBS)}新的${rng.zipf(ZH_TERMS)}方案，${rng.pick(ZH_CLAUSES)}。`;
      case 2:
        return `${rng.pick(PEOPLE)}表示，${rng.zipf(ZH_TERMS)}与${rng.zipf(ZH_TERMS)}的结合将改变${rng.zipf(ZH_TERMS)}的格局。`;
      case 3:
        return `${lead}${this.product()}的${rng.zipf(ZH_TERMS)}能力提升${rng.int(5, 300)}%，${rng.zipf(EN_WORDS)}成本下降至每百万token ${rng.int(1, 40)}美元。`;
      case 4:
        return `${this.company()} shipped ${this.product()} with better ${rng.zipf(EN_WORDS)} and ${rng.zipf(EN_WORDS)}. `;
      case 5:
        return `${lead}${this.company()}完成${rng.int(1, 90)}亿美元融资，用于${rng.zipf(ZH_TERMS)}和${rng.zipf(ZH_TERMS)}，${rng.pick(ZH_CLAUSES)}。`;
      case 6:
        return `${lead}围绕${rng.zipf(ZH_TERMS)}的讨论持续升温，${this.company()}与${this.company()}在${rng.zipf(ZH_TERMS)}上展开竞争。`;
      default:
        return `${lead}据[${rng.pick(['官方博客', '报道', '论文', '发布说明'])}](${this.externalUrl()})，${this.product()}${rng.pick(ZH_CLAUSES)}。`;
    }
  }

  private externalUrl(): string {
    const rng = this.rng;
    return `${rng.pick(EXTERNAL_SITES)}/${rng.zipf(['news', 'post', 'release', 'update', 'research'])}-${rng.int(1000, 99999)}`;
  }

  private paragraph(sentences: number): string {
    const parts: string[] = [];
    for (let i = 0; i < sentences; i++) parts.push(this.sentence());
    return parts.join('');
  }

  private listItem(): string {
    const rng = this.rng;
    return rng.chance(0.5) ? `- ${this.sentence()}` : `- **${this.company()}**：${this.product()}${rng.pick(ZH_CLAUSES)}，${rng.zipf(ZH_TERMS)}${rng.pick(ZH_CLAUSES)}。`;
  }

  private table(): string {
    const rng = this.rng;
    const rows = Array.from({ length: rng.int(2, 4) }, () =>
      `| ${this.product()} | ${this.company()} | ${rng.int(40, 99)}.${rng.int(0, 9)} | ${rng.zipf(ZH_TERMS)} |`,
    );
    return ['| 模型 | 厂商 | 得分 | 亮点 |', '| --- | --- | --- | --- |', ...rows].join('\n');
  }

  private sectionBody(budget: number, highlights: boolean): void {
    const rng = this.rng;
    const start = this.out.bytes;
    if (highlights) {
      const items = Array.from({ length: rng.int(5, 9) }, () => this.listItem());
      this.out.add(`${items.join('\n')}\n\n`);
    }
    while (this.out.bytes - start < budget) {
      const kind = rng.next();
      if (kind < 0.62) this.out.add(`${this.paragraph(rng.int(2, 5))}\n\n`);
      else if (kind < 0.85) this.out.add(`${Array.from({ length: rng.int(2, 5) }, () => this.listItem()).join('\n')}\n\n`);
      else if (kind < 0.92) this.out.add(`> ${this.sentence()}\n\n`);
      else if (kind < 0.96) this.out.add(`${this.table()}\n\n`);
      else this.out.add(`${this.weekLink(rng.pick(['回顾', '相关报道', '延伸阅读']))}\n\n`);
    }
  }

  /** A relative link to another issue, extensionless like the seed (`./2026-W05`). */
  private weekLink(label: string): string {
    const rng = this.rng;
    const d = this.digest;
    const plans = this.vault.digests;
    const seriesCount = this.vault.series.length;
    const sameSeries = rng.chance(0.7);
    const targetSeries = sameSeries ? d.series : rng.int(0, seriesCount - 1);
    const weeksBack = rng.int(1, 12);
    const index = (d.week - weeksBack) * seriesCount + targetSeries;
    const target = index >= 0 ? plans[index] : undefined;
    if (!target) return `${label}：${this.sentence()}`;
    return `${label}：[${target.isoWeek}](${relativeLink(d.path, target.path, rng.chance(0.8))})`;
  }

  private footer(): string {
    const d = this.digest;
    const seriesCount = this.vault.series.length;
    const lines = ['---', ''];
    const prev = this.vault.digests[d.index - seriesCount];
    const next = this.vault.digests[d.index + seriesCount];
    if (prev) lines.push(`- [上周](${relativeLink(d.path, prev.path, true)})`);
    if (next) lines.push(`- [下周](${relativeLink(d.path, next.path, true)})`);
    const other = this.vault.digests[d.index - d.series + ((d.series + 1) % seriesCount)];
    if (other) {
      const name = (this.vault.series[other.series] as SeriesPlan).name;
      lines.push(`- [${name} — ${other.isoWeek}](${relativeLink(d.path, other.path, true)})`);
    }
    lines.push('');
    return lines.join('\n');
  }
}

/** `./2026-W05` within a folder, `../security-digest/2026-W05` across folders; `.md` optional. */
function relativeLink(from: string, to: string, dropExtension: boolean): string {
  let rel = path.posix.relative(path.posix.dirname(from), to);
  if (!rel.startsWith('.')) rel = `./${rel}`;
  return dropExtension ? rel.replace(/\.md$/, '') : rel;
}

/** The Markdown text of one digest of the vault. */
export function renderDigest(vault: VaultPlan, index: number): string {
  const digest = vault.digests[index];
  if (!digest) throw new Error(`bench: digest ${index} is outside the vault (size ${vault.size})`);
  return new DigestRenderer(vault, digest).render();
}

/** Writes the whole vault into `dir` (which must not exist yet). */
export function writeVault(dir: string, size: number, seed: number): VaultManifest {
  const plan = planVault(size, seed);
  fs.mkdirSync(dir, { recursive: false });
  for (const s of plan.series) fs.mkdirSync(path.join(dir, s.folder));
  let bytes = 0;
  for (const d of plan.digests) {
    const text = renderDigest(plan, d.index);
    fs.writeFileSync(path.join(dir, d.path), text);
    bytes += Buffer.byteLength(text, 'utf8');
  }
  return {
    generatorVersion: GENERATOR_VERSION,
    size,
    seed,
    files: plan.digests.length,
    bytes,
    series: plan.series.map((s) => s.folder),
  };
}

export function defaultCacheRoot(): string {
  return path.join(os.tmpdir(), 'almanac-bench');
}

export interface EnsuredVault {
  dir: string;
  manifest: VaultManifest;
  /** True when a complete vault of this generator version was already cached. */
  reused: boolean;
}

function readManifest(file: string): VaultManifest | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as VaultManifest;
  } catch {
    return null;
  }
}

/**
 * Returns `<cacheRoot>/<size>-<seed>`, generating it first unless a complete
 * vault of this generator version is there. The manifest sits next to the
 * folder (not inside the vault) and is written last, after an atomic rename,
 * so an interrupted run never leaves a half vault that looks complete.
 */
export function ensureVault(size: number, seed: number, cacheRoot = defaultCacheRoot()): EnsuredVault {
  const dir = path.join(cacheRoot, `${formatSize(size)}-${seed}`);
  const manifestFile = `${dir}.json`;
  const cached = readManifest(manifestFile);
  if (cached && cached.generatorVersion === GENERATOR_VERSION && cached.size === size && cached.seed === seed && fs.existsSync(dir)) {
    return { dir, manifest: cached, reused: true };
  }
  fs.mkdirSync(cacheRoot, { recursive: true });
  fs.rmSync(manifestFile, { force: true });
  fs.rmSync(dir, { recursive: true, force: true });
  const partial = `${dir}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  const manifest = writeVault(partial, size, seed);
  fs.renameSync(partial, dir);
  fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  return { dir, manifest, reused: false };
}
