/** Active filters as removable chips: selected tags, mentions and sources, the date range, and operators typed in the query. */
import { useI18n } from '../../i18n/I18nContext.js';
import type { DateFilter } from '../../lib/date-ranges.js';
import { chipLabel, queryChips, removeChip } from '../../lib/query-chips.js';

export interface ActiveFiltersProps {
  query: string;
  onQuery: (query: string) => void;
  tags: readonly string[];
  onRemoveTag: (tag: string) => void;
  mentions?: readonly string[];
  onRemoveMention?: (name: string) => void;
  sites?: readonly string[];
  onRemoveSite?: (site: string) => void;
  range: DateFilter;
  onRange: (range: DateFilter) => void;
  onClearAll: () => void;
}

export function ActiveFilters({ query, onQuery, tags, onRemoveTag, mentions = [], onRemoveMention, sites = [], onRemoveSite, range, onRange, onClearAll }: ActiveFiltersProps) {
  const { t } = useI18n();
  const chips: { key: string; label: string; remove: () => void }[] = [];
  for (const tag of tags) chips.push({ key: `tag:${tag}`, label: t('chipTag', { tag }), remove: () => onRemoveTag(tag) });
  for (const name of mentions) chips.push({ key: `mention:${name}`, label: t('chipMention', { name }), remove: () => onRemoveMention?.(name) });
  for (const site of sites) chips.push({ key: `site:${site}`, label: t('chipSite', { site }), remove: () => onRemoveSite?.(site) });
  if (range.from || range.to) {
    const label =
      range.from && range.to ? t('chipDate', { from: range.from, to: range.to }) : range.from ? t('chipFrom', { from: range.from }) : t('chipTo', { to: range.to ?? '' });
    chips.push({ key: 'date', label, remove: () => onRange({}) });
  }
  for (const chip of queryChips(query)) {
    chips.push({ key: `q:${chip.start}`, label: chipLabel(chip), remove: () => onQuery(removeChip(query, chip)) });
  }
  if (chips.length === 0) return null;
  return (
    <div className="chips" role="group" aria-label={t('activeFilters')}>
      {chips.map((chip) => (
        <span key={chip.key} className="chip">
          <span className="chip-label">{chip.label}</span>
          <button type="button" className="chip-remove" aria-label={t('removeFilter', { name: chip.label })} onClick={chip.remove}>
            ✕
          </button>
        </span>
      ))}
      {chips.length > 1 && (
        <button type="button" className="btn btn-ghost chips-clear" onClick={onClearAll}>
          {t('clearFilters')}
        </button>
      )}
    </div>
  );
}
