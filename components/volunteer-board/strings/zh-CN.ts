import { sourceErrors } from '../../core/strings/zh-CN.ts';
import type { BoardStrings } from '../strings.ts';

export const strings: BoardStrings = {
  ...sourceErrors,
  title: '近期志愿活动',
  loading: '正在加载志愿活动…',
  empty: '近期没有志愿活动。',
  unavailable: '这个服务站还没有开通网上报名。',
  when: '{day} {from}–{to}',
  placeLabel: '地点',
  requirementsLabel: '要求',
  placesLeft: '还有 {count} 个名额',
  full: '名额已满，可以排候补（{count} 人在等）',
  closed: '报名已截止',
  deadline: '{time} 截止报名',
  ageBetween: '{min}–{max} 岁',
  ageFrom: '{min} 岁及以上',
  ageTo: '{max} 岁及以下',
  pointsPerHour: '每服务 1 小时得 {points} 积分',
  signUp: '报名',
  waitlist: '排候补',
  signIn: '登录报名',
  signInHint: '用在服务站登记的手机号和密码登录，就可以在网上报名、取消，查看自己报的活动。',
  opening: '正在打开…',
  back: '返回',
};
