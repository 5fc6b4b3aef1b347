import { describe, expect, it } from 'vitest';
import data from './data/holidays.json' with { type: 'json' };
import {
  addWorkingDays,
  CalendarRangeError,
  calendarCoverage,
  dayKind,
  isWorkingDay,
  nextWorkingDayFrom,
  workingDaysBetween,
} from './calendar.js';

describe('the data', () => {
  it('covers 2020–2026, each year with its notice', () => {
    const c = calendarCoverage();
    expect([c.first, c.last]).toEqual([2020, 2026]);
    expect(c.notices.map((n) => n.number)).toEqual([
      '国办发明电〔2019〕16号',
      '国办发明电〔2020〕1号',
      '国办发明电〔2020〕27号',
      '国办发明电〔2021〕11号',
      '国办发明电〔2022〕16号',
      '国办发明电〔2023〕7号',
      '国办发明电〔2024〕12号',
      null,
    ]);
  });

  it('every adjusted working day is a weekend day, and no holiday range is inverted', () => {
    for (const [year, y] of Object.entries(data.years)) {
      for (const w of y.workdays) {
        const dow = new Date(`${w}T00:00:00Z`).getUTCDay();
        expect([0, 6], `${year} ${w}`).toContain(dow);
      }
      for (const [name, from, to] of y.holidays) expect(String(from) <= String(to), `${year} ${name}`).toBe(true);
    }
  });

  it('days off per year as the notices give them (a guard against a mistyped range)', () => {
    // Days off per year, counted from the notices (weekend days inside the breaks included).
    const days = (y: string) =>
      data.years[y as keyof typeof data.years].holidays.reduce(
        (n, [, a, b]) => n + (Date.parse(String(b)) - Date.parse(String(a))) / 86_400_000 + 1,
        0,
      );
    expect(['2020', '2021', '2022', '2023', '2024', '2025', '2026'].map(days)).toEqual([30, 31, 31, 27, 28, 28, 33]);
  });
});

describe('kinds of days', () => {
  it('2024 Spring Festival: 02-10 … 02-17 off, Sundays 02-04 and 02-18 worked', () => {
    expect(dayKind('2024-02-04')).toEqual({ kind: 'adjustedWorkday', name: '春节' });
    expect(dayKind('2024-02-09')).toEqual({ kind: 'workday' }); // 除夕 2024 was a working Friday
    for (const d of ['2024-02-10', '2024-02-12', '2024-02-15', '2024-02-17'])
      expect(dayKind(d), d).toEqual({ kind: 'holiday', name: '春节' });
    expect(dayKind('2024-02-18')).toEqual({ kind: 'adjustedWorkday', name: '春节' });
    expect(dayKind('2024-02-24')).toEqual({ kind: 'weekend' });
    expect(isWorkingDay('2024-02-04')).toBe(true);
    expect(isWorkingDay('2024-02-12')).toBe(false);
  });

  it('2020: the Spring Festival extension made 02-01 a holiday instead of a working Saturday', () => {
    expect(dayKind('2020-02-01')).toEqual({ kind: 'holiday', name: '春节' });
    expect(dayKind('2020-02-02')).toEqual({ kind: 'holiday', name: '春节' });
    expect(isWorkingDay('2020-02-03')).toBe(true);
    expect(dayKind('2020-01-19')).toEqual({ kind: 'adjustedWorkday', name: '春节' });
  });

  it('2023 New Year began on 2022-12-31; 2026 National Day worked on Sunday 09-20', () => {
    expect(dayKind('2022-12-31')).toEqual({ kind: 'holiday', name: '元旦' });
    expect(dayKind('2023-01-02')).toEqual({ kind: 'holiday', name: '元旦' });
    expect(dayKind('2026-09-20')).toEqual({ kind: 'adjustedWorkday', name: '中秋节' });
    expect(dayKind('2026-10-10')).toEqual({ kind: 'adjustedWorkday', name: '国庆节' });
  });
});

describe('addWorkingDays', () => {
  it('counts over the 2024 Spring Festival, the adjusted Sunday included', () => {
    // Friday 02-09; working days after it: 02-18 (Sun, adjusted), 02-19 …
    expect(addWorkingDays('2024-02-09', 1)).toBe('2024-02-18');
    expect(addWorkingDays('2024-02-09', 2)).toBe('2024-02-19');
    // Thursday 02-01: 02-02 (Fri), 02-04 (Sun, adjusted), 02-05 … 02-09, then 02-18.
    expect(addWorkingDays('2024-02-01', 2)).toBe('2024-02-04');
    expect(addWorkingDays('2024-02-01', 7)).toBe('2024-02-09');
    expect(addWorkingDays('2024-02-01', 8)).toBe('2024-02-18');
  });

  it('30 working days across National Day 2024', () => {
    // 2024-09-20 (Fri) + 30 working days: Sept 23–30 (incl. adjusted Sun 09-29) = 7, Oct 8–11 = 4,
    // 10-12 (adjusted Sat) = 1, then Oct 14 – Nov 1 = 15 → 27 ... 11-04, 11-05, 11-06 → 30.
    expect(addWorkingDays('2024-09-20', 30)).toBe('2024-11-06');
    expect(workingDaysBetween('2024-09-20', '2024-11-06')).toBe(30);
  });

  it('a deadline falling on a holiday moves to the next working day', () => {
    expect(addWorkingDays('2024-10-01', 0)).toBe('2024-10-08');
    expect(nextWorkingDayFrom('2025-01-28')).toBe('2025-02-05');
    expect(nextWorkingDayFrom('2024-02-18')).toBe('2024-02-18'); // an adjusted Sunday is a working day
    expect(addWorkingDays('2024-06-07', 0)).toBe('2024-06-07');
    expect(addWorkingDays('2024-06-08', 0)).toBe('2024-06-11'); // Sat, Sun, 端午 Mon 06-10
  });

  it('starting on a holiday counts from the first working day after it', () => {
    expect(addWorkingDays('2024-02-12', 1)).toBe('2024-02-18');
  });

  it('crosses a year boundary inside the covered years', () => {
    expect(addWorkingDays('2025-12-31', 1)).toBe('2026-01-04'); // 01-01…03 off, Sunday 01-04 worked
  });

  it('refuses a negative or fractional count and a malformed date', () => {
    expect(() => addWorkingDays('2024-01-02', -1)).toThrow('工作日数应为非负整数（实际-1）');
    expect(() => addWorkingDays('2024-01-02', 1.5)).toThrow('工作日数应为非负整数（实际1.5）');
    expect(() => isWorkingDay('2024-02-30')).toThrow('日期“2024-02-30”格式不正确，应为YYYY-MM-DD的有效日期');
    expect(() => isWorkingDay('2024/02/01')).toThrow(/格式不正确/);
  });
});

describe('workingDaysBetween', () => {
  it('inverts addWorkingDays', () => {
    for (const start of ['2020-01-20', '2022-09-30', '2023-04-28', '2025-09-26'])
      for (const n of [0, 1, 5, 30]) {
        const end = addWorkingDays(start, n);
        if (n > 0) expect(workingDaysBetween(start, end), `${start}+${n}`).toBe(n);
      }
  });

  it('counts the 2024 Spring Festival week as no working days, and is negative backwards', () => {
    expect(workingDaysBetween('2024-02-09', '2024-02-17')).toBe(0);
    expect(workingDaysBetween('2024-02-17', '2024-02-09')).toBe(0);
    expect(workingDaysBetween('2024-02-19', '2024-02-09')).toBe(-2);
    // 262 weekdays − 19 weekday holidays + 8 adjusted weekend days.
    expect(workingDaysBetween('2023-12-31', '2024-12-31')).toBe(251);
  });
});

describe('outside the covered years', () => {
  it('is an error naming the year and the notice to enter, not a guess', () => {
    const msg =
      '2027-03-01所在的2027年不在工作日日历覆盖范围（2020–2026年）内：须先录入国务院办公厅2027年部分节假日安排的通知，不能按周一至周五推算期限';
    expect(() => isWorkingDay('2027-03-01')).toThrow(msg);
    expect(() => isWorkingDay('2027-03-01')).toThrow(CalendarRangeError);
    expect(() => isWorkingDay('2019-12-31')).toThrow(/2019年不在工作日日历覆盖范围/);
    // Counting that would run past the end of 2026 stops with the same error.
    expect(() => addWorkingDays('2026-12-20', 30)).toThrow(/2027年不在工作日日历覆盖范围/);
  });
});
