import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { MessageKey } from './en.js';
import { translate, type Locale, type Translate, type Vars } from './translate.js';

interface I18n {
  locale: Locale;
  t: Translate;
}

const I18nContext = createContext<I18n>({ locale: 'en', t: (key, vars) => translate('en', key, vars) });

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo<I18n>(() => ({ locale, t: (key: MessageKey, vars?: Vars) => translate(locale, key, vars) }), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
