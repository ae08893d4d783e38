import type { TimelineEntry } from '../../../shared/api.js';
import { useI18n } from '../../i18n/I18nContext.js';

/** No query yet: the latest weeks and a few tips. */
export function StartState({ recent, onOpen, formatDate }: { recent: readonly TimelineEntry[]; onOpen: (path: string) => void; formatDate: (d: string | null) => string }) {
  const { t } = useI18n();
  return (
    <div className="empty-state">
      <h2>{t('emptyTitle')}</h2>
      <p className="muted">{t('emptyIntro')}</p>
      {recent.length > 0 && (
        <>
          <h3>{t('recentWeeks')}</h3>
          <ul className="empty-weeks">
            {recent.map((e) => (
              <li key={e.path}>
                <button type="button" className="linked-week" onClick={() => onOpen(e.path)}>
                  <span className="linked-week-title">{e.title}</span>
                  <span className="linked-week-date">
                    {formatDate(e.date)} · {e.week}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('tipsTitle')}</h3>
      <ul className="empty-tips">
        <li>{t('tip1')}</li>
        <li>{t('tip2')}</li>
        <li>{t('tip3')}</li>
      </ul>
    </div>
  );
}

/** A query that found nothing: what to try instead. */
export function NoResults({ query, hasFilters, onClearFilters }: { query: string; hasFilters: boolean; onClearFilters: () => void }) {
  const { t } = useI18n();
  return (
    <div className="empty-state" role="status">
      <h2>{t('noResultsTitle', { query })}</h2>
      <ul className="empty-tips">
        <li>{t('noResultsTip1')}</li>
        {hasFilters && (
          <li>
            {t('noResultsTip2')}{' '}
            <button type="button" className="btn btn-ghost" onClick={onClearFilters}>
              {t('clearFilters')}
            </button>
          </li>
        )}
        <li>{t('noResultsTip3')}</li>
      </ul>
    </div>
  );
}
