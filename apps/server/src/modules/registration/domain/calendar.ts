/**
 * The Chinese working-day calendar for statutory deadlines ("30个工作日内"): Monday–Friday are
 * working days, except the statutory holidays of the State Council's yearly notice, and the weekend
 * days that notice makes working days (调休上班). The notices are data (data/holidays.json, with
 * their numbers). A date in a year that no notice covers is an error — a deadline must not be
 * computed from a guess — so adding a year means entering its notice.
 *
 * Dates are ISO calendar dates ("2024-02-18"), compared as days with no time zone.
 * Conventions (those of 《事业单位登记管理暂行条例实施细则》 and administrative practice):
 *   - addWorkingDays(d, n): the n-th working day after d; d itself does not count ("自…之日起30个
 *     工作日内" ends on the 30th working day after that day). n = 0 gives d when it is a working day,
 *     else the next working day — a deadline that falls on a holiday moves to the next working day.
 *   - workingDaysBetween(a, b): the working days after a up to and including b, so that
 *     workingDaysBetween(d, addWorkingDays(d, n)) = n.
 */
import data from './data/holidays.json' with { type: 'json' };

export interface HolidayNotice {
  number: string | null;
  title: string;
  date: string;
}

interface YearData {
  notices: HolidayNotice[];
  holidays: [string, string, string][];
  workdays: string[];
}

export type DayKind =
  | { kind: 'workday' }
  | { kind: 'weekend' }
  | { kind: 'holiday'; name: string }
  | { kind: 'adjustedWorkday'; name: string };

export class CalendarRangeError extends RangeError {}

const YEARS = data.years as unknown as Record<string, YearData>;
const COVERED = Object.keys(YEARS)
  .map(Number)
  .sort((a, b) => a - b);

const HOLIDAYS = new Map<string, string>();
const WORKDAYS = new Map<string, string>();

const DAY_MS = 86_400_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function toDays(date: string): number {
  const m = ISO.exec(date);
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== date)
    throw new RangeError(`日期“${date}”格式不正确，应为YYYY-MM-DD的有效日期`);
  return t / DAY_MS;
}

function fromDays(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

for (const y of Object.values(YEARS)) {
  for (const [name, from, to] of y.holidays) {
    for (let d = toDays(from); d <= toDays(to); d++) HOLIDAYS.set(fromDays(d), name);
  }
  // The notice names the adjusted working day under the holiday it makes up for; find it by date.
  for (const w of y.workdays) {
    const near = y.holidays.reduce(
      (best, h) => {
        const dist = Math.min(Math.abs(toDays(h[1]) - toDays(w)), Math.abs(toDays(h[2]) - toDays(w)));
        return dist < best.dist ? { dist, name: h[0] } : best;
      },
      { dist: Infinity, name: '' },
    );
    WORKDAYS.set(w, near.name);
  }
}

/** The years covered and the notices they come from. */
export function calendarCoverage(): { first: number; last: number; notices: (HolidayNotice & { year: number })[] } {
  return {
    first: COVERED[0] ?? 0,
    last: COVERED.at(-1) ?? 0,
    notices: COVERED.flatMap((year) => (YEARS[String(year)]?.notices ?? []).map((n) => ({ ...n, year }))),
  };
}

function assertCovered(date: string): number {
  const days = toDays(date);
  const year = Number(date.slice(0, 4));
  if (!YEARS[String(year)]) {
    const { first, last } = calendarCoverage();
    throw new CalendarRangeError(
      `${date}所在的${year}年不在工作日日历覆盖范围（${first}–${last}年）内：须先录入国务院办公厅${year}年部分节假日安排的通知，不能按周一至周五推算期限`,
    );
  }
  return days;
}

/** What kind of day `date` is. Throws CalendarRangeError outside the covered years. */
export function dayKind(date: string): DayKind {
  const days = assertCovered(date);
  const holiday = HOLIDAYS.get(date);
  if (holiday !== undefined) return { kind: 'holiday', name: holiday };
  const adjusted = WORKDAYS.get(date);
  if (adjusted !== undefined) return { kind: 'adjustedWorkday', name: adjusted };
  // 1970-01-01 (day 0) was a Thursday: day mod 7 = 2 is Saturday, 3 is Sunday.
  const dow = (((days + 4) % 7) + 7) % 7; // 0 Sunday … 6 Saturday
  return dow === 0 || dow === 6 ? { kind: 'weekend' } : { kind: 'workday' };
}

export function isWorkingDay(date: string): boolean {
  const k = dayKind(date).kind;
  return k === 'workday' || k === 'adjustedWorkday';
}

/** `date` when it is a working day, else the next working day. */
export function nextWorkingDayFrom(date: string): string {
  let d = assertCovered(date);
  while (!isWorkingDay(fromDays(d))) d++;
  return fromDays(d);
}

/** The n-th working day after `date` (n ≥ 0; see the conventions above). */
export function addWorkingDays(date: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`工作日数应为非负整数（实际${n}）`);
  if (n === 0) return nextWorkingDayFrom(date);
  let d = assertCovered(date);
  let left = n;
  while (left > 0) {
    d++;
    if (isWorkingDay(fromDays(d))) left--;
  }
  return fromDays(d);
}

/** Working days after `from` up to and including `to`; negative when `to` is before `from`. */
export function workingDaysBetween(from: string, to: string): number {
  const a = assertCovered(from);
  const b = assertCovered(to);
  if (b < a) {
    const back = workingDaysBetween(to, from);
    return back === 0 ? 0 : -back;
  }
  let n = 0;
  for (let d = a + 1; d <= b; d++) if (isWorkingDay(fromDays(d))) n++;
  return n;
}
