/**
 * The search box: live query input, recent searches (↑/↓ + Enter), a clear
 * button and the syntax help popover. Ctrl/Cmd+K focuses it from anywhere.
 */
import { forwardRef, useCallback, useEffect, useId, useImperativeHandle, useRef, useState } from 'react';
import { useI18n } from '../../i18n/I18nContext.js';
import { useDismiss } from '../../hooks/useDismiss.js';
import { QUERY_HELP } from '../../../shared/query-help.js';
import './SearchBox.css';

export interface SearchBoxHandle {
  focus: () => void;
}

export interface SearchBoxProps {
  value: string;
  onChange: (value: string) => void;
  /** Enter in the box: remember the query. */
  onCommit: (value: string) => void;
  /** ArrowDown with no suggestions open: move into the results. */
  onArrowDown: () => void;
  recent: readonly string[];
  onClearRecent: () => void;
}

export const SearchBox = forwardRef<SearchBoxHandle, SearchBoxProps>(function SearchBox(
  { value, onChange, onCommit, onArrowDown, recent, onClearRecent },
  handle,
) {
  const { t, locale } = useI18n();
  const inputRef = useRef<HTMLInputElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const helpRef = useRef<HTMLDivElement>(null);
  const helpButtonRef = useRef<HTMLButtonElement>(null);
  const [suggestOpen, setSuggestOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [helpOpen, setHelpOpen] = useState(false);
  const listId = useId();
  const helpId = useId();

  useImperativeHandle(handle, () => ({ focus: () => inputRef.current?.focus() }), []);

  const suggestions = recent.filter((q) => q !== value && q.toLowerCase().includes(value.trim().toLowerCase())).slice(0, 8);
  const showSuggestions = suggestOpen && suggestions.length > 0;

  const closeSuggest = useCallback(() => {
    setSuggestOpen(false);
    setActive(-1);
  }, []);
  useDismiss(showSuggestions, wrapRef, closeSuggest);
  const closeHelp = useCallback((reason: 'escape' | 'outside') => {
    setHelpOpen(false);
    if (reason === 'escape') helpButtonRef.current?.focus();
  }, []);
  useDismiss(helpOpen, helpRef, closeHelp);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        inputRef.current?.focus();
        inputRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const pick = (q: string) => {
    onChange(q);
    onCommit(q);
    closeSuggest();
  };

  return (
    <div className="searchbox" role="search" ref={wrapRef}>
      <span className="searchbox-icon" aria-hidden="true">
        ⌕
      </span>
      <input
        ref={inputRef}
        type="search"
        role="searchbox"
        aria-label={t('search')}
        className="searchbox-input"
        placeholder={t('searchPlaceholder')}
        value={value}
        spellCheck={false}
        autoComplete="off"
        aria-controls={showSuggestions ? listId : undefined}
        aria-expanded={showSuggestions}
        aria-activedescendant={showSuggestions && active >= 0 ? `${listId}-${active}` : undefined}
        onChange={(e) => {
          onChange(e.target.value);
          setActive(-1);
        }}
        onFocus={() => setSuggestOpen(value.trim() === '')}
        onClick={() => setSuggestOpen(true)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            if (showSuggestions && active < suggestions.length - 1) setActive(active + 1);
            else if (!showSuggestions && !suggestOpen && suggestions.length > 0 && value.trim() === '') {
              setSuggestOpen(true);
              setActive(0);
            } else {
              closeSuggest();
              onArrowDown();
            }
          } else if (e.key === 'ArrowUp' && showSuggestions) {
            e.preventDefault();
            setActive(Math.max(active - 1, -1));
          } else if (e.key === 'Enter') {
            const chosen = showSuggestions && active >= 0 ? suggestions[active] : undefined;
            if (chosen !== undefined) pick(chosen);
            else {
              onCommit(value);
              closeSuggest();
            }
          } else if (e.key === 'Escape') {
            if (showSuggestions) closeSuggest();
            else if (value) onChange('');
            // type=search clears on Escape natively; we did it ourselves.
            e.preventDefault();
          }
        }}
      />
      {value && (
        <button
          type="button"
          className="btn btn-ghost btn-icon searchbox-clear"
          aria-label={t('clearSearch')}
          onClick={() => {
            onChange('');
            inputRef.current?.focus();
          }}
        >
          ✕
        </button>
      )}
      <button
        ref={helpButtonRef}
        type="button"
        className="btn btn-ghost btn-icon searchbox-help"
        aria-label={t('syntaxHelp')}
        aria-expanded={helpOpen}
        aria-controls={helpOpen ? helpId : undefined}
        onClick={() => setHelpOpen((o) => !o)}
      >
        ?
      </button>
      {showSuggestions && (
        <div className="popover searchbox-suggest">
          <div className="searchbox-suggest-head">
            <span>{t('recentQueries')}</span>
            <button type="button" className="btn btn-ghost searchbox-suggest-clear" onClick={onClearRecent}>
              {t('clearRecent')}
            </button>
          </div>
          <ul role="listbox" id={listId} aria-label={t('recentQueries')}>
            {suggestions.map((q, i) => (
              <li
                key={q}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'active' : undefined}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(q);
                }}
              >
                {q}
              </li>
            ))}
          </ul>
        </div>
      )}
      {helpOpen && (
        <div className="popover searchbox-help-pop" ref={helpRef} id={helpId} role="dialog" aria-label={t('syntaxHelpTitle')}>
          <h2>{t('syntaxHelpTitle')}</h2>
          <p className="muted">{t('syntaxHelpIntro')}</p>
          <dl className="searchbox-help-list">
            {QUERY_HELP.map((entry) => (
              <div key={entry.syntax} className="searchbox-help-entry">
                <dt>
                  <code>{entry.syntax}</code>
                </dt>
                <dd>
                  {entry.description[locale]}{' '}
                  <button
                    type="button"
                    className="searchbox-example"
                    aria-label={t('tryExample', { example: entry.example })}
                    onClick={() => {
                      onChange(entry.example);
                      setHelpOpen(false);
                      inputRef.current?.focus();
                    }}
                  >
                    {entry.example}
                  </button>
                </dd>
              </div>
            ))}
          </dl>
        </div>
      )}
    </div>
  );
});
