/**
 * A translation table per locale where only zh-CN (or nothing) ships up front and zh-TW / en load
 * on first use, as the notice board does. A missing locale is a type error.
 */
import type { Locale } from './i18n.ts';

type Loader<T> = () => Promise<{ strings: T }>;

/**
 * `lookup(locale, onLoad)` gives the table, or null while it loads (then `onLoad` runs once it
 * is there). A table that fails to load falls back to zh-CN.
 */
export function lazyTables<T>(zhCN: T, loaders: Record<Exclude<Locale, 'zh-CN'>, Loader<T>>): (locale: Locale, onLoad: () => void) => T | null {
  const loaded: Partial<Record<Locale, T>> = { 'zh-CN': zhCN };
  const pending: Partial<Record<Locale, Promise<unknown>>> = {};
  return (locale, onLoad) => {
    const table = loaded[locale];
    if (table) return table;
    const key = locale as Exclude<Locale, 'zh-CN'>;
    pending[key] ??= loaders[key]().then(
      (m) => (loaded[key] = m.strings),
      () => (loaded[key] = zhCN),
    );
    void pending[key].then(onLoad);
    return null;
  };
}
