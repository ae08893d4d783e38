/** Date range: quick picks, custom from/to inputs. */
import { useId } from 'react';
import { isValidDate } from '../../../shared/dates.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { matchingQuickPick, QUICK_PICKS, quickPickRange, todayYmd, type DateFilter as Range } from '../../lib/date-ranges.js';

export interface DateFilterProps {
  range: Range;
  onChange: (range: Range) => void;
}

export function DateFilter({ range, onChange }: DateFilterProps) {
  const { t } = useI18n();
  const headingId = useId();
  const today = todayYmd();
  const picked = matchingQuickPick(range, today);
  const any = !range.from && !range.to;
  return (
    <section className="filter-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="filter-heading">
        {t('dateRange')}
      </h2>
      <div className="date-picks" role="group" aria-labelledby={headingId}>
        <button type="button" className="date-pick" aria-pressed={any} onClick={() => onChange({})}>
          {t('anyTime')}
        </button>
        {QUICK_PICKS.map((pick) => (
          <button key={pick} type="button" className="date-pick" aria-pressed={picked === pick} onClick={() => onChange(quickPickRange(pick, today))}>
            {t(pick)}
          </button>
        ))}
      </div>
      <div className="date-inputs">
        <label>
          <span>{t('from')}</span>
          <input
            type="date"
            className="input"
            value={range.from ?? ''}
            max={range.to}
            onChange={(e) => {
              const v = e.target.value;
              if (v === '' || isValidDate(v)) onChange({ ...range, from: v || undefined });
            }}
          />
        </label>
        <label>
          <span>{t('to')}</span>
          <input
            type="date"
            className="input"
            value={range.to ?? ''}
            min={range.from}
            onChange={(e) => {
              const v = e.target.value;
              if (v === '' || isValidDate(v)) onChange({ ...range, to: v || undefined });
            }}
          />
        </label>
      </div>
    </section>
  );
}
