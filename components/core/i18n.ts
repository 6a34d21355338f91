/**
 * Translation tables and locale resolution. Every user-visible string comes from a typed table
 * per locale; dates, times and numbers go through Intl.
 *
 * A component (or the kiosk) declares its own table shape and provides all three locales, so a
 * missing translation is a type error, not a blank on screen.
 */

export const LOCALES = ['zh-CN', 'zh-TW', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** Map any BCP-47 tag to one of ours: zh-Hant/zh-HK/zh-TW → zh-TW, other zh → zh-CN, en* → en. */
export function toLocale(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  const t = tag.toLowerCase();
  if (t.startsWith('zh')) return /hant|tw|hk|mo/.test(t) ? 'zh-TW' : 'zh-CN';
  if (t.startsWith('en')) return 'en';
  return null;
}

/**
 * The element's own `lang`, else the nearest ancestor's (crossing shadow roots, so a provider or
 * the kiosk root decides), else `<html lang>`, else zh-CN.
 */
export function resolveLocale(el: Element): Locale {
  let node: Node | null = el;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) {
      const found = toLocale(node.getAttribute('lang'));
      if (found) return found;
    }
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return toLocale(document.documentElement.lang) ?? DEFAULT_LOCALE;
}

export type Tables<T> = Record<Locale, T>;

/** Intl formatters per locale, always in the station's time zone (China has one). */
export const STATION_TIME_ZONE = 'Asia/Shanghai';

// Building an Intl formatter costs far more than using one (a list of 30 rows would spend
// milliseconds on construction alone), so each is made once per locale and kind.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let f = formatters.get(key) as T | undefined;
  if (!f) formatters.set(key, (f = make()));
  return f;
}

export function formatDate(iso: string, locale: Locale): string {
  return cached(`date:${locale}`, () => new Intl.DateTimeFormat(locale, { timeZone: STATION_TIME_ZONE, year: 'numeric', month: 'long', day: 'numeric' })).format(new Date(iso));
}

export function formatDateTime(iso: string, locale: Locale): string {
  return cached(
    `datetime:${locale}`,
    () => new Intl.DateTimeFormat(locale, { timeZone: STATION_TIME_ZONE, year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }),
  ).format(new Date(iso));
}

/** "11月24日星期二" for a station calendar date ("2026-11-24"), in the reader's language. */
export function formatDay(date: string, locale: Locale, weekday = true): string {
  const f = cached(`day:${locale}${weekday}`, () => new Intl.DateTimeFormat(locale, { timeZone: STATION_TIME_ZONE, month: 'long', day: 'numeric', weekday: weekday ? 'long' : undefined }));
  // Noon in the station's zone: the same calendar day whatever the machine's zone.
  return f.format(new Date(`${date}T12:00:00+08:00`));
}

/** "11月23日 17:00" for an instant, without the year. */
export function formatDayTime(iso: string, locale: Locale): string {
  return cached(`daytime:${locale}`, () => new Intl.DateTimeFormat(locale, { timeZone: STATION_TIME_ZONE, month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false })).format(
    new Date(iso),
  );
}

/** "17:00" for an instant. */
export function formatTime(iso: string, locale: Locale): string {
  return cached(`time:${locale}`, () => new Intl.DateTimeFormat(locale, { timeZone: STATION_TIME_ZONE, hour: '2-digit', minute: '2-digit', hour12: false })).format(new Date(iso));
}

export function formatNumber(n: number, locale: Locale): string {
  return cached(`number:${locale}`, () => new Intl.NumberFormat(locale)).format(n);
}

export function formatMoney(yuan: number, locale: Locale): string {
  return cached(`money:${locale}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY' })).format(yuan);
}

/** Replace {name} placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => (key in values ? String(values[key]) : m));
}
