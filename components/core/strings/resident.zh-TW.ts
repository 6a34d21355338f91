import type { ResidentErrorStrings, ResidentStrings } from '../strings.ts';

/** The resident sign-in's words, zh-TW; each flow's table spreads them. */
export const residentStrings: ResidentStrings = {
  signInHint: '請輸入在服務站登記的手機號和 4 位數字密碼。忘記密碼請到服務站找工作人員。',
  signInTitle: '登入',
  phone: '手機號',
  pin: '密碼',
  pinHint: '4 位數字',
  submit: '登入',
  signingIn: '正在登入…',
  phoneInvalid: '請輸入 11 位手機號。',
  pinInvalid: '密碼是 4 位數字，請再輸一次。',
  who: '{name}（{building}）',
  signOut: '登出',
  signedOut: '已登出。',
  expired: '為了安全，已自動登出。需要時請重新登入。',
  back: '返回',
  retry: '重試',
};

export const residentErrors: ResidentErrorStrings = {
  'wrong-pin': '手機號或密碼不對，請再試一次。',
  locked: '密碼輸錯次數太多，已暫時鎖定。請過一會兒再試，或到服務站找工作人員。',
  'signed-out': '登入已經過期，請重新登入。',
};
