import type { SignUpStatus } from '../../domain/volunteer.ts';
import { lazyTables } from '../core/lazy-tables.ts';
import type { FlowStringsBase } from '../core/resident-flow.ts';
import type { VolunteerErrorKind } from '../core/volunteer-source.ts';
import { strings as zhCN } from './strings/flow.zh-CN.ts';

/** What the sign-up flow (loaded on first use) needs. */
export interface FlowStrings extends FlowStringsBase {
  mineTitle: string;
  mineEmpty: string;
  loadingMine: string;
  status: Record<SignUpStatus, string>;
  /** `{position}` in the waiting list. */
  waitlistPosition: string;
  /** `{hours}`, `{points}`. */
  served: string;
  cancel: string;
  cancelling: string;
  /** `{title}`. */
  cancelled: string;
  activityLabel: string;
  whenWhereLabel: string;
  confirmTitle: string;
  /** `{titles}`: the resident's activities at the same time. */
  overlap: string;
  fullHint: string;
  confirmHint: string;
  confirm: string;
  signingUp: string;
  notNow: string;
  confirmedTitle: string;
  waitlistedTitle: string;
  /** `{title}`, `{when}`, `{place}`. */
  confirmedText: string;
  /** `{title}`. */
  waitlistedText: string;
  finish: string;
  /** A plain sentence for every way it can go wrong. */
  errors: FlowStringsBase['errors'] & Record<VolunteerErrorKind, string>;
}

export const flowStrings = lazyTables<FlowStrings>(zhCN, {
  'zh-TW': () => import('./strings/flow.zh-TW.ts'),
  en: () => import('./strings/flow.en.ts'),
});
