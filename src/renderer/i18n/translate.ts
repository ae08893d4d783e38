/**
 * Message lookup: `{name}` placeholders, and `key_one` variants chosen when
 * `count` is 1 (English needs them; Chinese repeats the general form).
 */
import type { Language } from '../../shared/api.js';
import { en, type MessageKey, type Messages } from './en.js';
import { zhCN } from './zh-CN.js';

export type Locale = 'en' | 'zh-CN';
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

export const TABLES: Record<Locale, Messages> = { en, 'zh-CN': zhCN };

export function interpolate(template: string, vars: Vars = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  const table = TABLES[locale];
  if (vars && vars.count === 1) {
    const one = `${key}_one` as MessageKey;
    if (one in table) return interpolate(table[one], vars);
  }
  return interpolate(table[key], vars);
}

/** navigator.language (e.g. "zh-Hans-CN", "zh-TW", "en-GB") -> the locale we have. */
export function localeFromNavigator(language: string | undefined): Locale {
  return language && /^zh\b/i.test(language) ? 'zh-CN' : 'en';
}

export function resolveLocale(setting: Language, navigatorLanguage: string | undefined): Locale {
  return setting === 'system' ? localeFromNavigator(navigatorLanguage) : setting;
}
