/** Tags with their counts for the current query; several may be selected. */
import { useId, useState } from 'react';
import { useI18n } from '../../i18n/I18nContext.js';

const COLLAPSED_COUNT = 12;

export interface TagFilterProps {
  counts: Record<string, number>;
  selected: readonly string[];
  onToggle: (tag: string) => void;
}

export function TagFilter({ counts, selected, onToggle }: TagFilterProps) {
  const { t } = useI18n();
  const [expanded, setExpanded] = useState(false);
  const headingId = useId();
  // Selected tags stay listed (with 0) so they can always be unselected here.
  const all = new Map(Object.entries(counts));
  for (const tag of selected) if (!all.has(tag)) all.set(tag, 0);
  const sorted = [...all.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const visible = expanded ? sorted : sorted.slice(0, COLLAPSED_COUNT);
  return (
    <section className="filter-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="filter-heading">
        {t('tags')}
      </h2>
      {sorted.length === 0 ? (
        <p className="muted filter-empty">{t('noTags')}</p>
      ) : (
        <ul className="tag-filter" role="group" aria-labelledby={headingId}>
          {visible.map(([tag, count]) => {
            const checked = selected.includes(tag);
            return (
              <li key={tag}>
                <label className={`tag-option${checked ? ' checked' : ''}`}>
                  <input type="checkbox" checked={checked} onChange={() => onToggle(tag)} />
                  <span className="tag-option-name">{tag}</span>
                  <span className="tag-option-count" aria-hidden="true">
                    {count}
                  </span>
                  <span className="visually-hidden">({count})</span>
                </label>
              </li>
            );
          })}
        </ul>
      )}
      {sorted.length > COLLAPSED_COUNT && (
        <button type="button" className="btn btn-ghost filter-more" aria-expanded={expanded} onClick={() => setExpanded((e) => !e)}>
          {expanded ? t('showFewerTags') : t('showMoreTags', { count: sorted.length })}
        </button>
      )}
    </section>
  );
}
