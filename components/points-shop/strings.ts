import { lazyTables } from '../core/lazy-tables.ts';
import type { AccountWidgetStrings } from '../core/account-widget.ts';
import { strings as zhCN } from './strings/zh-CN.ts';

/** What the catalogue list (always loaded) needs. */
export interface ShopStrings extends AccountWidgetStrings {
  listLabel: string;
  empty: string;
  /** `{points}` is the formatted cost. */
  cost: string;
  /** `{count}` units left. */
  stock: string;
  soldOut: string;
  /** `{count}` units per resident per month. */
  monthlyLimit: string;
  notActive: string;
  service: string;
  redeem: string;
}

export const shopStrings = lazyTables<ShopStrings>(zhCN, {
  'zh-TW': () => import('./strings/zh-TW.ts'),
  en: () => import('./strings/en.ts'),
});
