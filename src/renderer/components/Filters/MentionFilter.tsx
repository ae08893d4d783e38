/** The names the matching digests set apart (bold, link text), with the number of weeks mentioning each; ticking one keeps the digests that mention it. */
import { useI18n } from '../../i18n/I18nContext.js';
import { FacetFilter } from './FacetFilter.js';

export interface MentionFilterProps {
  counts: Record<string, number>;
  selected: readonly string[];
  onToggle: (name: string) => void;
}

export function MentionFilter({ counts, selected, onToggle }: MentionFilterProps) {
  const { t } = useI18n();
  return (
    <FacetFilter
      title={t('mentions')}
      hint={t('mentionsHint')}
      empty={t('noMentions')}
      showMore={(count) => t('showMoreMentions', { count })}
      showFewer={t('showFewerMentions')}
      counts={counts}
      selected={selected}
      onToggle={onToggle}
    />
  );
}
