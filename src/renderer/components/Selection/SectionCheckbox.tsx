/**
 * The checkbox that puts one section into the export selection (results rows
 * and reader headings), and the per-digest "select all hits" box. Both render
 * nothing outside a SelectionProvider.
 */
import { useEffect, useRef } from 'react';
import type { SelectedSection } from '../../selection/selection-model.js';
import { useSelection } from '../../selection/SelectionContext.js';
import { useI18n } from '../../i18n/I18nContext.js';
import './Selection.css';

/** What a section is called in labels: its heading, else (lead section) the digest title. */
export function sectionLabel(item: Pick<SelectedSection, 'heading' | 'title'>): string {
  return item.heading || item.title;
}

export interface SectionCheckboxProps {
  item: SelectedSection;
  className?: string;
  /** -1 inside a listbox that moves focus itself (the results; Space there toggles the active hit). */
  tabIndex?: number;
}

export function SectionCheckbox({ item, className, tabIndex }: SectionCheckboxProps) {
  const selection = useSelection();
  const { t } = useI18n();
  if (!selection) return null;
  return (
    <input
      type="checkbox"
      className={`select-section${className ? ` ${className}` : ''}`}
      aria-label={t('selectSection', { heading: sectionLabel(item) })}
      title={t('selectSection', { heading: sectionLabel(item) })}
      checked={selection.has(item.id)}
      tabIndex={tabIndex}
      // Rows open the section on click; ticking the box must not.
      onClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => e.stopPropagation()}
      onChange={() => selection.toggle(item)}
    />
  );
}

export function SelectAllHits({ items, title, tabIndex }: { items: readonly SelectedSection[]; title: string; tabIndex?: number }) {
  const selection = useSelection();
  const { t } = useI18n();
  const ref = useRef<HTMLInputElement>(null);
  const chosen = selection ? items.filter((i) => selection.has(i.id)).length : 0;
  const all = items.length > 0 && chosen === items.length;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = chosen > 0 && !all;
  }, [chosen, all]);
  if (!selection || items.length === 0) return null;
  return (
    <label className="select-all-hits" title={t('selectAllHitsIn', { title })} onClick={(e) => e.stopPropagation()}>
      <input
        ref={ref}
        type="checkbox"
        checked={all}
        tabIndex={tabIndex}
        onKeyDown={(e) => e.stopPropagation()}
        onChange={() => (all ? selection.remove(items.map((i) => i.id)) : selection.add(items))}
      />
      <span>{t('selectAllHits')}</span>
    </label>
  );
}
