import { REDEEM_REFUSALS } from '../../../domain/points.ts';
import { sourceErrors } from '../../core/strings/zh-CN.ts';
import { residentErrors, residentStrings } from '../../core/strings/resident.zh-CN.ts';
import type { FlowStrings } from '../flow-strings.ts';

export const strings: FlowStrings = {
  ...residentStrings,
  loadingAccount: '正在查询积分…',
  balance: '现有积分',
  pendingTitle: '待领取',
  itemLine: '{name} × {quantity}',
  confirmTitle: '确认兑换',
  itemLabel: '兑换',
  costLabel: '需要积分',
  balanceLabel: '现有积分',
  afterLabel: '兑换后剩余',
  confirmHint: '兑换后请到服务站领取。10 分钟内可以取消。',
  confirm: '确认兑换',
  redeeming: '正在兑换…',
  notNow: '不换了',
  voucherTitle: '兑换成功',
  voucherHint: '请到服务站领取 {item}，把下面的兑换码给工作人员看。',
  code: '兑换码',
  qrLabel: '兑换码 {code} 的二维码',
  balanceNow: '现有积分 {points}',
  cancelUntil: '{time} 前可以取消这次兑换。',
  cancel: '取消这次兑换',
  cancelling: '正在取消…',
  cancelledTitle: '已取消兑换',
  cancelled: '积分已经退回，现有积分 {points}。',
  done: '返回积分超市',
  points: '{points} 积分',
  errors: {
    ...sourceErrors.errors,
    ...residentErrors,
    ...REDEEM_REFUSALS,
    'cannot-cancel': '这次兑换已经超过 10 分钟或已经领取，不能取消了。',
  },
};
