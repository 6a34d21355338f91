import type { Board } from '../../domain/notice.ts';
import type { Locale } from '../core/i18n.ts';
import type { SourceErrorStrings } from '../core/strings.ts';
import { strings as zhCN } from './strings/zh-CN.ts';

/** What the list (always loaded) needs. */
export interface NoticeListStrings extends SourceErrorStrings {
  /** Accessible name of the list. */
  listLabel: string;
  /** `{count}` is the formatted number of notices. */
  count: string;
  loading: string;
  empty: string;
  pinned: string;
  back: string;
  opening: string;
  boards: Record<Board, string>;
}

type Loaded = Partial<Record<Locale, NoticeListStrings>>;
const loaded: Loaded = { 'zh-CN': zhCN };
const pending: Partial<Record<Locale, Promise<unknown>>> = {};

/** zh-CN ships with the widget; the other tables load on first use (a missing one is a type error). */
const loaders: Record<Exclude<Locale, 'zh-CN'>, () => Promise<{ strings: NoticeListStrings }>> = {
  'zh-TW': () => import('./strings/zh-TW.ts'),
  en: () => import('./strings/en.ts'),
};

/** The table for a locale, or null while it loads (then `onLoad` runs). zh-CN if it cannot load. */
export function listStrings(locale: Locale, onLoad: () => void): NoticeListStrings | null {
  const table = loaded[locale];
  if (table || locale === 'zh-CN') return table ?? zhCN;
  pending[locale] ??= loaders[locale]().then(
    (m) => (loaded[locale] = m.strings),
    () => (loaded[locale] = zhCN),
  );
  void pending[locale].then(onLoad);
  return null;
}
