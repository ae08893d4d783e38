/**
 * Search results grouped by digest, virtualised. The list is one focusable
 * listbox: ↑/↓ (and Home/End) move between section hits, Enter opens the
 * active one in the reader; clicking a digest title opens it at the top.
 */
import { forwardRef, useCallback, useEffect, useId, useImperativeHandle, useMemo, useRef, useState } from 'react';
import type { DigestHit } from '../../../shared/api.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { periodText } from '../../lib/date-period.js';
import { fromHit } from '../../selection/selection-model.js';
import { useSelection } from '../../selection/SelectionContext.js';
import { SectionCheckbox, SelectAllHits } from '../Selection/SectionCheckbox.js';
import { resultRows, sectionRowIndexes, type ResultRow } from './rows.js';
import { RepeatWeeks } from './RepeatWeeks.js';
import { Snippet } from './Snippet.js';
import { VirtualList, type VirtualListHandle } from './VirtualList.js';
import './Results.css';

export interface ResultsListHandle {
  focus: () => void;
}

export interface ResultsListProps {
  hits: readonly DigestHit[];
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  openPath: string | null;
  openSectionId: string | null;
  onOpen: (path: string, sectionId: string | null) => void;
  onTag: (tag: string) => void;
  formatDate: (date: string | null) => string;
}

const estimate = (row: ResultRow) => (row.kind === 'digest' ? 62 : 84);
const keyOf = (row: ResultRow) => row.key;

export const ResultsList = forwardRef<ResultsListHandle, ResultsListProps>(function ResultsList(
  { hits, hasMore, loadingMore, onLoadMore, openPath, openSectionId, onOpen, onTag, formatDate },
  handle,
) {
  const { t, locale } = useI18n();
  const listRef = useRef<VirtualListHandle>(null);
  const idBase = useId();
  const rows = useMemo(() => resultRows(hits), [hits]);
  const sectionRows = useMemo(() => sectionRowIndexes(rows), [rows]);
  const [active, setActive] = useState(0);
  const selection = useSelection();

  // A new result set starts at its first hit (appended pages keep the position).
  const firstKey = rows[0]?.key;
  useEffect(() => {
    setActive(0);
    listRef.current?.scrollToTop();
  }, [firstKey]);

  useImperativeHandle(handle, () => ({ focus: () => listRef.current?.focus() }), []);

  const activeRow = sectionRows[Math.min(active, sectionRows.length - 1)];
  const move = useCallback(
    (to: number) => {
      const clamped = Math.max(0, Math.min(to, sectionRows.length - 1));
      setActive(clamped);
      const rowIndex = sectionRows[clamped];
      if (rowIndex !== undefined) {
        // Reveal the digest header too when moving onto a digest's first hit.
        const prev = rows[rowIndex - 1];
        listRef.current?.reveal(prev?.kind === 'digest' ? rowIndex - 1 : rowIndex);
        listRef.current?.reveal(rowIndex);
      }
      if (clamped >= sectionRows.length - 5 && hasMore) onLoadMore();
    },
    [sectionRows, rows, hasMore, onLoadMore],
  );

  const optionId = (i: number) => `${idBase}-row-${i}`;

  const renderRow = (row: ResultRow, index: number) => {
    if (row.kind === 'digest') {
      const { hit } = row;
      const more = hit.sectionCount - hit.sections.length;
      return (
        <div className={`result-digest${openPath === hit.path && !openSectionId ? ' open' : ''}`} role="presentation">
          <div className="result-digest-line">
            <button type="button" tabIndex={-1} className="result-title" onClick={() => onOpen(hit.path, null)}>
              <Snippet text={hit.title} ranges={hit.titleRanges ?? []} />
            </button>
            <span className="result-date">
              {hit.date && hit.datePrecision ? periodText(locale, hit.date, hit.datePrecision) : formatDate(hit.date)}
              {hit.week && <span className="result-week">{hit.week}</span>}
            </span>
          </div>
          {(hit.tags.length > 0 || more > 0 || hit.sections.length > 1) && (
            <div className="result-meta">
              {hit.tags.map((tag) => (
                <button type="button" tabIndex={-1} key={tag} className="tag" onClick={() => onTag(tag)}>
                  {tag}
                </button>
              ))}
              {more > 0 && <span className="result-more">{t('moreSections', { count: more })}</span>}
              {hit.sections.length > 1 && (
                <span className="result-select-all">
                  <SelectAllHits items={hit.sections.map((s) => fromHit(hit, s))} title={hit.title} tabIndex={-1} />
                </span>
              )}
            </div>
          )}
        </div>
      );
    }
    const { hit, section } = row;
    const isActive = index === activeRow;
    const isOpen = openPath === hit.path && openSectionId === section.id;
    // A section dated by its own heading (a week inside a longer file) shows that date; the others share their digest's.
    const ownDate = section.date && (section.date !== hit.date || section.week !== hit.week) ? section.date : null;
    // The heading as shown (its path), with the query's terms marked when it holds them.
    const heading = section.headingPath ? <Snippet text={section.headingPath} ranges={section.headingRanges ?? []} /> : section.heading;
    return (
      <div
        id={optionId(index)}
        role="option"
        aria-selected={isActive}
        aria-checked={selection ? selection.has(section.id) : undefined}
        aria-label={t('openResult', { title: hit.title, heading: section.headingPath || section.heading || hit.title })}
        className={`result-section${isActive ? ' active' : ''}${isOpen ? ' open' : ''}${row.last ? ' last' : ''}${section.boilerplate ? ' boilerplate' : ''}${section.preview ? ' preview' : ''}`}
        onClick={() => {
          setActive(row.hitIndex);
          onOpen(hit.path, section.id);
        }}
      >
        <SectionCheckbox item={fromHit(hit, section)} className="result-select" tabIndex={-1} />
        {(section.preview || section.boilerplate) && <div className="result-kind">{t(section.preview ? 'titleOnlyHit' : 'boilerplateHit')}</div>}
        {ownDate ? (
          <div className="result-heading-line">
            <div className="result-heading">{heading}</div>
            <span className="result-date result-section-date">
              {section.datePrecision ? periodText(locale, ownDate, section.datePrecision) : formatDate(ownDate)}
              {section.week && <span className="result-week">{section.week}</span>}
            </span>
          </div>
        ) : (
          (section.headingPath || section.heading) && <div className="result-heading">{heading}</div>
        )}
        <div className="result-snippet">
          <Snippet text={section.snippet} ranges={section.ranges} />
        </div>
        {section.repeats && section.repeats.length > 0 && <RepeatWeeks repeats={section.repeats} onOpen={onOpen} formatDate={formatDate} />}
      </div>
    );
  };

  return (
    <VirtualList
      ref={listRef}
      items={rows}
      itemKey={keyOf}
      estimateHeight={estimate}
      renderItem={renderRow}
      onEndReached={hasMore ? onLoadMore : undefined}
      className="results-list"
      role="listbox"
      aria-label={t('results')}
      tabIndex={0}
      aria-activedescendant={activeRow !== undefined ? optionId(activeRow) : undefined}
      onKeyDown={(e) => {
        if (e.key === 'ArrowDown') {
          e.preventDefault();
          move(active + 1);
        } else if (e.key === 'ArrowUp') {
          e.preventDefault();
          move(active - 1);
        } else if (e.key === 'Home') {
          e.preventDefault();
          move(0);
        } else if (e.key === 'End') {
          e.preventDefault();
          move(sectionRows.length - 1);
        } else if (e.key === 'PageDown') {
          e.preventDefault();
          move(active + 8);
        } else if (e.key === 'PageUp') {
          e.preventDefault();
          move(active - 8);
        } else if (e.key === ' ' && selection && activeRow !== undefined) {
          // Space ticks the active hit for export (Enter opens it).
          e.preventDefault();
          const row = rows[activeRow];
          if (row?.kind === 'section') selection.toggle(fromHit(row.hit, row.section));
        } else if (e.key === 'Enter' && activeRow !== undefined) {
          e.preventDefault();
          const row = rows[activeRow];
          if (row?.kind === 'section') onOpen(row.hit.path, row.section.id);
        }
      }}
      footer={loadingMore ? <div className="results-footer muted">{t('loadingMore')}</div> : null}
    />
  );
});
