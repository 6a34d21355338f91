import type { ResidentErrorStrings, ResidentStrings } from '../strings.ts';

/** The resident sign-in's words, zh-CN; each flow's table spreads them. */
export const residentStrings: ResidentStrings = {
  signInHint: '请输入在服务站登记的手机号和 4 位数字密码。忘记密码请到服务站找工作人员。',
  signInTitle: '登录',
  phone: '手机号',
  pin: '密码',
  pinHint: '4 位数字',
  submit: '登录',
  signingIn: '正在登录…',
  phoneInvalid: '请输入 11 位手机号。',
  pinInvalid: '密码是 4 位数字，请再输一次。',
  who: '{name}（{building}）',
  signOut: '退出登录',
  signedOut: '已退出登录。',
  expired: '为了安全，已自动退出登录。需要时请重新登录。',
  back: '返回',
  retry: '重试',
};

export const residentErrors: ResidentErrorStrings = {
  'wrong-pin': '手机号或密码不对，请再试一次。',
  locked: '密码输错次数太多，已暂时锁定。请过一会儿再试，或到服务站找工作人员。',
  'signed-out': '登录已经过期，请重新登录。',
};
