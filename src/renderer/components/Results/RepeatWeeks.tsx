/**
 * "also in N weeks": the weeks whose copy of a hit's item was folded into it
 * (SectionHit.repeats), collapsed to one line that expands to the list; each
 * week opens its digest at that item.
 */
import { useId, useState } from 'react';
import type { RepeatHit } from '../../../shared/api.js';
import { useI18n } from '../../i18n/I18nContext.js';

export interface RepeatWeeksProps {
  repeats: readonly RepeatHit[];
  onOpen: (path: string, sectionId: string) => void;
  formatDate: (date: string | null) => string;
}

export function RepeatWeeks({ repeats, onOpen, formatDate }: RepeatWeeksProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const listId = useId();
  return (
    <div className="result-repeats" onClick={(e) => e.stopPropagation()}>
      <button type="button" tabIndex={-1} className="result-repeats-toggle" aria-expanded={open} aria-controls={listId} onClick={() => setOpen((o) => !o)}>
        {open ? '▾ ' : '▸ '}
        {t('alsoInWeeks', { count: repeats.length })}
      </button>
      {open && (
        <ul id={listId} className="result-repeats-list" aria-label={t('alsoInList')}>
          {repeats.map((r) => (
            <li key={r.sectionId}>
              <button type="button" tabIndex={-1} title={t('openRepeat', { title: r.title })} onClick={() => onOpen(r.path, r.sectionId)}>
                <span className="result-repeats-date">
                  {formatDate(r.date)}
                  {r.week && <span className="result-week">{r.week}</span>}
                </span>
                <span className="result-repeats-title">{r.title}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
