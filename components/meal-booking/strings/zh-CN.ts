import { sourceErrors } from '../../core/strings/zh-CN.ts';
import type { MealStrings } from '../strings.ts';

export const strings: MealStrings = {
  ...sourceErrors,
  title: '本周菜单',
  week: '{from} 至 {to}',
  loading: '正在加载菜单…',
  empty: '这一周的菜单还没有公布。',
  unavailable: '这个服务站还没有开通网上订餐。',
  meals: { lunch: '午餐', dinner: '晚餐' },
  set: '{code} 套餐',
  seatsLeft: '还剩 {count} 份',
  full: '已订满',
  closed: '已截止',
  closes: '{time} 截止',
  variants: '可以做成：',
  dietLabel: '饮食标签',
  diet: { 低盐: '低盐', 低糖: '低糖', 低脂: '低脂', 软食: '软食', 流食: '流食', 清真: '清真', 素食: '素食' },
  health: { red: '红灯：少吃', amber: '黄灯：适量', green: '绿灯：放心吃' },
  book: '订这一餐',
  signIn: '登录订餐',
  signInHint: '用在服务站登记的手机号和密码登录，就可以在网上订餐、退订。家属也可以用老人的手机号和密码代订。',
  opening: '正在打开…',
  back: '返回',
};
