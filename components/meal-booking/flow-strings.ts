import type { MealBookingStatus, MealMode } from '../../domain/meals.ts';
import { lazyTables } from '../core/lazy-tables.ts';
import type { FlowStringsBase } from '../core/resident-flow.ts';
import type { MealsErrorKind } from '../core/meals-source.ts';
import { strings as zhCN } from './strings/flow.zh-CN.ts';

/** What the sign-in and booking flow (loaded on first use) needs. */
export interface FlowStrings extends FlowStringsBase {
  mineTitle: string;
  mineEmpty: string;
  loadingMine: string;
  /** `{date}`, `{meal}`, `{set}`, `{mode}`. */
  line: string;
  status: Record<MealBookingStatus, string>;
  /** `{amount}`. */
  toPay: string;
  cancel: string;
  cancelling: string;
  /** `{what}`: the booking line. */
  cancelled: string;
  /** `{date}`, `{meal}`. */
  chooseTitle: string;
  setLegend: string;
  variantLabel: string;
  standard: string;
  modeLegend: string;
  modes: Record<MealMode, string>;
  family: string;
  next: string;
  quoting: string;
  confirmTitle: string;
  breakdown: string;
  item: string;
  amount: string;
  toPayLabel: string;
  confirmHint: string;
  confirm: string;
  booking: string;
  change: string;
  doneTitle: string;
  /** `{what}` and `{amount}`. */
  done: string;
  finish: string;
  /** A plain sentence for every way it can go wrong; refusals in MEAL_BOOKING_REFUSALS' words. */
  errors: FlowStringsBase['errors'] & Record<MealsErrorKind, string>;
}

export const flowStrings = lazyTables<FlowStrings>(zhCN, {
  'zh-TW': () => import('./strings/flow.zh-TW.ts'),
  en: () => import('./strings/flow.en.ts'),
});
