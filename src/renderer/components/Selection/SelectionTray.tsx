/**
 * The selection tray: a "Selection (n)" button that opens a drawer listing
 * the picked sections (digest title, ISO week, heading) in export order. The
 * order is set by dragging, by the up/down buttons, or by date in one click;
 * sections are removed one by one or all at once; "Export…" opens the dialog.
 */
import { useId, useState, type DragEvent } from 'react';
import { useSelection } from '../../selection/SelectionContext.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { ExportDialog } from '../ExportDialog/ExportDialog.js';
import { sectionLabel } from './SectionCheckbox.js';
import './Selection.css';

export function SelectionTray() {
  const selection = useSelection();
  const { t } = useI18n();
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const [dragOver, setDragOver] = useState<number | null>(null);
  if (!selection) return null;
  const { items } = selection;

  const onDrop = (e: DragEvent, to: number) => {
    e.preventDefault();
    if (dragFrom !== null) selection.move(dragFrom, to);
    setDragFrom(null);
    setDragOver(null);
  };

  return (
    <div className="selection-tray">
      <button
        type="button"
        className={`btn selection-button${items.length > 0 ? ' has-items' : ''}`}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        {t('selectionButton', { count: items.length })}
      </button>
      {selection.dropped > 0 && (
        <div className="selection-notice" role="status">
          <span>{t('selectionDropped', { count: selection.dropped })}</span>
          <button type="button" className="btn btn-ghost" onClick={selection.dismissDropped}>
            {t('dismiss')}
          </button>
        </div>
      )}
      <section
        id={panelId}
        className="selection-panel"
        aria-label={t('selectionTitle')}
        hidden={!open}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && !exporting) {
            e.stopPropagation();
            setOpen(false);
          }
        }}
      >
        <header className="selection-panel-header">
          <h2>{t('selectionTitle')}</h2>
          <button type="button" className="btn btn-ghost btn-icon" aria-label={t('closeTray')} onClick={() => setOpen(false)}>
            ✕
          </button>
        </header>
        {items.length === 0 ? (
          <p className="muted selection-empty">{t('selectionEmpty')}</p>
        ) : (
          <>
            <p className="muted selection-hint">{t('selectionHint')}</p>
            <ol className="selection-list" aria-label={t('selectionTitle')}>
              {items.map((item, index) => {
                const label = sectionLabel(item);
                return (
                  <li
                    key={item.id}
                    className={`selection-item${dragOver === index ? ' drag-over' : ''}${dragFrom === index ? ' dragging' : ''}`}
                    draggable
                    onDragStart={(e) => {
                      setDragFrom(index);
                      e.dataTransfer.effectAllowed = 'move';
                      e.dataTransfer.setData('text/plain', item.id);
                    }}
                    onDragOver={(e) => {
                      e.preventDefault();
                      setDragOver(index);
                    }}
                    onDragLeave={() => setDragOver((o) => (o === index ? null : o))}
                    onDrop={(e) => onDrop(e, index)}
                    onDragEnd={() => {
                      setDragFrom(null);
                      setDragOver(null);
                    }}
                  >
                    <span className="selection-grip" aria-hidden="true">
                      ⋮⋮
                    </span>
                    <span className="selection-text">
                      <span className="selection-source">
                        {item.title}
                        {item.week && <span className="selection-week">{item.week}</span>}
                      </span>
                      <span className="selection-heading">{item.heading || t('leadSection')}</span>
                    </span>
                    <span className="selection-actions">
                      <button type="button" className="btn btn-ghost btn-icon" aria-label={t('moveUp', { heading: label })} disabled={index === 0} onClick={() => selection.move(index, index - 1)}>
                        ↑
                      </button>
                      <button
                        type="button"
                        className="btn btn-ghost btn-icon"
                        aria-label={t('moveDown', { heading: label })}
                        disabled={index === items.length - 1}
                        onClick={() => selection.move(index, index + 1)}
                      >
                        ↓
                      </button>
                      <button type="button" className="btn btn-ghost btn-icon" aria-label={t('removeItem', { heading: label })} onClick={() => selection.remove([item.id])}>
                        ✕
                      </button>
                    </span>
                  </li>
                );
              })}
            </ol>
          </>
        )}
        <footer className="selection-panel-footer">
          <button type="button" className="btn" disabled={items.length < 2} onClick={selection.sortByDate}>
            {t('sortByDate')}
          </button>
          <button type="button" className="btn" disabled={items.length === 0} onClick={selection.clear}>
            {t('clearSelection')}
          </button>
          <button type="button" className="btn btn-primary" disabled={items.length === 0} onClick={() => setExporting(true)}>
            {t('exportSelection')}
          </button>
        </footer>
      </section>
      {exporting && <ExportDialog items={items} onClose={() => setExporting(false)} />}
    </div>
  );
}
