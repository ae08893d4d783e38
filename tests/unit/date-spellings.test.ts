/** Dates in every common spelling (src/shared/date-spellings.ts): whole values, dates inside text, the day-month order. */
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import {
  findDate,
  readDateText,
  readDateValue,
  vaultDayMonthOrder,
  type DateContext,
  type DateProblem,
  type DateReading,
} from '../../src/shared/dates.js';

const day = (date: string): DateReading => ({ date, precision: 'day' });

describe('readDateText: one date as the whole text', () => {
  it.each<[string, DateReading]>([
    // ISO dates and date-times: the day as written, whatever the zone.
    ['2024-01-03', day('2024-01-03')],
    ['2024-01-03T23:00:00-08:00', day('2024-01-03')],
    ['2024-01-03T23:30:00.123Z', day('2024-01-03')],
    ['2024-01-31 12:00:00 +0000', day('2024-01-31')],
    ['2019-06-24T23:33:01-04:00', day('2019-06-24')],
    ['2024/03/08', day('2024-03-08')],
    ['2020-11-4', day('2020-11-04')],
    ['2024.03.08', day('2024-03-08')],
    ['20240308', day('2024-03-08')],
    // Numbers with the year last.
    ['08-19-2026', { date: '2026-08-19', precision: 'day', order: 'month-first' }],
    ['19/08/2026', { date: '2026-08-19', precision: 'day', order: 'day-first' }],
    ['03-04-2024', { date: '2024-03-04', precision: 'day', order: 'month-first', alternative: '2024-04-03' }],
    ['03.04.2024', { date: '2024-04-03', precision: 'day', order: 'day-first', alternative: '2024-03-04' }],
    ['04/04/2024', { date: '2024-04-04', precision: 'day', order: 'month-first' }],
    // CJK.
    ['2024年4月5日', day('2024-04-05')],
    ['2024 年 4 月 5 号', day('2024-04-05')],
    ['２０２４年４月５日', day('2024-04-05')],
    ['2024年4月', { date: '2024-04-01', precision: 'month' }],
    ['2024年', { date: '2024-01-01', precision: 'year' }],
    // Month names.
    ['April 5, 2024', day('2024-04-05')],
    ['Apr 5 2024', day('2024-04-05')],
    ['Apr. 5th, 2024', day('2024-04-05')],
    ['5 April 2024', day('2024-04-05')],
    ['5th of April, 2024', day('2024-04-05')],
    ['Wednesday, January 3, 2024', day('2024-01-03')],
    ['Sept 9 2024', day('2024-09-09')],
    ['July 2025', { date: '2025-07-01', precision: 'month' }],
    // Ranges: the start, a week when at most 8 days long.
    ['June 23 - June 29, 2025', { date: '2025-06-23', precision: 'week' }],
    ['June 30 – July 6, 2025', { date: '2025-06-30', precision: 'week' }],
    ['Dec 30 - Jan 5, 2025', { date: '2024-12-30', precision: 'week' }],
    ['Dec 30, 2024 - Jan 5, 2025', { date: '2024-12-30', precision: 'week' }],
    ['Jan 1-8, 2023', { date: '2023-01-01', precision: 'week' }],
    ['June 1 - June 20, 2025', day('2025-06-01')],
    ['2024/04/22 ~ 04/28', { date: '2024-04-22', precision: 'week' }],
    ['2024.03.04-2024.03.10', { date: '2024-03-04', precision: 'week' }],
    ['2024年4月1日-4月7日', { date: '2024-04-01', precision: 'week' }],
    // Periods.
    ['2026-W06', { date: '2026-02-02', precision: 'week' }],
    ['2026w6', { date: '2026-02-02', precision: 'week' }],
    ['2026-02', { date: '2026-02-01', precision: 'month' }],
    ['2026/2', { date: '2026-02-01', precision: 'month' }],
    ['2026', { date: '2026-01-01', precision: 'year' }],
  ])('%s', (text, expected) => {
    expect(readDateText(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['2021-02-29', 'no such day'],
    ['2024-13-01', 'no such day'],
    ['2026-02-30', 'no such day'],
    ['13-14-2024', 'no such day'],
    ['February 30, 2024', 'no such day'],
    ['2024年2月30日', 'no such day'],
    ['2024-13', 'no such month'],
    ['2021-W53', 'no such week'],
    ['June 29 - June 23, 2025', 'the range ends before it starts'],
    ['next friday', 'not a date'],
    ['2026-02-06 Z', 'not a date'],
    ['2026-02/06', 'not a date'],
    ['12345', 'not a date'],
    ['Feb 30', 'no year'],
    ['3月8日', 'no year'],
  ])('%s is a problem: %s', (text, problem) => {
    expect(readDateText(text)).toEqual<DateProblem>({ problem });
  });

  it('returns null for empty text', () => {
    expect(readDateText('  ')).toBeNull();
  });

  it.each<[string, DateContext, DateReading]>([
    ['3月8日', { year: 2024 }, day('2024-03-08')],
    ['四月', { year: 2024 }, { date: '2024-04-01', precision: 'month' }],
    ['十二月', { year: 2024 }, { date: '2024-12-01', precision: 'month' }],
    ['4月', { year: 2024 }, { date: '2024-04-01', precision: 'month' }],
    ['April', { year: 2024 }, { date: '2024-04-01', precision: 'month' }],
    ['June 23 - June 29', { year: 2025 }, { date: '2025-06-23', precision: 'week' }],
    // The year nearest the context date: a late-December heading in an early-January digest.
    ['12月30日', { near: '2025-01-03' }, day('2024-12-30')],
    ['1月2日', { near: '2024-12-30' }, day('2025-01-02')],
    ['6月1日', { near: '2024-12-30' }, day('2025-06-01')],
    // A year given in the text wins over the context.
    ['2023年3月8日', { year: 2024 }, day('2023-03-08')],
  ])('%s with %j', (text, context, expected) => {
    expect(readDateText(text, context)).toEqual(expected);
  });
});

describe('readDateValue: metadata values', () => {
  it('reads strings, numbers and Dates', () => {
    expect(readDateValue('2026-02-06')).toEqual(day('2026-02-06'));
    expect(readDateValue(20260206)).toEqual(day('2026-02-06'));
    expect(readDateValue(2026)).toEqual({ date: '2026-01-01', precision: 'year' });
    // YAML timestamps are UTC instants.
    expect(readDateValue(new Date(Date.UTC(2026, 1, 6)))).toEqual(day('2026-02-06'));
    expect(readDateValue(null)).toBeNull();
    expect(readDateValue('')).toBeNull();
  });

  it('reads TOML native dates as written', () => {
    const toml = parseToml('a = 2026-07-07\nb = 2024-01-03T23:00:00-08:00\nc = 1979-05-27T07:32:00\nd = 07:32:00');
    expect(readDateValue(toml.a)).toEqual(day('2026-07-07'));
    expect(readDateValue(toml.b)).toEqual(day('2024-01-03'));
    expect(readDateValue(toml.c)).toEqual(day('1979-05-27'));
    expect(readDateValue(toml.d)).toEqual({ problem: 'not a date' });
  });

  it.each<unknown>([1.5, true, ['2026-02-06'], { y: 2026 }, new Date(NaN)])('%j is not a date', (value) => {
    expect(readDateValue(value)).toEqual({ problem: 'not a date' });
  });
});

describe('findDate: the first date inside text', () => {
  it.each<[string, DateReading | null]>([
    ['## Top ML Papers of the Week (June 23 - June 29) - 2025', { date: '2025-06-23', precision: 'week' }],
    ['Top ML Papers of the Week (Dec 30 - Jan 5) - 2025', { date: '2024-12-30', precision: 'week' }],
    ['科技爱好者周刊（第 300 期）：AI 的未来', null],
    ['AIToBox周刊：20260629', day('2026-06-29')],
    ['周刊 2024年4月5日 发布', day('2024-04-05')],
    ['This Month in Redox - July 2025', { date: '2025-07-01', precision: 'month' }],
    ['Released on April 5, 2024 after review', day('2024-04-05')],
    ['[2024/04/22 ~ 04/28] weekly ML papers', { date: '2024-04-22', precision: 'week' }],
    ['Changelog 2024-03-08', day('2024-03-08')],
    // Too loose inside text: versions, lone years and months, numbers glued to words.
    ['PyCharm 2024.1.2 released', null],
    ['Top 10 of 2024', null],
    ['Release 2024-03', null],
    ['Market 5 in May', null],
    ['v20240308', null],
    ['issue-20240308x', null],
    ['Top ML Papers of the Week (Jan 1-8)', null],
    // An impossible first candidate does not hide a real one.
    ['2021-02-29 moved to 2021-03-01', day('2021-03-01')],
  ])('%s', (text, expected) => {
    expect(findDate(text)).toEqual(expected);
  });

  it('takes a missing year from the context', () => {
    expect(findDate('Top ML Papers of the Week (Jan 1-8)', { year: 2023 })).toEqual({ date: '2023-01-01', precision: 'week' });
    expect(findDate('### 3月8日 周五', { year: 2024 })).toEqual(day('2024-03-08'));
  });

  it('prefers the earliest date, then the longest spelling at one place', () => {
    expect(findDate('April 5, 2024 and 2023-01-01')).toEqual(day('2024-04-05'));
    expect(findDate('June 23 - June 29, 2025')).toEqual({ date: '2025-06-23', precision: 'week' });
  });

  it('stays fast on a long hostile heading', () => {
    const text = `${'June 1 - '.repeat(2000)}x ${'2024-'.repeat(2000)}`;
    const started = performance.now();
    findDate(text);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('vaultDayMonthOrder', () => {
  it('follows the unambiguous readings, ignoring guesses and undated ones', () => {
    const dayFirst = readDateText('19/08/2026') as DateReading;
    const guess = readDateText('03/04/2024') as DateReading;
    const monthFirst = readDateText('08/19/2026') as DateReading;
    expect(vaultDayMonthOrder([dayFirst, dayFirst, guess, guess, monthFirst, day('2024-01-01')])).toBe('day-first');
    expect(vaultDayMonthOrder([monthFirst, guess])).toBe('month-first');
    expect(vaultDayMonthOrder([guess, day('2024-01-01')])).toBeNull();
    expect(vaultDayMonthOrder([dayFirst, monthFirst])).toBeNull();
  });
});
