import { sourceErrors } from '../../core/strings/zh-TW.ts';
import type { ShopStrings } from '../strings.ts';

export const strings: ShopStrings = {
  ...sourceErrors,
  listLabel: '積分超市',
  loading: '正在載入積分超市…',
  empty: '積分超市暫時沒有可以兌換的東西。',
  unavailable: '這個服務站還沒有開通積分兌換。',
  cost: '{points} 積分',
  stock: '還剩 {count} 件',
  soldOut: '已兌完',
  monthlyLimit: '每人每月限 {count} 件',
  notActive: '現在不在兌換時間',
  service: '服務',
  redeem: '兌換',
  signIn: '登入查看我的積分',
  signInHint: '用在服務站登記的手機號和密碼登入後，可以在網上兌換，再到服務站領取。',
  opening: '正在開啟…',
  back: '返回',
};
