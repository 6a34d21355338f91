import type { AccountWidgetStrings } from '../core/account-widget.ts';
import { lazyTables } from '../core/lazy-tables.ts';
import { strings as zhCN } from './strings/zh-CN.ts';

/** What the list of activities (always loaded) needs. */
export interface BoardStrings extends AccountWidgetStrings {
  title: string;
  empty: string;
  /** `{day}`, `{from}`, `{to}`. */
  when: string;
  placeLabel: string;
  requirementsLabel: string;
  /** `{count}` places left. */
  placesLeft: string;
  /** `{count}` people already waiting. */
  full: string;
  closed: string;
  /** `{time}`: when sign-up closes. */
  deadline: string;
  /** `{min}`, `{max}`. */
  ageBetween: string;
  ageFrom: string;
  ageTo: string;
  /** `{points}` per hour of service. */
  pointsPerHour: string;
  signUp: string;
  waitlist: string;
}

export const boardStrings = lazyTables<BoardStrings>(zhCN, {
  'zh-TW': () => import('./strings/zh-TW.ts'),
  en: () => import('./strings/en.ts'),
});
