import type { DietTag, HealthLabel, MealKind } from '../../domain/meals.ts';
import { lazyTables } from '../core/lazy-tables.ts';
import type { AccountWidgetStrings } from '../core/account-widget.ts';
import { strings as zhCN } from './strings/zh-CN.ts';

/** What the menu (always loaded) needs. */
export interface MealStrings extends AccountWidgetStrings {
  title: string;
  /** `{from}`, `{to}`: the week's first and last day. */
  week: string;
  empty: string;
  meals: Record<MealKind, string>;
  /** `{code}`: A, B, C. */
  set: string;
  /** `{count}` portions left. */
  seatsLeft: string;
  full: string;
  closed: string;
  /** `{time}`: when booking closes. */
  closes: string;
  /** Before the list of a set's variants (软食, 低盐…). */
  variants: string;
  dietLabel: string;
  diet: Record<DietTag, string>;
  /** Health labels in words (never colour alone). */
  health: Record<HealthLabel, string>;
  book: string;
}

export const mealStrings = lazyTables<MealStrings>(zhCN, {
  'zh-TW': () => import('./strings/zh-TW.ts'),
  en: () => import('./strings/en.ts'),
});
