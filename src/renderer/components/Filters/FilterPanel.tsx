import type { Facets } from '../../../shared/api.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { DateFilter as Range } from '../../lib/date-ranges.js';
import { DateFilter } from './DateFilter.js';
import { Histogram } from './Histogram.js';
import { TagFilter } from './TagFilter.js';
import './Filters.css';

export interface FilterPanelProps {
  facets: Facets | null;
  tags: readonly string[];
  onToggleTag: (tag: string) => void;
  range: Range;
  onRange: (range: Range) => void;
}

/** The left column: tag, date and histogram filters (a navigation landmark). */
export function FilterPanel({ facets, tags, onToggleTag, range, onRange }: FilterPanelProps) {
  const { t } = useI18n();
  return (
    <nav className="filters" aria-label={t('filters')}>
      <DateFilter range={range} onChange={onRange} />
      <Histogram facets={facets} range={range} onChange={onRange} />
      <TagFilter counts={facets?.tags ?? {}} selected={tags} onToggle={onToggleTag} />
    </nav>
  );
}
