import type { SourceErrorStrings } from '../core/strings.ts';
import { lazyTables } from '../core/lazy-tables.ts';
import type { RankingPeriod } from '../core/points-source.ts';
import { strings as zhCN } from './strings/zh-CN.ts';

export type RankingView = 'residents' | 'buildings';

export interface RankingStrings extends SourceErrorStrings {
  loading: string;
  empty: string;
  /** The source has no points at all. */
  unavailable: string;
  viewLabel: string;
  views: Record<RankingView, string>;
  periodLabel: string;
  periods: Record<RankingPeriod, string>;
  /** `{year}`; `{year}` and `{month}`. */
  year: string;
  month: string;
  /** `{period}` is the formatted period. */
  captions: Record<RankingView, string>;
  rank: string;
  name: string;
  building: string;
  points: string;
  residents: string;
  note: string;
}

export const rankingStrings = lazyTables<RankingStrings>(zhCN, {
  'zh-TW': () => import('./strings/zh-TW.ts'),
  en: () => import('./strings/en.ts'),
});
