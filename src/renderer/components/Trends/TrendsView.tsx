/**
 * The Trends view of the desk (beside Results and Timeline): up to six
 * queries compared over time, by week, month or year, counting sections or
 * digests, absolute or as a share of each period; the chart (TrendChart),
 * and the numbers and the chart as files (CSV, SVG, PNG). A point of the
 * chart searches its query in its period (the desk switches to Results).
 */
import { useCallback, useState } from 'react';
import type { AlmanacApi } from '../../../shared/api.js';
import { MAX_TREND_QUERIES, type TrendPeriod, type TrendsResponse, type TrendUnit } from '../../../shared/research.js';
import { errorText } from '../../i18n/describe.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useTrends, type TrendOptions } from '../../hooks/useTrends.js';
import { TREND_COLOURS } from './chart-layout.js';
import { downloadCsv, downloadPng, downloadSvg, type SvgOptions } from './trend-export.js';
import { TrendChart } from './TrendChart.js';
import './Trends.css';

export interface TrendsViewProps {
  api: AlmanacApi;
  revision: number;
  queries: readonly string[];
  onQueries: (queries: string[]) => void;
  options: TrendOptions;
  onOptions: (options: TrendOptions) => void;
  /** The desk's tag and mention filters, applied to every query. */
  tags: readonly string[];
  mentions: readonly string[];
  theme: 'light' | 'dark';
  formatNumber: (n: number) => string;
  /** Search `query` within [from, to]. */
  onSearchPoint: (query: string, from: string, to: string) => void;
}

function Segmented<T extends string | boolean>({ label, value, choices, onChange }: { label: string; value: T; choices: [T, string][]; onChange: (v: T) => void }) {
  return (
    <div className="segmented" role="group" aria-label={label}>
      {choices.map(([v, text]) => (
        <button key={String(v)} type="button" aria-pressed={value === v} onClick={() => onChange(v)}>
          {text}
        </button>
      ))}
    </div>
  );
}

export function TrendsView({ api, revision, queries, onQueries, options, onOptions, tags, mentions, theme, formatNumber, onSearchPoint }: TrendsViewProps) {
  const { t, locale } = useI18n();
  const state = useTrends(api, { ...options, queries, tags, mentions }, revision);
  const [exportError, setExportError] = useState<string | null>(null);
  const response = state.response;
  const formatValue = useCallback(
    (v: number) => (options.normalise ? `${(v * 100).toLocaleString(locale, { maximumFractionDigits: v < 0.01 ? 2 : 1 })}%` : formatNumber(v)),
    [options.normalise, locale, formatNumber],
  );
  const queryLabel = useCallback((q: string) => (q.trim() === '' ? t('trendAll') : q), [t]);
  const setQuery = (i: number, value: string): void => onQueries(queries.map((q, k) => (k === i ? value : q)));
  const svgOptions = (r: TrendsResponse): SvgOptions => ({
    theme,
    formatValue,
    title: t('trendExportTitle', { by: t(r.by === 'week' ? 'trendByWeek' : r.by === 'month' ? 'trendByMonth' : 'trendByYear'), unit: t(r.unit === 'digests' ? 'trendUnitDigests' : 'trendUnitSections') }),
  });

  return (
    <section className="trends" aria-labelledby="trends-heading">
      <h2 id="trends-heading" className="visually-hidden">
        {t('viewTrends')}
      </h2>
      <p className="muted trends-intro">{t('trendsIntro')}</p>
      <fieldset className="trend-queries">
        <legend className="visually-hidden">{t('trendQueries')}</legend>
        {queries.map((q, i) => (
          <div key={i} className="trend-query">
            <span className="trend-swatch" style={{ background: TREND_COLOURS[theme][i % TREND_COLOURS[theme].length] }} aria-hidden="true" />
            <input
              className="input"
              type="search"
              aria-label={t('trendQuery', { n: i + 1 })}
              value={q}
              onChange={(e) => setQuery(i, e.target.value)}
            />
            {queries.length > 1 && (
              <button type="button" className="btn btn-ghost" aria-label={t('trendRemoveQuery', { n: i + 1 })} onClick={() => onQueries(queries.filter((_, k) => k !== i))}>
                ✕
              </button>
            )}
          </div>
        ))}
        {queries.length < MAX_TREND_QUERIES && (
          <button type="button" className="btn" onClick={() => onQueries([...queries, ''])}>
            {t('trendAddQuery')}
          </button>
        )}
      </fieldset>
      <div className="trend-options">
        <Segmented<TrendPeriod>
          label={t('trendBy')}
          value={options.by}
          choices={[['week', t('trendByWeek')], ['month', t('trendByMonth')], ['year', t('trendByYear')]]}
          onChange={(by) => onOptions({ ...options, by })}
        />
        <Segmented<TrendUnit>
          label={t('trendUnit')}
          value={options.unit}
          choices={[['sections', t('trendUnitSections')], ['digests', t('trendUnitDigests')]]}
          onChange={(unit) => onOptions({ ...options, unit })}
        />
        <Segmented<boolean>
          label={t('trendScale')}
          value={options.normalise}
          choices={[[false, t('trendAbsolute')], [true, t('trendNormalised')]]}
          onChange={(normalise) => onOptions({ ...options, normalise })}
        />
        <div className="trend-export" role="group" aria-label={t('trendExport')}>
          <button type="button" className="btn" disabled={!response} onClick={() => response && downloadCsv(response)}>
            {t('trendExportCsv')}
          </button>
          <button type="button" className="btn" disabled={!response} onClick={() => response && downloadSvg(response, svgOptions(response))}>
            {t('trendExportSvg')}
          </button>
          <button
            type="button"
            className="btn"
            disabled={!response}
            onClick={() => {
              setExportError(null);
              if (response) downloadPng(response, svgOptions(response)).catch((err: unknown) => setExportError(err instanceof Error ? err.message : String(err)));
            }}
          >
            {t('trendExportPng')}
          </button>
        </div>
      </div>
      {(tags.length > 0 || mentions.length > 0) && <p className="muted trends-note">{t('trendFilters')}</p>}
      <div className="trends-status" aria-live="polite">
        {state.loading && <span className="muted">{t('trendCounting')}</span>}
      </div>
      {state.error && (
        <p role="alert" className="results-error">
          {t('trendError', { message: errorText(t, state.error) })}
        </p>
      )}
      {exportError && (
        <p role="alert" className="results-error">
          {exportError}
        </p>
      )}
      {response && response.periods.length === 0 && <p className="muted">{t('trendEmpty')}</p>}
      {response && response.periods.length > 0 && (
        <>
          {response.clippedBefore && <p className="muted">{t('trendClipped', { date: response.clippedBefore })}</p>}
          <TrendChart
            response={response}
            theme={theme}
            formatValue={formatValue}
            formatCount={formatNumber}
            queryLabel={queryLabel}
            onSelect={(series, k) => {
              const p = response.periods[k]!;
              onSearchPoint(response.series[series]!.query, p.from, p.to);
            }}
          />
          <p className="muted trends-hint">{t('trendPointHint')}</p>
        </>
      )}
    </section>
  );
}
