/** The sites the matching digests link to (Sources), with the number of weeks linking to each; ticking some keeps the digests that link to any of them. */
import { useI18n } from '../../i18n/I18nContext.js';
import { FacetFilter } from './FacetFilter.js';

export interface SourceFilterProps {
  counts: Record<string, number>;
  selected: readonly string[];
  onToggle: (site: string) => void;
}

export function SourceFilter({ counts, selected, onToggle }: SourceFilterProps) {
  const { t } = useI18n();
  return (
    <FacetFilter
      title={t('sources')}
      hint={t('sourcesHint')}
      empty={t('noSources')}
      showMore={(count) => t('showMoreSources', { count })}
      showFewer={t('showFewerSources')}
      counts={counts}
      selected={selected}
      onToggle={onToggle}
    />
  );
}
