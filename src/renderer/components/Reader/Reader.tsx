/**
 * The reader: a digest's header (title, date, week, tags), week navigation
 * ([ and ] keys), a table of contents, the rendered Markdown scrolled to the
 * chosen section, the weeks it links to / that link here and its links out
 * by site; remote images only when allowed (RemoteImagesBar).
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { Digest, DigestRef, TimelineEntry } from '../../../shared/api.js';
import { useClient } from '../../api/ClientContext.js';
import { useDigest } from '../../hooks/useDigest.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { RemoteImages } from '../../hooks/useRemoteImages.js';
import { BoilerplateBar } from './Boilerplate.js';
import { DigestMarkdown } from './DigestMarkdown.js';
import { ExternalLinks } from './ExternalLinks.js';
import { RemoteImagesBar } from './RemoteImagesBar.js';
import { ReaderHeader } from './ReaderHeader.js';
import { sectionDomId } from './sections.js';
import './Reader.css';
import './Boilerplate.css';
import './ReaderMedia.css';

export interface ReaderProps {
  path: string | null;
  sectionId: string | null;
  /** Changes on every open request, so reopening the same section scrolls again. */
  nonce: number;
  terms: readonly string[];
  revision: number;
  timelineByPath: ReadonlyMap<string, TimelineEntry>;
  onOpen: (path: string, sectionId: string | null) => void;
  onTag: (tag: string) => void;
  onBack: (() => void) | null;
  formatDate: (date: string | null) => string;
  /** Whether and how the reader shows remote images (App keeps it: turning them on reloads the page). */
  remoteImages: RemoteImages;
}

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

export function Reader({ path, sectionId, nonce, terms, revision, timelineByPath, onOpen, onTag, onBack, formatDate, remoteImages }: ReaderProps) {
  const { t } = useI18n();
  const { api, kind } = useClient();
  const { digest, loading, error } = useDigest(api, path, revision);
  const scrollRef = useRef<HTMLDivElement>(null);

  const openDigest = useCallback((p: string) => onOpen(p, null), [onOpen]);
  const openExternal = useCallback((url: string) => void api.openExternal(url).catch(() => undefined), [api]);

  // Land on the chosen section (or the top) once the digest is rendered.
  useEffect(() => {
    const box = scrollRef.current;
    if (!box || !digest || digest.path !== path) return;
    const heading = sectionId ? box.querySelector<HTMLElement>(`#${CSS.escape(sectionDomId(sectionId))}`) : null;
    if (heading) {
      box.scrollTop = heading.offsetTop - box.offsetTop - 8;
      heading.classList.remove('flash');
      void heading.offsetWidth;
      heading.classList.add('flash');
    } else {
      box.scrollTop = 0;
    }
  }, [digest, path, sectionId, nonce]);

  useEffect(() => {
    if (!digest) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      if (e.key === '[' && digest.prev) {
        e.preventDefault();
        onOpen(digest.prev.path, null);
      } else if (e.key === ']' && digest.next) {
        e.preventDefault();
        onOpen(digest.next.path, null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [digest, onOpen]);

  if (!path) {
    return (
      <aside className="reader reader-empty" aria-label={t('reader')}>
        <p className="muted">{t('readerPlaceholder')}</p>
      </aside>
    );
  }

  return (
    <aside className="reader" aria-label={t('reader')}>
      <div className="reader-toolbar">
        {onBack && (
          <button type="button" className="btn" onClick={onBack}>
            ← {t('backToResults')}
          </button>
        )}
        <WeekButton dir="prev" target={digest?.prev ?? null} onOpen={openDigest} />
        <WeekButton dir="next" target={digest?.next ?? null} onOpen={openDigest} />
        {digest && (
          <span className="reader-toolbar-title" title={digest.title}>
            {digest.title}
            {digest.week && <span className="reader-toolbar-week">{digest.week}</span>}
          </span>
        )}
        {loading && <span className="muted reader-loading">{t('loading')}</span>}
      </div>
      <div className="reader-scroll" ref={scrollRef}>
        {error && (
          <p role="alert" className="reader-error">
            {t('loadError', { path, message: error })}
          </p>
        )}
        {digest && (
          <article className="reader-article" aria-labelledby="reader-title">
            <ReaderHeader digest={digest} onTag={onTag} formatDate={formatDate} />
            <Toc digest={digest} scrollRef={scrollRef} />
            {digest.warnings.length > 0 && (
              <details className="reader-warnings">
                <summary>{t('digestWarnings')}</summary>
                <ul>
                  {digest.warnings.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              </details>
            )}
            <RemoteImagesBar digest={digest} remote={remoteImages} />
            <BoilerplateBar scrollRef={scrollRef} sections={digest.sections} />
            <DigestMarkdown
              digest={digest}
              terms={terms}
              onOpenDigest={openDigest}
              onExternal={openExternal}
              externalInNewTab={kind === 'web'}
              showRemoteImages={remoteImages.shows(digest.path)}
            />
            <LinkedWeeks digest={digest} timelineByPath={timelineByPath} onOpen={openDigest} formatDate={formatDate} />
            <ExternalLinks digest={digest} externalInNewTab={kind === 'web'} onExternal={openExternal} />
          </article>
        )}
      </div>
    </aside>
  );
}

function WeekButton({ dir, target, onOpen }: { dir: 'prev' | 'next'; target: DigestRef | null; onOpen: (path: string) => void }) {
  const { t } = useI18n();
  const label = dir === 'prev' ? t('previousWeek') : t('nextWeek');
  return (
    <button
      type="button"
      className="btn week-button"
      aria-label={label}
      title={target ? `${target.title}${target.date ? ` · ${target.date}` : ''}` : dir === 'prev' ? t('noPrevious') : t('noNext')}
      disabled={!target}
      onClick={() => target && onOpen(target.path)}
    >
      {dir === 'prev' ? '‹ ' : ''}
      <span>{label}</span>
      <kbd aria-hidden="true">{dir === 'prev' ? '[' : ']'}</kbd>
      {dir === 'next' ? ' ›' : ''}
    </button>
  );
}

function Toc({ digest, scrollRef }: { digest: Digest; scrollRef: React.RefObject<HTMLDivElement | null> }) {
  const { t } = useI18n();
  const entries = digest.sections.filter((s) => s.level > 0 && s.heading);
  if (entries.length < 2) return null;
  const minLevel = Math.min(...entries.map((s) => s.level));
  return (
    <details className="reader-toc" open={entries.length <= 14}>
      <summary>{t('contents')}</summary>
      <nav aria-label={t('contents')}>
        <ol>
          {entries.map((s) => (
            <li key={s.id} style={{ paddingInlineStart: `${(s.level - minLevel) * 14}px` }}>
              <a
                href={`#${sectionDomId(s.id)}`}
                onClick={(e) => {
                  e.preventDefault();
                  const box = scrollRef.current;
                  const heading = box?.querySelector<HTMLElement>(`#${CSS.escape(sectionDomId(s.id))}`);
                  if (box && heading) {
                    box.scrollTop = heading.offsetTop - box.offsetTop - 8;
                    heading.focus({ preventScroll: true });
                  }
                }}
              >
                {s.heading}
              </a>
            </li>
          ))}
        </ol>
      </nav>
    </details>
  );
}

function LinkedWeeks({
  digest,
  timelineByPath,
  onOpen,
  formatDate,
}: {
  digest: Digest;
  timelineByPath: ReadonlyMap<string, TimelineEntry>;
  onOpen: (path: string) => void;
  formatDate: (date: string | null) => string;
}) {
  const { t } = useI18n();
  const outgoing = useMemo(() => {
    const seen = new Set<string>();
    const out: { path: string; title: string; date: string | null }[] = [];
    for (const link of digest.links) {
      if (!link.target || link.target === digest.path || seen.has(link.target)) continue;
      seen.add(link.target);
      const entry = timelineByPath.get(link.target);
      out.push({ path: link.target, title: entry?.title ?? link.text ?? link.target, date: entry?.date ?? null });
    }
    return out;
  }, [digest, timelineByPath]);
  return (
    <section className="linked-weeks" aria-label={`${t('linksTo')} / ${t('linkedFrom')}`}>
      <div>
        <h2>{t('linksTo')}</h2>
        <WeekRefList refs={outgoing} onOpen={onOpen} formatDate={formatDate} listLabel={t('linksTo')} />
      </div>
      <div>
        <h2>{t('linkedFrom')}</h2>
        <WeekRefList refs={digest.backlinks} onOpen={onOpen} formatDate={formatDate} listLabel={t('linkedFrom')} />
      </div>
    </section>
  );
}

function WeekRefList({
  refs,
  onOpen,
  formatDate,
  listLabel,
}: {
  refs: readonly DigestRef[];
  onOpen: (path: string) => void;
  formatDate: (date: string | null) => string;
  listLabel: string;
}) {
  const { t } = useI18n();
  if (refs.length === 0) return <p className="muted">{t('noLinks')}</p>;
  return (
    <ul aria-label={listLabel}>
      {refs.map((r) => (
        <li key={r.path}>
          <button type="button" className="linked-week" onClick={() => onOpen(r.path)}>
            <span className="linked-week-title">{r.title}</span>
            {r.date && <span className="linked-week-date">{formatDate(r.date)}</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}
