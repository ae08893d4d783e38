import type { Facets } from '../../../shared/api.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { DateFilter as Range } from '../../lib/date-ranges.js';
import { DateFilter } from './DateFilter.js';
import { Histogram } from './Histogram.js';
import { MentionFilter } from './MentionFilter.js';
import { SourceFilter } from './SourceFilter.js';
import { TagFilter } from './TagFilter.js';
import './Filters.css';

export interface FilterPanelProps {
  facets: Facets | null;
  tags: readonly string[];
  onToggleTag: (tag: string) => void;
  range: Range;
  onRange: (range: Range) => void;
  mentions: readonly string[];
  onToggleMention: (name: string) => void;
  /** Sites ticked in the Sources facet (absent: the facet is not shown). */
  sites?: readonly string[];
  onToggleSite?: (site: string) => void;
}

/** The left column: tag, date, histogram, mention and source filters (a navigation landmark). */
export function FilterPanel({ facets, tags, onToggleTag, range, onRange, mentions, onToggleMention, sites, onToggleSite }: FilterPanelProps) {
  const { t } = useI18n();
  return (
    <nav className="filters" aria-label={t('filters')}>
      <DateFilter range={range} onChange={onRange} />
      <Histogram facets={facets} range={range} onChange={onRange} />
      <TagFilter counts={facets?.tags ?? {}} selected={tags} onToggle={onToggleTag} />
      <MentionFilter counts={facets?.mentions ?? {}} selected={mentions} onToggle={onToggleMention} />
      {sites && onToggleSite && <SourceFilter counts={facets?.sites ?? {}} selected={sites} onToggle={onToggleSite} />}
    </nav>
  );
}
