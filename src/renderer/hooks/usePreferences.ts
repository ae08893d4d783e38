/**
 * Language and theme: applied at once from localStorage (no flash of the wrong
 * language), then reconciled with the app's settings, and saved to both.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AlmanacApi, Language, Theme } from '../../shared/api.js';

const LANGUAGE_KEY = 'almanac.language';
const THEME_KEY = 'almanac.theme';
const LANGUAGES: readonly Language[] = ['system', 'en', 'zh-CN'];
const THEMES: readonly Theme[] = ['system', 'light', 'dark'];

function stored<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
  try {
    const v = localStorage.getItem(key);
    return v && (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
  } catch {
    return fallback;
  }
}

function store(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Disabled storage: the app settings still carry the choice.
  }
}

export interface Preferences {
  language: Language;
  theme: Theme;
  setLanguage: (language: Language) => void;
  setTheme: (theme: Theme) => void;
}

export function usePreferences(api: AlmanacApi): Preferences {
  const [language, setLanguageState] = useState<Language>(() => stored(LANGUAGE_KEY, LANGUAGES, 'system'));
  const [theme, setThemeState] = useState<Theme>(() => stored(THEME_KEY, THEMES, 'system'));
  // A choice made on this page before the app's settings arrive must survive their late answer.
  const chose = useRef({ language: false, theme: false });

  useEffect(() => {
    let cancelled = false;
    const hadLanguage = localStorage.getItem(LANGUAGE_KEY) !== null;
    const hadTheme = localStorage.getItem(THEME_KEY) !== null;
    api.getSettings().then(
      (settings) => {
        if (cancelled) return;
        // A choice made in this browser wins over the app default; otherwise adopt the app's.
        if (!hadLanguage && !chose.current.language && LANGUAGES.includes(settings.language)) setLanguageState(settings.language);
        if (!hadTheme && !chose.current.theme && THEMES.includes(settings.theme)) setThemeState(settings.theme);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  const setLanguage = useCallback(
    (value: Language) => {
      chose.current.language = true;
      setLanguageState(value);
      store(LANGUAGE_KEY, value);
      api.updateSettings({ language: value }).catch(() => undefined);
    },
    [api],
  );
  const setTheme = useCallback(
    (value: Theme) => {
      chose.current.theme = true;
      setThemeState(value);
      store(THEME_KEY, value);
      api.updateSettings({ theme: value }).catch(() => undefined);
    },
    [api],
  );
  return { language, theme, setLanguage, setTheme };
}
