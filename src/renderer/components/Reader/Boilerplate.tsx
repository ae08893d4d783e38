/**
 * Text a series repeats in most issues (SectionInfo.boilerplate: a masthead,
 * a footer) is dimmed in the reader, and a bar above the digest hides or
 * shows it. The rendered Markdown is marked after it is drawn: each child of
 * the Markdown container belongs to the section whose heading came last
 * before it (the lead before the first), and is marked when that section
 * repeats whole, or when its text is one of the section's repeated lines.
 */
import { useLayoutEffect, useState, type RefObject } from 'react';
import type { SectionInfo } from '../../../shared/api.js';
import { useI18n } from '../../i18n/I18nContext.js';

const MARK = 'boilerplate';

function normalised(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The section a top-level element opens (its heading carries data-section-id), null when it opens none. */
function opens(el: Element): string | null {
  return el.getAttribute('data-section-id') ?? el.querySelector(':scope > [data-section-id]')?.getAttribute('data-section-id') ?? null;
}

/** Marks the repeated parts of the rendered Markdown in `container`; returns how many elements it marked. */
export function markBoilerplate(container: Element, sections: readonly SectionInfo[]): number {
  const byId = new Map(sections.map((s) => [s.id, s]));
  let current: SectionInfo | null = sections.find((s) => s.level === 0) ?? null;
  let marked = 0;
  for (const child of Array.from(container.children)) {
    const id = opens(child);
    if (id !== null) current = byId.get(id) ?? null;
    const repeated = current?.boilerplate;
    const blocks = child.matches('ul, ol') ? Array.from(child.children) : [child];
    const lines = Array.isArray(repeated) ? new Set(repeated.map(normalised)) : null;
    for (const block of blocks) {
      const on = repeated === 'all' || (lines !== null && lines.has(normalised(block.textContent ?? '')));
      block.toggleAttribute(`data-${MARK}`, on);
      if (on) marked++;
    }
  }
  return marked;
}

export interface BoilerplateBarProps {
  /** Holds the rendered digest (the Markdown container is its `.md`). */
  scrollRef: RefObject<HTMLElement | null>;
  sections: readonly SectionInfo[];
}

/** The bar that says repeated text is dimmed and hides or shows it; renders nothing when the digest repeats nothing. */
export function BoilerplateBar({ scrollRef, sections }: BoilerplateBarProps) {
  const { t } = useI18n();
  const [hidden, setHidden] = useState(false);
  const [count, setCount] = useState(0);
  const any = sections.some((s) => s.boilerplate !== undefined);
  // Every render: the Markdown above may have been drawn again (new highlight terms), dropping the marks.
  useLayoutEffect(() => {
    const md = scrollRef.current?.querySelector('.md');
    if (!md) return;
    const n = any ? markBoilerplate(md, sections) : 0;
    md.toggleAttribute('data-hide-boilerplate', hidden && n > 0);
    if (n !== count) setCount(n);
  });
  if (!any || count === 0) return null;
  return (
    <div className="reader-boilerplate-bar" role="note">
      <span>{t('boilerplateHidden')}</span>
      <button type="button" className="btn" aria-pressed={hidden} onClick={() => setHidden((h) => !h)}>
        {hidden ? t('boilerplateShow') : t('boilerplateHide')}
      </button>
    </div>
  );
}
