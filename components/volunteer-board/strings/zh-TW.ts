import { sourceErrors } from '../../core/strings/zh-TW.ts';
import type { BoardStrings } from '../strings.ts';

export const strings: BoardStrings = {
  ...sourceErrors,
  title: '近期志願活動',
  loading: '正在載入志願活動…',
  empty: '近期沒有志願活動。',
  unavailable: '這個服務站還沒有開通網上報名。',
  when: '{day} {from}–{to}',
  placeLabel: '地點',
  requirementsLabel: '要求',
  placesLeft: '還有 {count} 個名額',
  full: '名額已滿，可以排候補（{count} 人在等）',
  closed: '報名已截止',
  deadline: '{time} 截止報名',
  ageBetween: '{min}–{max} 歲',
  ageFrom: '{min} 歲及以上',
  ageTo: '{max} 歲及以下',
  pointsPerHour: '每服務 1 小時得 {points} 積分',
  signUp: '報名',
  waitlist: '排候補',
  signIn: '登入報名',
  signInHint: '用在服務站登記的手機號和密碼登入，就可以在網上報名、取消，查看自己報的活動。',
  opening: '正在打開…',
  back: '返回',
};
