/** Tags with their counts for the current query; several may be selected. */
import { useI18n } from '../../i18n/I18nContext.js';
import { FacetFilter } from './FacetFilter.js';

export interface TagFilterProps {
  counts: Record<string, number>;
  selected: readonly string[];
  onToggle: (tag: string) => void;
}

export function TagFilter({ counts, selected, onToggle }: TagFilterProps) {
  const { t } = useI18n();
  return (
    <FacetFilter
      title={t('tags')}
      empty={t('noTags')}
      showMore={(count) => t('showMoreTags', { count })}
      showFewer={t('showFewerTags')}
      counts={counts}
      selected={selected}
      onToggle={onToggle}
    />
  );
}
