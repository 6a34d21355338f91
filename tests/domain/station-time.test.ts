import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  addCalendarDays,
  ageOn,
  calendarDaysBetween,
  formatStationDate,
  formatStationDateTime,
  isCalendarDate,
  isoWeekday,
  isWallTime,
  mondayOf,
  stationDateOf,
  stationInstant,
  stationWallTimeOf,
} from '../../domain/station-time.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

test('isCalendarDate accepts real days only', () => {
  const table: [string, boolean][] = [
    ['2026-11-23', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-13-01', false],
    ['2026-1-5', false],
    ['2026-11-23T00:00:00Z', false],
    ['', false],
  ];
  for (const [value, expected] of table) assert.equal(isCalendarDate(value), expected, value);
});

test('isWallTime accepts HH:MM from 00:00 to 23:59', () => {
  const table: [string, boolean][] = [
    ['00:00', true],
    ['09:00', true],
    ['23:59', true],
    ['24:00', false],
    ['9:00', false],
    ['17:60', false],
    ['17:00:00', false],
  ];
  for (const [value, expected] of table) assert.equal(isWallTime(value), expected, value);
});

test('stationDateOf: the station day starts at 16:00 UTC of the day before', () => {
  const table: [string, string][] = [
    ['2026-11-22T15:59:59.999Z', '2026-11-22'],
    ['2026-11-22T16:00:00.000Z', '2026-11-23'],
    ['2026-12-31T16:00:00.000Z', '2027-01-01'],
    ['2026-11-23T00:30:00+08:00', '2026-11-23'],
    ['2026-11-22T23:30:00-08:00', '2026-11-23'],
  ];
  for (const [at, expected] of table) assert.equal(stationDateOf(at), expected, at);
  assert.equal(stationWallTimeOf('2026-11-22T09:00:00Z'), '17:00');
  assert.equal(stationWallTimeOf('2026-11-22T16:05:59Z'), '00:05');
});

test('stationInstant: a station wall clock reading as a UTC instant', () => {
  assert.equal(stationInstant('2026-11-22', '17:00').toISOString(), '2026-11-22T09:00:00.000Z');
  assert.equal(stationInstant('2026-11-23', '00:00').toISOString(), '2026-11-22T16:00:00.000Z');
  assert.equal(stationInstant('2027-01-01', '07:59').toISOString(), '2026-12-31T23:59:00.000Z');
  assert.throws(() => stationInstant('2026-02-30', '09:00'), RangeError);
  assert.throws(() => stationInstant('2026-11-23', '25:00'), RangeError);
});

test('calendar arithmetic across month, year and 29 February', () => {
  assert.equal(addCalendarDays('2026-03-01', -1), '2026-02-28');
  assert.equal(addCalendarDays('2028-03-01', -1), '2028-02-29');
  assert.equal(addCalendarDays('2026-12-31', 1), '2027-01-01');
  assert.equal(addCalendarDays('2026-11-23', 7), '2026-11-30');
  assert.equal(calendarDaysBetween('2026-11-23', '2026-11-30'), 7);
  assert.equal(calendarDaysBetween('2026-11-30', '2026-11-23'), -7);
  assert.equal(calendarDaysBetween('2026-12-31', '2027-01-01'), 1);
});

test('weekdays and the Monday of a week', () => {
  assert.equal(isoWeekday('2026-11-23'), 1);
  assert.equal(isoWeekday('2026-11-29'), 7);
  assert.equal(mondayOf('2026-11-29'), '2026-11-23');
  assert.equal(mondayOf('2026-11-23'), '2026-11-23');
  assert.equal(mondayOf('2027-01-02'), '2026-12-28');
  assert.equal(formatStationDate('2026-11-23'), '11月23日（周一）');
  assert.equal(formatStationDateTime('2026-11-22T09:00:00Z'), '11月22日（周日）17:00');
  assert.equal(formatStationDateTime('2026-11-22T16:00:00Z'), '11月23日（周一）00:00');
});

test('ageOn: with a birth date, the birthday itself counts', () => {
  const born = { birthYear: 1946, birthDate: '1946-11-25' };
  assert.equal(ageOn(born, '2026-11-24'), 79);
  assert.equal(ageOn(born, '2026-11-25'), 80);
  assert.equal(ageOn(born, '2027-01-01'), 80);
  // Instants count by their station date: 2026-11-24T16:00Z is already 25 November at the station.
  assert.equal(ageOn(born, new Date('2026-11-24T15:59:59Z')), 79);
  assert.equal(ageOn(born, new Date('2026-11-24T16:00:00Z')), 80);
});

test('ageOn: born on 29 February is a year older on 1 March of a common year', () => {
  const leap = { birthYear: 1948, birthDate: '1948-02-29' };
  assert.equal(ageOn(leap, '2026-02-28'), 77);
  assert.equal(ageOn(leap, '2026-03-01'), 78);
  assert.equal(ageOn(leap, '2028-02-29'), 80);
});

test('ageOn: with only a birth year, the age reached in that calendar year, all year long', () => {
  assert.equal(ageOn({ birthYear: 1946 }, '2026-01-01'), 80);
  assert.equal(ageOn({ birthYear: 1946 }, '2026-12-31'), 80);
  assert.equal(ageOn({ birthYear: 1946 }, '2025-12-31'), 79);
  assert.equal(ageOn({ birthYear: 1946, birthDate: null }, '2026-06-01'), 80);
  assert.equal(ageOn({ birthYear: 2030 }, '2026-06-01'), 0);
  // New Year at the station comes 8 hours before New Year in UTC.
  assert.equal(ageOn({ birthYear: 1946 }, new Date('2025-12-31T16:00:00Z')), 80);
});

test('the station-time code never reads the machine time zone (source scan)', () => {
  const localTimeApi = /\.(get|set)(FullYear|Month|Date|Day|Hours|Minutes|Seconds|Milliseconds)\(|getTimezoneOffset|toLocale(Date|Time)?String|toDateString|toTimeString|DateTimeFormat|new Date\((?!Date\.UTC)[^)]*,/;
  for (const file of ['station-time.ts', 'meals.ts', 'volunteer.ts']) {
    const source = readFileSync(new URL(`../../domain/${file}`, import.meta.url), 'utf8');
    const hits = source.split('\n').filter((line) => localTimeApi.test(line));
    assert.deepEqual(hits, [], `${file} uses a local-time API`);
  }
});

test('the same answers under three machine time zones (child processes)', () => {
  const module = new URL('../../domain/station-time.ts', import.meta.url).href;
  const script = `
    import { stationDateOf, stationInstant, ageOn, mondayOf, formatStationDateTime } from ${JSON.stringify(module)};
    console.log(JSON.stringify({
      offset: new Date(Date.UTC(2026, 10, 23)).getTimezoneOffset(),
      dates: ['2026-11-22T15:59:59Z', '2026-11-22T16:00:00Z', '2026-11-23T07:59:59Z', '2026-11-23T08:00:00Z'].map(stationDateOf),
      instant: stationInstant('2026-11-23', '00:00').toISOString(),
      age: ageOn({ birthYear: 1946, birthDate: '1946-11-23' }, new Date('2026-11-22T16:00:00Z')),
      monday: mondayOf('2026-11-29'),
      text: formatStationDateTime('2026-11-22T16:00:00Z'),
    }));`;
  const expected = {
    dates: ['2026-11-22', '2026-11-23', '2026-11-23', '2026-11-23'],
    instant: '2026-11-22T16:00:00.000Z',
    age: 80,
    monday: '2026-11-23',
    text: '11月23日（周一）00:00',
  };
  const zones: [string, number][] = [
    ['America/Los_Angeles', 480],
    ['Asia/Shanghai', -480],
    ['Pacific/Kiritimati', -840],
  ];
  for (const [tz, offset] of zones) {
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: REPO,
      env: { ...process.env, TZ: tz },
      encoding: 'utf8',
    });
    assert.equal(child.status, 0, child.stderr);
    assert.deepEqual(JSON.parse(child.stdout), { offset, ...expected }, tz);
  }
});
