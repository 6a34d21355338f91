/**
 * Station time: calendar dates and wall-clock times as people at the station read them
 * (Asia/Shanghai). China keeps UTC+8 all year with no daylight saving, so the conversion is a
 * fixed offset — no time-zone database, and never the machine's own time zone: a server in
 * Frankfurt and a kiosk whose clock was set to the wrong zone must reach the same answer. Only
 * UTC methods of Date are used here (getUTC*, Date.UTC, toISOString).
 *
 * A calendar date is a "YYYY-MM-DD" string (a meal's date, a birthday); an instant is a Date or an
 * ISO-8601 UTC string (a cut-off, an activity's start).
 */

/** Asia/Shanghai is UTC+8 all year. */
export const STATION_UTC_OFFSET_MINUTES = 8 * 60;
const OFFSET_MS = STATION_UTC_OFFSET_MINUTES * 60_000;
const DAY_MS = 24 * 60 * 60_000;

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WALL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "2026-11-23": a real day of the Gregorian calendar (not 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = CALENDAR_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * An RFC 3339 date-time with an explicit offset that names a real instant: a real calendar day
 * (leap years included), hours 00–23 (no 24:00), minutes and seconds 00–59 (no leap second 60,
 * which Date cannot hold and would roll over), and an offset between −12:00 and +14:00 as clocks
 * use. Date.parse alone rolls "2026-02-30" over to 2 March; this refuses it.
 */
export function isCalendarDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (!m) return false;
  if (!isCalendarDate(`${m[1]}-${m[2]}-${m[3]}`)) return false;
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), m[6] === undefined ? 0 : Number(m[6])];
  if (hour > 23 || minute > 59 || second > 59) return false;
  if (m[7] !== undefined) {
    const offsetMinutes = (Number(m[8]) * 60 + Number(m[9])) * (m[7] === '-' ? -1 : 1);
    if (Number(m[9]) > 59 || offsetMinutes < -12 * 60 || offsetMinutes > 14 * 60) return false;
  }
  return true;
}

/** "17:00": hours 00–23 and minutes 00–59, always two digits each. */
export function isWallTime(value: string): boolean {
  return WALL_TIME.test(value);
}

function parseCalendarDate(date: string): [year: number, month: number, day: number] {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

/** Midnight UTC of a calendar date, used only for day arithmetic (never shown). */
function utcMidnight(date: string): number {
  const [y, m, d] = parseCalendarDate(date);
  return Date.UTC(y, m - 1, d);
}

function toInstant(at: Date | string): number {
  const t = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (Number.isNaN(t)) throw new RangeError(`not a valid instant: ${String(at)}`);
  return t;
}

/** The calendar date at the station at an instant: 2026-11-22T16:00:00Z is already "2026-11-23". */
export function stationDateOf(at: Date | string): string {
  return new Date(toInstant(at) + OFFSET_MS).toISOString().slice(0, 10);
}

/** "17:00" at the station at an instant (minutes, seconds dropped). */
export function stationWallTimeOf(at: Date | string): string {
  return new Date(toInstant(at) + OFFSET_MS).toISOString().slice(11, 16);
}

/** The instant a station wall clock shows `time` on `date`: ("2026-11-22", "17:00") → 2026-11-22T09:00:00.000Z. */
export function stationInstant(date: string, time: string): Date {
  const m = WALL_TIME.exec(time);
  if (!m) throw new RangeError(`not a wall-clock time (HH:MM): ${time}`);
  return new Date(utcMidnight(date) + (Number(m[1]) * 60 + Number(m[2])) * 60_000 - OFFSET_MS);
}

/** The calendar date `days` later (negative: earlier); month and year ends and 29 February handled. */
export function addCalendarDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`days must be a whole number: ${days}`);
  return new Date(utcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: string, to: string): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}

/** ISO weekday: 1 Monday … 7 Sunday. */
export function isoWeekday(date: string): number {
  const d = new Date(utcMidnight(date)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The Monday of the week a date is in (weeks run Monday to Sunday, as menus do). */
export function mondayOf(date: string): string {
  return addCalendarDays(date, 1 - isoWeekday(date));
}

const WEEKDAY_NAMES = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;

/** "11月23日（周一）" — for messages and printouts; UI text goes through Intl in the components. */
export function formatStationDate(date: string): string {
  const [, m, d] = parseCalendarDate(date);
  return `${m}月${d}日（${WEEKDAY_NAMES[isoWeekday(date) - 1]}）`;
}

/** "11月22日（周日）17:00" at the station, whatever the machine's time zone. */
export function formatStationDateTime(at: Date | string): string {
  return `${formatStationDate(stationDateOf(at))}${stationWallTimeOf(at)}`;
}

/**
 * What the station knows about when someone was born. Residents store only the birth year today
 * (domain/resident.ts, PIPL: the minimum); a full date is optional for stations whose policy
 * needs the exact birthday.
 */
export interface BirthInfo {
  birthYear: number;
  /** "1946-11-23"; when given it decides, and birthYear is not used. */
  birthDate?: string | null;
}

/**
 * Age in whole years on a station calendar date (or at an instant, taken as its station date),
 * the one rule for subsidy bands, delivery eligibility and volunteer age limits.
 *
 * - With a birth date: completed years — the birthday itself counts (born 1946-11-23 is 80 on
 *   2026-11-23, 79 the day before). Someone born on 29 February is a year older on 1 March in
 *   common years.
 * - With only a birth year: the age reached in that calendar year, as if the birthday were
 *   1 January (born 1946 counts as 80 for all of 2026). Without a date this is the only rule that
 *   gives one answer all year, and it is the way many cities grant age-based benefits
 *   ("当年年满"); a station that must count exact birthdays records the birth date.
 *
 * Never negative: a date before the birth gives 0.
 */
export function ageOn(birth: BirthInfo, on: string | Date): number {
  const onDate = typeof on === 'string' ? on : stationDateOf(on);
  const [y, m, d] = parseCalendarDate(onDate);
  if (birth.birthDate) {
    const [by, bm, bd] = parseCalendarDate(birth.birthDate);
    const birthdayPassed = m > bm || (m === bm && d >= bd);
    return Math.max(0, y - by - (birthdayPassed ? 0 : 1));
  }
  if (!Number.isInteger(birth.birthYear)) throw new RangeError(`birthYear must be a whole number: ${birth.birthYear}`);
  return Math.max(0, y - birth.birthYear);
}
