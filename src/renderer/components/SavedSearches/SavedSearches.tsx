/**
 * Saved searches at the top of the sidebar: each with the number of new
 * matching digests since it was last opened; opening one runs it (the desk
 * takes its query and filters) and marks those seen. "Save search…" keeps
 * the current query and filters under a name.
 */
import { useId, useState } from 'react';
import type { SavedSearch, SavedSearchInput } from '../../../shared/research.js';
import { errorText } from '../../i18n/describe.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { SavedSearchesState } from '../../hooks/useSavedSearches.js';
import './SavedSearches.css';

export interface SavedSearchesProps {
  saved: SavedSearchesState;
  /** The desk's current search without its name (null when there is nothing to save). */
  current: Omit<SavedSearchInput, 'name'> | null;
  onOpen: (search: SavedSearch) => void;
}

export function SavedSearches({ saved, current, onOpen }: SavedSearchesProps) {
  const { t } = useI18n();
  const headingId = useId();
  const [naming, setNaming] = useState<string | null>(null);
  const submit = async (): Promise<void> => {
    if (current === null || naming === null || naming.trim() === '') return;
    await saved.save({ ...current, name: naming.trim() });
    setNaming(null);
  };
  return (
    <section className="filter-section saved-searches" aria-labelledby={headingId}>
      <h2 id={headingId} className="filter-heading">
        {t('savedSearches')}
      </h2>
      {saved.list.length === 0 ? (
        <p className="muted filter-empty">{t('savedNone')}</p>
      ) : (
        <ul className="saved-list">
          {saved.list.map((s) => (
            <li key={s.name} className="saved-item">
              <button
                type="button"
                className="saved-open"
                title={s.query}
                aria-label={s.newCount > 0 ? `${t('savedOpen', { name: s.name })}, ${t('savedNew', { n: s.newCount })}` : t('savedOpen', { name: s.name })}
                onClick={() => void saved.open(s.name).then((opened) => opened && onOpen(opened))}
              >
                <span className="saved-name">{s.name}</span>
                {s.newCount > 0 && (
                  <span className="saved-new" aria-hidden="true">
                    {t('savedNew', { n: s.newCount })}
                  </span>
                )}
              </button>
              <button type="button" className="btn btn-ghost btn-icon" aria-label={t('savedRemove', { name: s.name })} onClick={() => void saved.remove(s.name)}>
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      {naming === null ? (
        <button type="button" className="btn btn-ghost filter-more" onClick={() => setNaming(current?.query.trim() || '')} disabled={current === null} title={current === null ? t('savedNothingToSave') : undefined}>
          {t('saveSearch')}
        </button>
      ) : (
        <form
          className="saved-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <input className="input" aria-label={t('saveSearchName')} value={naming} maxLength={100} autoFocus onChange={(e) => setNaming(e.target.value)} />
          <button type="submit" className="btn btn-primary" disabled={naming.trim() === ''}>
            {t('saveSearchConfirm')}
          </button>
          <button type="button" className="btn btn-ghost" onClick={() => setNaming(null)}>
            {t('cancel')}
          </button>
        </form>
      )}
      {saved.error && (
        <p role="alert" className="results-error">
          {t('savedError', { message: errorText(t, saved.error) })}
        </p>
      )}
    </section>
  );
}
