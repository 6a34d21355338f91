import { sourceErrors } from '../../core/strings/zh-CN.ts';
import type { ShopStrings } from '../strings.ts';

export const strings: ShopStrings = {
  ...sourceErrors,
  listLabel: '积分超市',
  loading: '正在加载积分超市…',
  empty: '积分超市暂时没有可以兑换的东西。',
  unavailable: '这个服务站还没有开通积分兑换。',
  cost: '{points} 积分',
  stock: '还剩 {count} 件',
  soldOut: '已兑完',
  monthlyLimit: '每人每月限 {count} 件',
  notActive: '现在不在兑换时间',
  service: '服务',
  redeem: '兑换',
  signIn: '登录查看我的积分',
  signInHint: '用在服务站登记的手机号和密码登录后，可以在网上兑换，再到服务站领取。',
  opening: '正在打开…',
  back: '返回',
};
