/**
 * A digest shown as plain text rather than rich Markdown: one too large
 * (parsing and laying out a megabyte of Markdown keeps the reader busy for
 * seconds, the raw text appears at once), one nested too deeply for the
 * Markdown renderer, or one the renderer failed on. Each section still gets
 * its heading (anchor id, export checkbox), so the TOC and "open at section"
 * keep working.
 */
import { memo } from 'react';
import type { Digest, SectionInfo } from '../../../shared/api.js';
import { READER_MARKDOWN_CHARS } from '../../../shared/reader-markdown.js';
import type { MessageKey } from '../../i18n/en.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { SectionHeading } from './SectionHeading.js';
import { splitLongText } from '../../../shared/long-text.js';

/** Body Markdown longer than this (UTF-16 units) is shown as plain text. */
export const PLAIN_TEXT_THRESHOLD = READER_MARKDOWN_CHARS;

export interface PlainPart {
  section: SectionInfo | null;
  text: string;
}

/**
 * The body cut at each section's heading line: the text before the first
 * section, then per section (in source order) its heading and the text up to
 * the next section's start. Linear in the body and the section count.
 */
export function plainParts(markdown: string, sections: readonly SectionInfo[]): PlainPart[] {
  const ordered = sections.filter((s) => s.level > 0 && s.start >= 0 && s.start <= markdown.length).sort((a, b) => a.start - b.start);
  const parts: PlainPart[] = [];
  const first = ordered[0]?.start ?? markdown.length;
  if (first > 0) parts.push({ section: null, text: markdown.slice(0, first) });
  ordered.forEach((s, i) => {
    const end = Math.max(s.start, ordered[i + 1]?.start ?? markdown.length);
    const lineEnd = markdown.indexOf('\n', s.start);
    const bodyStart = lineEnd < 0 || lineEnd > end ? end : lineEnd + 1;
    parts.push({ section: s, text: markdown.slice(bodyStart, end) });
  });
  return parts;
}

function headingTag(level: number): 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6' {
  return `h${Math.min(Math.max(level, 1), 6)}` as 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6';
}

/** Why a digest is shown as plain text: the notice above it. */
export type PlainReason = Extract<MessageKey, 'digestShownAsPlainText' | 'digestTooDeep' | 'digestTooManyMarkers' | 'digestRenderFailed'>;

export const PlainDigest = memo(function PlainDigest({ digest, reason = 'digestShownAsPlainText' }: { digest: Digest; reason?: PlainReason }) {
  const { t } = useI18n();
  const parts = plainParts(digest.markdown, digest.sections);
  return (
    <div className="md md-plain">
      <p className="md-plain-notice" role="note">
        {t(reason)}
      </p>
      {parts.map((part, i) => (
        <div key={part.section?.id ?? `pre-${i}`}>
          {part.section && (
            <SectionHeading digest={digest} section={part.section} Tag={headingTag(part.section.level)}>
              {part.section.heading}
            </SectionHeading>
          )}
          {part.text.trim() && (
            // Blocks of at most 1 K characters cut at line breaks, not one text node: Chromium lays out one
            // huge pre-wrap node in minutes (measured), and inline runs in one <pre> in seconds.
            <div className="md-plain-text">
              {splitLongText(part.text).map((run, j) => (
                <div key={j}>{run}</div>
              ))}
            </div>
          )}
        </div>
      ))}
    </div>
  );
});
