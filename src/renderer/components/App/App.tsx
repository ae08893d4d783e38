/**
 * The search desk: top bar (search, preferences, vault), saved searches and
 * filters on the left, results (or the timeline, or trends) in the centre,
 * the reader on the right — or in place of the results on narrow windows —
 * and the status bar.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SavedSearchInput, SortOrder, TimelineEntry } from '../../../shared/api.js';
import { useClient } from '../../api/ClientContext.js';
import { usePreferences } from '../../hooks/usePreferences.js';
import { useSavedSearches } from '../../hooks/useSavedSearches.js';
import { useSearch } from '../../hooks/useSearch.js';
import { useMediaQuery, useResolvedTheme } from '../../hooks/useTheme.js';
import { useTimeline } from '../../hooks/useTimeline.js';
import type { TrendOptions } from '../../hooks/useTrends.js';
import { useVaultStatus } from '../../hooks/useVaultStatus.js';
import { errorText, noticeText } from '../../i18n/describe.js';
import { I18nProvider, useI18n } from '../../i18n/I18nContext.js';
import { resolveLocale } from '../../i18n/translate.js';
import type { DateFilter } from '../../lib/date-ranges.js';
import { loadRecentQueries, saveRecentQueries, withRecentQuery } from '../../lib/recent-queries.js';
import { pageAddress, saveReloadState, takeReloadState } from '../../lib/remote-images.js';
import { useRemoteImages } from '../../hooks/useRemoteImages.js';
import { Pane } from '../ErrorBoundary/ErrorBoundary.js';
import { FilterPanel } from '../Filters/FilterPanel.js';
import { Reader } from '../Reader/Reader.js';
import { ActiveFilters } from '../Results/ActiveFilters.js';
import { NoResults, StartState } from '../Results/EmptyState.js';
import { ResultsList, type ResultsListHandle } from '../Results/ResultsList.js';
import { SavedSearches } from '../SavedSearches/SavedSearches.js';
import { SearchBox, type SearchBoxHandle } from '../SearchBox/SearchBox.js';
import { SelectionProvider } from '../../selection/SelectionContext.js';
import { SelectionTray } from '../Selection/SelectionTray.js';
import { StatusBar } from '../StatusBar/StatusBar.js';
import { Timeline } from '../Timeline/Timeline.js';
import { TrendsView } from '../Trends/TrendsView.js';
import { PreferenceControls } from '../TopBar/PreferenceControls.js';
import { VaultMenu } from '../TopBar/VaultMenu.js';
import '../TopBar/TopBar.css';
import './App.css';

export function App() {
  const { api } = useClient();
  const prefs = usePreferences(api);
  const locale = resolveLocale(prefs.language, typeof navigator === 'undefined' ? undefined : navigator.language);
  const theme = useResolvedTheme(prefs.theme);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <I18nProvider locale={locale}>
      <Desk prefs={prefs} theme={theme} />
    </I18nProvider>
  );
}

interface OpenState {
  path: string;
  sectionId: string | null;
  nonce: number;
}

const storage = (): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
};

const sessionStore = (): Storage | null => {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
};

/** A search to run in the desk: a saved search, or a point of the trend chart. */
type SearchToRun = Omit<SavedSearchInput, 'name'>;

function Desk({ prefs, theme }: { prefs: ReturnType<typeof usePreferences>; theme: 'light' | 'dark' }) {
  const { t, locale } = useI18n();
  const { api } = useClient();
  const vault = useVaultStatus(api);
  const timeline = useTimeline(api, vault.revision);
  // What a reload for remote images carried over (lib/remote-images.ts), read once.
  const [restored] = useState(() => takeReloadState(sessionStore()));
  const [query, setQuery] = useState(restored?.query ?? '');
  const [tags, setTags] = useState<string[]>(restored?.tags ?? []);
  const [mentions, setMentions] = useState<string[]>(restored?.mentions ?? []);
  const [sites, setSites] = useState<string[]>(restored?.sites ?? []);
  const [range, setRange] = useState<DateFilter>({ from: restored?.from, to: restored?.to });
  const [sort, setSort] = useState<SortOrder>(restored?.sort ?? 'relevance');
  const [view, setView] = useState<'results' | 'timeline' | 'trends'>(restored?.view ?? 'results');
  const [trendQueries, setTrendQueries] = useState<string[]>(['']);
  const [trendOptions, setTrendOptions] = useState<TrendOptions>({ by: 'month', unit: 'sections', normalise: false });
  const [open, setOpen] = useState<OpenState | null>(restored?.open ? { ...restored.open, nonce: 1 } : null);
  const [recent, setRecent] = useState<string[]>(() => loadRecentQueries(storage()));
  const [banner, setBanner] = useState<string | null>(null);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const narrow = useMediaQuery('(max-width: 899px)');
  const searchRef = useRef<SearchBoxHandle>(null);
  const resultsRef = useRef<ResultsListHandle>(null);

  const search = useSearch(api, { query, tags, mentions, sites, from: range.from, to: range.to, sort }, vault.revision);
  const saved = useSavedSearches(api, vault.revision);
  const reloadPage = useCallback(
    (remote: boolean) => {
      const snapshot = { query, tags, mentions, sites, ...range, sort, view: view === 'trends' ? 'results' : view, open: open && { path: open.path, sectionId: open.sectionId } };
      saveReloadState(sessionStore(), snapshot);
      window.location.replace(pageAddress(window.location.href, remote));
    },
    [query, tags, mentions, sites, range, sort, view, open],
  );
  const remoteImages = useRemoteImages(api, reloadPage);
  const response = search.response;
  const hasFilters = tags.length > 0 || mentions.length > 0 || sites.length > 0 || Boolean(range.from || range.to);
  const idle = query.trim() === '' && !hasFilters;

  const dateFormat = useMemo(() => new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }), [locale]);
  const numberFormat = useMemo(() => new Intl.NumberFormat(locale), [locale]);
  const formatDate = useCallback((d: string | null) => (d ? dateFormat.format(new Date(`${d}T00:00:00Z`)) : ''), [dateFormat]);
  const formatNumber = useCallback((n: number) => numberFormat.format(n), [numberFormat]);

  // Whole digests only: a section's entry (a week inside a longer file) names no digest of its own.
  const digestEntries = useMemo(() => timeline.filter((e) => e.sectionId === undefined), [timeline]);
  const timelineByPath = useMemo(() => new Map<string, TimelineEntry>(digestEntries.map((e) => [e.path, e])), [digestEntries]);
  const recentWeeks = useMemo(() => [...digestEntries].sort((a, b) => b.date.localeCompare(a.date)).slice(0, 8), [digestEntries]);

  const remember = useCallback((q: string) => {
    setRecent((list) => {
      const next = withRecentQuery(list, q);
      saveRecentQueries(storage(), next);
      return next;
    });
  }, []);

  const openDigest = useCallback(
    (path: string, sectionId: string | null) => {
      setOpen((o) => ({ path, sectionId, nonce: (o?.nonce ?? 0) + 1 }));
      if (query.trim()) remember(query);
    },
    [query, remember],
  );
  const toggleTag = useCallback((tag: string) => setTags((list) => (list.includes(tag) ? list.filter((x) => x !== tag) : [...list, tag])), []);
  const toggleMention = useCallback((name: string) => setMentions((list) => (list.includes(name) ? list.filter((x) => x !== name) : [...list, name])), []);
  const toggleSite = useCallback((site: string) => setSites((list) => (list.includes(site) ? list.filter((x) => x !== site) : [...list, site])), []);
  /** Runs a saved search or a trend point's search: its query and filters replace the desk's, and the results show. */
  const runSearch = useCallback((s: SearchToRun) => {
    setQuery(s.query);
    setTags(s.tags ?? []);
    setMentions(s.mentions ?? []);
    setSites([]);
    setRange({ from: s.from, to: s.to });
    setView('results');
  }, []);
  const showTrends = useCallback(() => {
    // The current query joins the trend's queries (first) unless it is there already.
    setTrendQueries((list) => (query.trim() === '' || list.includes(query) ? list : [query, ...list.filter((q) => q.trim() !== '')].slice(0, 6)));
    setView('trends');
  }, [query]);
  const addTag = useCallback(
    (tag: string) => {
      setTags((list) => (list.includes(tag) ? list : [...list, tag]));
      setView('results');
      if (narrow) setOpen(null);
    },
    [narrow],
  );
  const clearFilters = useCallback(() => {
    setTags([]);
    setMentions([]);
    setSites([]);
    setRange({});
  }, []);

  const showReaderOnly = narrow && open !== null;
  const indexing = vault.status?.state === 'indexing' || vault.progress !== null;

  const centre = () => {
    if (view === 'trends') {
      return (
        <TrendsView
          api={api}
          revision={vault.revision}
          queries={trendQueries}
          onQueries={setTrendQueries}
          options={trendOptions}
          onOptions={setTrendOptions}
          tags={tags}
          mentions={mentions}
          theme={theme}
          formatNumber={formatNumber}
          onSearchPoint={(q, from, to) => runSearch({ query: q, tags, mentions, from, to })}
        />
      );
    }
    if (view === 'timeline') {
      return <Timeline entries={timeline} weekCounts={idle ? {} : (response?.facets.weeks ?? {})} openPath={open?.path ?? null} onOpen={openDigest} />;
    }
    if (search.error && !response) return <p role="alert" className="results-error">{t('searchError', { message: errorText(t, search.error) })}</p>;
    if (idle) return <StartState recent={recentWeeks} onOpen={(p) => openDigest(p, null)} formatDate={formatDate} />;
    if (response && response.total === 0 && !search.loading) return <NoResults query={query} hasFilters={hasFilters} onClearFilters={clearFilters} />;
    return (
      <ResultsList
        ref={resultsRef}
        hits={search.hits}
        hasMore={search.hasMore}
        loadingMore={search.loadingMore}
        onLoadMore={search.loadMore}
        openPath={open?.path ?? null}
        openSectionId={open?.sectionId ?? null}
        onOpen={openDigest}
        onTag={addTag}
        formatDate={formatDate}
      />
    );
  };

  return (
    <SelectionProvider api={api} vaultPath={vault.status?.vaultPath ?? null} revision={vault.revision}>
      <div className={`desk${narrow ? ' narrow' : ''}${showReaderOnly ? ' reading' : ''}`}>
        <a
          href="#results"
          className="skip-link"
          onClick={(e) => {
            e.preventDefault();
            if (resultsRef.current) resultsRef.current.focus();
            else document.getElementById('results')?.focus();
          }}
        >
          {t('skipToResults')}
        </a>
        <header className="topbar">
          <div className="brand" aria-hidden="true">
            <span className="brand-mark">暦</span>
            <span className="brand-name">Almanac</span>
          </div>
          <SearchBox
            ref={searchRef}
            value={query}
            onChange={(q) => {
              setQuery(q);
              setView('results');
              if (narrow) setOpen(null);
            }}
            onCommit={remember}
            onArrowDown={() => resultsRef.current?.focus()}
            recent={recent}
            onClearRecent={() => {
              setRecent([]);
              saveRecentQueries(storage(), []);
            }}
          />
          <div className="topbar-end">
            <SelectionTray />
            <PreferenceControls language={prefs.language} theme={prefs.theme} onLanguage={prefs.setLanguage} onTheme={prefs.setTheme} />
            <VaultMenu status={vault.status} indexing={indexing} onReindex={vault.reindex} onOpened={vault.setStatus} onError={setBanner} />
          </div>
        </header>
        {banner && (
          <div className="banner" role="alert">
            <span>{banner}</span>
            <button type="button" className="btn btn-ghost" onClick={() => setBanner(null)}>
              {t('dismiss')}
            </button>
          </div>
        )}
        <div className="desk-body">
          {(!narrow || filtersOpen) && !showReaderOnly && (
            <div className="sidebar">
              <Pane>
                <SavedSearches saved={saved} current={idle ? null : { query, tags, mentions, from: range.from, to: range.to }} onOpen={runSearch} />
                <FilterPanel facets={response?.facets ?? null} tags={tags} onToggleTag={toggleTag} range={range} onRange={setRange} mentions={mentions} onToggleMention={toggleMention} sites={sites} onToggleSite={toggleSite} />
              </Pane>
            </div>
          )}
          {!showReaderOnly && (
            <main
              id="results"
              className="results-pane"
              tabIndex={-1}
              aria-label={t('results')}
              aria-busy={search.loading}
              // The query the shown results answer: lets tests (and assistive scripts) wait for them.
              data-answered-query={search.loading ? undefined : search.answered?.query}
            >
              <div className="results-header">
                <div className="results-count" aria-live="polite">
                  {view === 'results' && !idle && response
                    ? `${t('digestsCount', { count: response.total, n: formatNumber(response.total) })} · ${t('sectionsCount', { count: response.totalSections, n: formatNumber(response.totalSections) })}`
                    : ''}
                  {search.loading && !idle && <span className="results-loading"> {t('searching')}</span>}
                </div>
                {narrow && (
                  <button type="button" className="btn" aria-expanded={filtersOpen} onClick={() => setFiltersOpen((o) => !o)}>
                    {t('filters')}
                  </button>
                )}
                <label className="results-sort">
                  <span className="visually-hidden">{t('sort')}</span>
                  <select className="select" aria-label={t('sort')} value={sort} onChange={(e) => setSort(e.target.value as SortOrder)}>
                    <option value="relevance">{t('sortRelevance')}</option>
                    <option value="newest">{t('sortNewest')}</option>
                    <option value="oldest">{t('sortOldest')}</option>
                  </select>
                </label>
                <div className="segmented" role="group" aria-label={t('view')}>
                  <button type="button" aria-pressed={view === 'results'} onClick={() => setView('results')}>
                    {t('viewResults')}
                  </button>
                  <button type="button" aria-pressed={view === 'timeline'} onClick={() => setView('timeline')}>
                    {t('viewTimeline')}
                  </button>
                  <button type="button" aria-pressed={view === 'trends'} onClick={showTrends}>
                    {t('viewTrends')}
                  </button>
                </div>
              </div>
              <ActiveFilters
                query={query}
                onQuery={setQuery}
                tags={tags}
                onRemoveTag={toggleTag}
                mentions={mentions}
                onRemoveMention={toggleMention}
                sites={sites}
                onRemoveSite={toggleSite}
                range={range}
                onRange={setRange}
                onClearAll={() => {
                  clearFilters();
                  setQuery('');
                }}
              />
              {response && response.notices.length > 0 && !idle && (
                <ul className="notices" aria-label={t('notices')}>
                  {response.notices.map((n, i) => (
                    <li key={i}>ⓘ {noticeText(t, n)}</li>
                  ))}
                </ul>
              )}
              {search.error && response && (
                <p role="alert" className="results-error">
                  {t('searchError', { message: errorText(t, search.error) })}
                </p>
              )}
              <Pane resetKeys={[view, timeline, response]}>{centre()}</Pane>
            </main>
          )}
          {(!narrow || showReaderOnly) && (
            <Pane
              resetKeys={[open]}
              frame={(content) => (
                <aside className="reader" aria-label={t('reader')}>
                  {content}
                </aside>
              )}
            >
              <Reader
                path={open?.path ?? null}
                sectionId={open?.sectionId ?? null}
                nonce={open?.nonce ?? 0}
                terms={idle ? [] : (response?.highlightTerms ?? [])}
                revision={vault.revision}
                timelineByPath={timelineByPath}
                onOpen={openDigest}
                onTag={addTag}
                onBack={narrow ? () => setOpen(null) : null}
                formatDate={formatDate}
                remoteImages={remoteImages}
              />
            </Pane>
          )}
        </div>
        <StatusBar status={vault.status} progress={vault.progress} error={vault.error} formatNumber={formatNumber} />
      </div>
    </SelectionProvider>
  );
}
