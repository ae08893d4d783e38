/**
 * The export dialog: format and options, a live Markdown preview, "Copy as
 * Markdown", and "Export…" — the native save dialog on the desktop
 * (saveExport), a download in the browser (PDF: a tab to print from).
 * Sections are exported in the tray's order.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import type { ExportRequest, SaveExportRequest } from '../../../shared/api.js';
import { useClient } from '../../api/ClientContext.js';
import { errorText } from '../../i18n/describe.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { SelectedSection } from '../../selection/selection-model.js';
import { Dialog } from '../Dialog/Dialog.js';
import { copyText, downloadExport, openPrintTab, printInTab } from './browser-output.js';
import './ExportDialog.css';

type Format = SaveExportRequest['format'];

interface Status {
  kind: 'ok' | 'error';
  text: string;
}

export interface ExportDialogProps {
  items: readonly SelectedSection[];
  onClose: () => void;
}

export function ExportDialog({ items, onClose }: ExportDialogProps) {
  const { api, kind } = useClient();
  const { t } = useI18n();
  const ids = useId();
  const [format, setFormat] = useState<Format>('md');
  const [groupBy, setGroupBy] = useState<'week' | 'heading'>('week');
  const [sourceNotes, setSourceNotes] = useState(true);
  const [dedupe, setDedupe] = useState(true);
  const [foldRepeats, setFoldRepeats] = useState(false);
  const [frontMatter, setFrontMatter] = useState(false);
  // Remote images stay links in an HTML export unless kept: by default as the vault's setting has it.
  const [remoteImages, setRemoteImages] = useState(false);
  const [title, setTitle] = useState(() => t('defaultDocTitle'));
  const [preview, setPreview] = useState<string | null>(null);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [busy, setBusy] = useState(false);

  const base = useMemo<Omit<ExportRequest, 'format'>>(
    () => ({
      sectionIds: items.map((i) => i.id),
      order: 'given',
      groupBy,
      sourceNotes,
      dedupe,
      foldRepeats,
      ...(remoteImages ? { remoteImages } : {}),
      ...(title.trim() ? { title: title.trim() } : {}),
    }),
    [items, groupBy, sourceNotes, dedupe, foldRepeats, remoteImages, title],
  );
  const markdownRequest = useMemo<ExportRequest>(() => ({ ...base, format: 'md', frontMatter }), [base, frontMatter]);

  useEffect(() => {
    let live = true;
    api.getSettings().then(
      (s) => live && setRemoteImages(s.remoteImages === true),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);

  // The preview follows the options (debounced while the title is typed).
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api.exportSections(markdownRequest).then(
        (r) => {
          if (!live) return;
          setPreview(r.content);
          setPreviewError(null);
        },
        (err: unknown) => {
          if (live) setPreviewError(err ?? new Error('unknown error'));
        },
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, markdownRequest]);

  const copy = async () => {
    setStatus(null);
    try {
      const content = preview ?? (await api.exportSections(markdownRequest)).content;
      await copyText(content);
      setStatus({ kind: 'ok', text: t('copied') });
    } catch (err) {
      setStatus({ kind: 'error', text: t('copyFailed', { message: errorText(t, err) }) });
    }
  };

  const runExport = async () => {
    setStatus(null);
    // A print tab must open before the first await, while the click still counts as the user's.
    const tab = kind === 'web' && format === 'pdf' ? openPrintTab() : null;
    if (kind === 'web' && format === 'pdf' && !tab) {
      setStatus({ kind: 'error', text: t('popupBlocked') });
      return;
    }
    setBusy(true);
    try {
      if (kind === 'desktop' && api.saveExport) {
        const saved = await api.saveExport({ ...base, format, frontMatter: format === 'md' && frontMatter });
        if ('path' in saved) setStatus({ kind: 'ok', text: t('savedTo', { path: saved.path }) });
      } else if (format === 'pdf') {
        const built = await api.exportSections({ ...base, format: 'html' });
        if (tab) printInTab(tab, built.content);
        setStatus({ kind: 'ok', text: t('pdfWebHint') });
      } else {
        const built = await api.exportSections({ ...base, format, frontMatter: format === 'md' && frontMatter });
        downloadExport(built.content, built.fileName, format);
        setStatus({ kind: 'ok', text: t('downloaded', { name: built.fileName }) });
      }
    } catch (err) {
      tab?.close();
      setStatus({ kind: 'error', text: t('exportFailed', { message: errorText(t, err) }) });
    } finally {
      setBusy(false);
    }
  };

  const formats: [Format, string][] = [
    ['md', t('formatMd')],
    ['html', t('formatHtml')],
    ['pdf', t('formatPdf')],
  ];

  return (
    <Dialog open title={t('exportTitle', { count: items.length })} onClose={onClose} wide>
      <div className="export-dialog">
        <form className="export-options" onSubmit={(e) => e.preventDefault()}>
          <fieldset className="export-formats">
            <legend>{t('format')}</legend>
            {formats.map(([value, label]) => (
              <label key={value}>
                <input type="radio" name={`${ids}-format`} value={value} checked={format === value} onChange={() => setFormat(value)} />
                {label}
              </label>
            ))}
          </fieldset>
          <label className="export-field">
            <span>{t('docTitle')}</span>
            <input className="input" value={title} maxLength={500} onChange={(e) => setTitle(e.target.value)} />
          </label>
          <label className="export-field">
            <span>{t('groupBy')}</span>
            <select className="select" value={groupBy} onChange={(e) => setGroupBy(e.target.value === 'heading' ? 'heading' : 'week')}>
              <option value="week">{t('groupByWeek')}</option>
              <option value="heading">{t('groupByHeading')}</option>
            </select>
          </label>
          <label className="export-check">
            <input type="checkbox" checked={sourceNotes} onChange={(e) => setSourceNotes(e.target.checked)} />
            {t('sourceNotes')}
          </label>
          <label className="export-check">
            <input type="checkbox" checked={dedupe} onChange={(e) => setDedupe(e.target.checked)} />
            {t('dedupe')}
          </label>
          <label className="export-check">
            <input type="checkbox" checked={foldRepeats} onChange={(e) => setFoldRepeats(e.target.checked)} />
            {t('exportFoldRepeats')}
          </label>
          <label className="export-check">
            <input type="checkbox" checked={frontMatter} disabled={format !== 'md'} onChange={(e) => setFrontMatter(e.target.checked)} />
            {t('frontMatter')}
          </label>
          <label className="export-check">
            <input type="checkbox" checked={remoteImages} disabled={format === 'md'} onChange={(e) => setRemoteImages(e.target.checked)} />
            {t('exportRemoteImages')}
          </label>
        </form>
        <section className="export-preview-box" aria-labelledby={`${ids}-preview`}>
          <h3 id={`${ids}-preview`}>{t('preview')}</h3>
          {previewError ? (
            <p role="alert" className="export-error">
              {errorText(t, previewError)}
            </p>
          ) : (
            <pre className="export-preview" tabIndex={0} aria-labelledby={`${ids}-preview`} aria-busy={preview === null}>
              {preview ?? t('previewLoading')}
            </pre>
          )}
        </section>
        <div className="export-actions">
          <p className={`export-status${status?.kind === 'error' ? ' export-error' : ''}`} role="status" aria-live="polite">
            {status?.text ?? ''}
          </p>
          <button type="button" className="btn" onClick={() => void copy()}>
            {t('copyMarkdown')}
          </button>
          <button type="button" className="btn btn-primary" disabled={busy || items.length === 0} onClick={() => void runExport()}>
            {busy ? t('exporting') : t('exportButton')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
