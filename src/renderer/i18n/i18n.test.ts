import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { localeFromNavigator, resolveLocale, translate } from './translate.js';
import { zhCN } from './zh-CN.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n tables', () => {
  it('zh-CN has every key of en, no extra ones, and no empty string', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    for (const [key, value] of Object.entries(zhCN)) expect(value.trim(), key).not.toBe('');
  });

  it('zh-CN uses the same placeholders as en', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(zhCN[key]), key).toEqual(placeholders(en[key]));
    }
  });
});

describe('translate', () => {
  it('fills placeholders and picks the _one form for a count of 1', () => {
    expect(translate('en', 'timelineCell', { week: '2026-W06', count: 3 })).toBe('2026-W06: 3 matches');
    expect(translate('en', 'timelineCell', { week: '2026-W06', count: 1 })).toBe('2026-W06: 1 match');
    expect(translate('zh-CN', 'timelineCell', { week: '2026-W06', count: 3 })).toBe('2026-W06：3 条匹配');
    expect(translate('zh-CN', 'search')).toBe('搜索');
  });

  it('follows navigator.language unless a language is chosen', () => {
    expect(localeFromNavigator('zh-Hans-CN')).toBe('zh-CN');
    expect(localeFromNavigator('zh-TW')).toBe('zh-CN');
    expect(localeFromNavigator('en-GB')).toBe('en');
    expect(localeFromNavigator(undefined)).toBe('en');
    expect(resolveLocale('system', 'zh-CN')).toBe('zh-CN');
    expect(resolveLocale('en', 'zh-CN')).toBe('en');
  });
});
