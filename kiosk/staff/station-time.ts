/**
 * The editor's date-time fields are in station time (China Standard Time, UTC+8 all year, no
 * daylight saving), whatever time zone the kiosk's OS is set to; notices store UTC ISO strings.
 */
const OFFSET_MS = 8 * 60 * 60_000;

/** "2026-11-23T09:30" (station time) → "2026-11-23T01:30:00.000Z"; '' or garbage → null. */
export function stationInputToIso(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])) - OFFSET_MS;
  return Number.isNaN(utc) ? null : new Date(utc).toISOString();
}

/** UTC ISO → the value of an `<input type="datetime-local">` in station time. */
export function isoToStationInput(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  return new Date(t + OFFSET_MS).toISOString().slice(0, 16);
}
