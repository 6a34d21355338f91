import { lazyTables } from '../core/lazy-tables.ts';
import type { SourceErrorStrings } from '../core/strings.ts';
import { strings as zhCN } from './strings/zh-CN.ts';

/** What the catalogue list (always loaded) needs. */
export interface ShopStrings extends SourceErrorStrings {
  listLabel: string;
  loading: string;
  empty: string;
  unavailable: string;
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
  signIn: string;
  signInHint: string;
  opening: string;
  back: string;
}

export const shopStrings = lazyTables<ShopStrings>(zhCN, {
  'zh-TW': () => import('./strings/zh-TW.ts'),
  en: () => import('./strings/en.ts'),
});
