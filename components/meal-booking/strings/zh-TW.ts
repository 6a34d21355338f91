import { sourceErrors } from '../../core/strings/zh-TW.ts';
import type { MealStrings } from '../strings.ts';

export const strings: MealStrings = {
  ...sourceErrors,
  title: '本週菜單',
  week: '{from} 至 {to}',
  loading: '正在載入菜單…',
  empty: '這一週的菜單還沒有公布。',
  unavailable: '這個服務站還沒有開通網上訂餐。',
  meals: { lunch: '午餐', dinner: '晚餐' },
  set: '{code} 套餐',
  seatsLeft: '還剩 {count} 份',
  full: '已訂滿',
  closed: '已截止',
  closes: '{time} 截止',
  variants: '可以做成：',
  dietLabel: '飲食標籤',
  diet: { 低盐: '低鹽', 低糖: '低糖', 低脂: '低脂', 软食: '軟食', 流食: '流食', 清真: '清真', 素食: '素食' },
  health: { red: '紅燈：少吃', amber: '黃燈：適量', green: '綠燈：放心吃' },
  book: '訂這一餐',
  signIn: '登入訂餐',
  signInHint: '用在服務站登記的手機號和密碼登入，就可以在網上訂餐、退訂。家屬也可以用長者的手機號和密碼代訂。',
  opening: '正在打開…',
  back: '返回',
};
