/**
 * The HTML export: ONE self-contained file (embedded CSS, no scripts, no
 * remote fonts or images) with a table of contents and the same structure as
 * the Markdown export. Almanac's own text is HTML-escaped; the digests'
 * Markdown goes through the sanitizing pipeline of html-render.ts; a CSP meta
 * tag forbids every script, frame, form target and load except inline style
 * and data: images (the vault's images are embedded: export-images.ts), and
 * https: images only when the user chose to keep remote images.
 */
import { EXPORT_CSS } from './html-style.js';
import type { ExportImages } from './export-images.js';
import { escapeHtml, plainTextHtml, renderMarkdownToSafeHtml } from './html-render.js';
import { type ExportPlan, type PlannedPart, partHeadingText, planExport, plainNote, planSummary, sourceFields } from './plan.js';
import type { ExportOptions, ExportPart } from './types.js';

export const EXPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** The export's policy: https: images too when the user chose to keep remote images (export-images.ts). */
export function exportPolicy(remoteImages: boolean): string {
  return remoteImages ? EXPORT_CSP.replace('img-src data:', 'img-src data: https:') : EXPORT_CSP;
}

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]/;

function citationHtml(part: ExportPart): string {
  const f = sourceFields(part);
  const fields = [`<cite>${escapeHtml(f.title)}</cite>`];
  if (f.date) fields.push(escapeHtml(f.date));
  if (f.week) fields.push(escapeHtml(f.week));
  fields.push(`<code>${escapeHtml(f.path)}</code>`);
  return fields.join(' · ');
}

function partHtml(planned: PlannedPart, sourceNotes: boolean, images: ExportImages | null): string {
  const id = planned.id;
  const context = images === null ? null : { digestPath: planned.part.digestPath, images };
  // A plain part is never handed to remark, not even its heading: with reason 'time' the export must stay linear.
  const heading = planned.plain === null ? renderMarkdownToSafeHtml(planned.heading, `${id}-h-`, context) : `<h3>${escapeHtml(partHeadingText(planned.part))}</h3>`;
  const out = [`<section class="part" id="${id}">`, heading];
  if (sourceNotes) out.push(`<p class="source">Source: ${citationHtml(planned.part)}</p>`);
  if (planned.duplicates.length > 0) {
    out.push(`<p class="source">Identical section also in: ${planned.duplicates.map(citationHtml).join('; ')}</p>`);
  }
  if (planned.repeats.length > 0) out.push(`<p class="source">Same item also in: ${planned.repeats.map(citationHtml).join('; ')}</p>`);
  if (planned.plain !== null) {
    out.push(`<p class="source">${escapeHtml(plainNote(planned.plain))}</p>`);
    if (planned.body !== '') out.push(plainTextHtml(planned.body));
  } else if (planned.body !== '') {
    out.push(renderMarkdownToSafeHtml(planned.body, `${id}-`, context));
  }
  out.push('</section>');
  return out.join('\n');
}

function tocHtml(plan: ExportPlan): string {
  const items = plan.groups.map((group) => {
    const parts = group.parts.map((planned) => `<li><a href="#${planned.id}">${escapeHtml(partHeadingText(planned.part))}</a></li>`).join('');
    return `<li><a href="#${group.id}">${escapeHtml(group.title)}</a><ol>${parts}</ol></li>`;
  });
  return `<nav class="toc" aria-labelledby="toc-title"><h2 id="toc-title">Contents</h2><ol>${items.join('\n')}</ol></nav>`;
}

export function renderHtml(plan: ExportPlan): string {
  const cjk = CJK.test(plan.title) || plan.groups.some((g) => g.parts.some((p) => CJK.test(p.part.markdown)));
  const groups = plan.groups.map((group) => {
    const parts = group.parts.map((planned) => partHtml(planned, plan.sourceNotes, plan.images));
    return [`<section class="group" id="${group.id}">`, `<h2>${escapeHtml(group.title)}</h2>`, ...parts, '</section>'].join('\n');
  });
  return [
    '<!doctype html>',
    `<html lang="${cjk ? 'zh' : 'en'}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${exportPolicy(plan.images?.remote === true)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="Almanac">',
    `<title>${escapeHtml(plan.title)}</title>`,
    `<style>${EXPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${escapeHtml(plan.title)}</h1>`,
    `<p class="summary">${escapeHtml(planSummary(plan))}</p>`,
    ...(plan.query !== null ? [`<p class="query">Query: <code>${escapeHtml(plan.query)}</code></p>`] : []),
    '</header>',
    tocHtml(plan),
    '<main>',
    ...groups,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The selected parts as one self-contained, inert HTML page (see ExportOptions; frontMatter does not apply). */
export function buildHtmlExport(parts: readonly ExportPart[], options: ExportOptions = {}): string {
  return renderHtml(planExport(parts, options, 'html'));
}
