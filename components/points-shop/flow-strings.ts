import type { RedeemRefusal } from '../../domain/points.ts';
import { lazyTables } from '../core/lazy-tables.ts';
import type { FlowStringsBase } from '../core/resident-flow.ts';
import type { PointsErrorKind } from '../core/points-source.ts';
import { strings as zhCN } from './strings/flow.zh-CN.ts';

/** What the sign-in and redeem flow (loaded on first use) needs. */
export interface FlowStrings extends FlowStringsBase {
  loadingAccount: string;
  balance: string;
  pendingTitle: string;
  /** `{name}`, `{quantity}`. */
  itemLine: string;
  confirmTitle: string;
  itemLabel: string;
  costLabel: string;
  balanceLabel: string;
  afterLabel: string;
  confirmHint: string;
  confirm: string;
  redeeming: string;
  notNow: string;
  voucherTitle: string;
  /** `{item}` is the item line. */
  voucherHint: string;
  code: string;
  /** `{code}`. */
  qrLabel: string;
  /** `{points}`. */
  balanceNow: string;
  /** `{time}`. */
  cancelUntil: string;
  cancel: string;
  cancelling: string;
  cancelledTitle: string;
  /** `{points}`. */
  cancelled: string;
  done: string;
  points: string;
  /** A plain sentence for every way it can go wrong; refusals in REDEEM_REFUSALS' words. */
  errors: FlowStringsBase['errors'] & Record<PointsErrorKind, string> & Record<RedeemRefusal, string>;
}

export const flowStrings = lazyTables<FlowStrings>(zhCN, {
  'zh-TW': () => import('./strings/flow.zh-TW.ts'),
  en: () => import('./strings/flow.en.ts'),
});
