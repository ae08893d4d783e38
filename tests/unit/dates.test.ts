import { describe, expect, it } from 'vitest';
import {
  addDays,
  dateFromFileName,
  isoWeekEnd,
  isoWeekOf,
  isoWeekRange,
  isoWeeksInYear,
  isoWeekStart,
  isValidDate,
  monthOf,
  parseDateBound,
  parseDateValue,
  parseIsoWeek,
  shiftIsoWeek,
  yearOf,
} from '../../src/shared/dates.js';

describe('isoWeekOf', () => {
  it.each([
    ['2026-02-06', '2026-W06'],
    ['2026-02-02', '2026-W06'],
    ['2026-02-08', '2026-W06'],
    ['2026-02-09', '2026-W07'],
    ['2020-12-31', '2020-W53'],
    ['2021-01-03', '2020-W53'],
    ['2021-01-04', '2021-W01'],
    ['2024-12-30', '2025-W01'],
    ['2019-12-30', '2020-W01'],
    ['2027-01-01', '2026-W53'],
    ['2000-02-29', '2000-W09'],
  ])('%s is in %s', (date, week) => {
    expect(isoWeekOf(date)).toBe(week);
  });

  it('throws a RangeError naming an impossible date', () => {
    expect(() => isoWeekOf('2026-02-30')).toThrow("not a valid date (expected YYYY-MM-DD): '2026-02-30'");
  });

  it('agrees with a day-by-day oracle over several years', () => {
    // Oracle: walk days from a known Monday of week 1, counting weeks and resetting at
    // each week 1 Monday, which is the Monday on or before January 4.
    let date = '2014-12-29'; // Monday of 2015-W01
    let year = 2015;
    let week = 1;
    for (let i = 0; i < 12 * 366; i++) {
      expect(isoWeekOf(date)).toBe(`${year}-W${String(week).padStart(2, '0')}`);
      date = addDays(date, 1);
      if (i % 7 === 6) {
        const nextYearWeek1 = isoWeekStart(`${year + 1}-W01`);
        if (date === nextYearWeek1) {
          year += 1;
          week = 1;
        } else {
          week += 1;
        }
      }
    }
  });
});

describe('ISO week helpers', () => {
  it('gives the Monday and Sunday of a week', () => {
    expect(isoWeekStart('2026-W06')).toBe('2026-02-02');
    expect(isoWeekEnd('2026-W06')).toBe('2026-02-08');
    expect(isoWeekRange('2020-W53')).toEqual({ start: '2020-12-28', end: '2021-01-03' });
    expect(isoWeekStart('2025-W01')).toBe('2024-12-30');
  });

  it('rejects weeks that do not exist', () => {
    expect(isoWeeksInYear(2020)).toBe(53);
    expect(isoWeeksInYear(2021)).toBe(52);
    expect(parseIsoWeek('2021-W53')).toBeNull();
    expect(parseIsoWeek('2020-W53')).toEqual({ year: 2020, week: 53 });
    expect(parseIsoWeek('2026-W00')).toBeNull();
    expect(parseIsoWeek('2026W6')).toEqual({ year: 2026, week: 6 });
    expect(isoWeekStart('2026-06')).toBeNull();
  });

  it('shifts weeks across years', () => {
    expect(shiftIsoWeek('2021-W01', -1)).toBe('2020-W53');
    expect(shiftIsoWeek('2020-W53', 1)).toBe('2021-W01');
    expect(shiftIsoWeek('nonsense', 1)).toBeNull();
  });
});

describe('calendar validation', () => {
  it('accepts real dates and rejects impossible ones', () => {
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2026-02-29')).toBe(false);
    expect(isValidDate('2026-02-30')).toBe(false);
    expect(isValidDate('2026-13-45')).toBe(false);
    expect(isValidDate('1900-02-29')).toBe(false);
    expect(isValidDate('2000-02-29')).toBe(true);
    expect(isValidDate('2026-2-6')).toBe(false);
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });

  it('takes month and year of a date', () => {
    expect(monthOf('2026-02-06')).toBe('2026-02');
    expect(yearOf('2026-02-06')).toBe('2026');
  });
});

describe('parseDateValue', () => {
  it.each<[unknown, string | null]>([
    [new Date(Date.UTC(2026, 1, 6)), '2026-02-06'],
    ['2026-02-06', '2026-02-06'],
    ['  2026-02-06 ', '2026-02-06'],
    ['2026/2/6', '2026-02-06'],
    ['2026.02.06', '2026-02-06'],
    ['2026-02-06T01:00:00+08:00', '2026-02-06'],
    ['2026-02-06T23:30:00Z', '2026-02-06'],
    ['2026-02-06 10:00', '2026-02-06'],
    ['2026-02-06 10:00:00 +8', '2026-02-06'],
    ['2026-02-06t10:00:00.123z', '2026-02-06'],
    ['20260206', '2026-02-06'],
    [20260206, '2026-02-06'],
    // A month or a year: the first day of it (the precision: date-spellings.test.ts).
    ['2026/2', '2026-02-01'],
    [2026, '2026-01-01'],
    [null, null],
    [undefined, null],
    ['', null],
  ])('%s -> %s', (value, expected) => {
    expect(parseDateValue(value)).toBe(expected);
  });

  it.each<unknown>(['2026-13-45', '2026-02-30', '2026-02-06 Z', '2026-02-06T25', '2026-02/06', 'next friday', '2026/2/', 1.5, true, ['2026-02-06'], { y: 2026 }, new Date(NaN)])(
    '%s is invalid',
    (value) => {
      expect(parseDateValue(value)).toBe('invalid');
    },
  );
});

describe('dateFromFileName', () => {
  it.each<[string, string | null]>([
    ['2026-02-06.md', '2026-02-06'],
    ['weekly/2026-02-06-ai-weekly.md', '2026-02-06'],
    ['2026_02_06.md', '2026-02-06'],
    ['notes-2026.2.6.md', '2026-02-06'],
    ['20260206.md', '2026-02-06'],
    ['digest-20260206-final.md', '2026-02-06'],
    // Week forms give the Monday of the ISO week.
    ['weekly_news/news_2026_06.md', '2026-02-02'],
    ['news_2026_06', '2026-02-02'],
    ['2026-W06.md', '2026-02-02'],
    ['report-2020w53.md', '2020-12-28'],
    // No date.
    ['issue-150.md', null],
    ['README.md', null],
    ['2026-13-45.md', null],
    ['news_2021_53.md', null],
    ['2026-02-30.md', null],
    ['a-2026-06-draft.md', null],
    ['a-2026-06-04-draft.md', '2026-06-04'],
    // A month (ISO 8601's year-month) with a hyphen; YYMMDD after a separator.
    ['development-priorities-2025-09.md', '2025-09-01'],
    ['news/this-month-250731.md', '2025-07-31'],
    ['this-month-251331.md', null],
    ['docs/AIToBoxWeeklyNews_20240222.md', '2024-02-22'],
    ['2024年4月5日.md', '2024-04-05'],
    ['react/219.mdx', null],
    ['2026/02/06/notes.md', null],
  ])('%s -> %s', (name, expected) => {
    expect(dateFromFileName(name)).toBe(expected);
  });

  it('gives back the week of a year-week name', () => {
    const date = dateFromFileName('news_2026_06.md');
    expect(date && isoWeekOf(date)).toBe('2026-W06');
  });
});

describe('parseDateBound', () => {
  it.each<[string, 'start' | 'end', string | null]>([
    ['2026', 'start', '2026-01-01'],
    ['2026', 'end', '2026-12-31'],
    ['2026-02', 'start', '2026-02-01'],
    ['2026-02', 'end', '2026-02-28'],
    ['2024-02', 'end', '2024-02-29'],
    ['2026-2', 'end', '2026-02-28'],
    ['2026-02-06', 'start', '2026-02-06'],
    ['2026-02-06', 'end', '2026-02-06'],
    ['2026/2/6', 'end', '2026-02-06'],
    ['2026-W06', 'start', '2026-02-02'],
    ['2026-W06', 'end', '2026-02-08'],
    ['2026-13', 'start', null],
    ['2026-02-30', 'start', null],
    ['2021-W53', 'end', null],
    ['last week', 'start', null],
    ['', 'start', null],
    ['20260206', 'start', null],
  ])('%s (%s) -> %s', (text, bound, expected) => {
    expect(parseDateBound(text, bound)).toBe(expected);
  });
});
