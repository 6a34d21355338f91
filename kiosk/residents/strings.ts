/**
 * Every string of the resident screens (sign-in, 我的, staff registration / PIN reset / proxy),
 * per locale; one interface, so a missing translation is a type error. Placeholders: {name},
 * filled with components/core/i18n fill().
 */
import type { Tables } from '../../components/core/i18n.ts';

export interface ResidentStrings {
  tile: {
    signIn: string;
    signInHint: string;
    mine: string;
    mineHint: string;
    signOut: string;
    greeting: string;
    proxyGreeting: string;
    /** Spoken instead of the greeting (the name is never spoken). */
    spokenSignedIn: string;
    spokenProxy: string;
    /** The points tiles (their screens load on first use; the labels are here so home stays small). */
    shop: string;
    shopHint: string;
    points: string;
    pointsHint: string;
    meals: string;
    mealsHint: string;
  };
  signIn: {
    heading: string;
    phone: string;
    phoneHint: string;
    pin: string;
    next: string;
    signIn: string;
    checking: string;
    changePhone: string;
    badPhone: string;
    wrong: string;
    locked: string;
    /** This kiosk does not hold her PIN verifier and is offline. */
    needsOnline: string;
    /** A kiosk that held her PIN was lost: staff must set a new one. */
    resetRequired: string;
    tryLater: string;
    cardUnknown: string;
    cardHint: string;
  };
  mine: {
    heading: string;
    intro: string;
    empty: string;
    undo: string;
    undoOf: string;
    undone: string;
    undoDone: string;
    undoTooLate: string;
    status: { pending: string; applied: string; rejected: string; conflict: string };
    reason: string;
    types: Record<string, string>;
    otherType: string;
    signOut: string;
    proxyNote: string;
    /** Spoken after an action that can still be undone. */
    canUndo: string;
    /** An online redemption the server has not answered yet. */
    submittedOnline: string;
  };
  staff: {
    heading: string;
    register: string;
    registerHint: string;
    resetPin: string;
    resetPinHint: string;
    proxy: string;
    proxyHint: string;
    entry: string;
    pointsEntry: string;
    kitchenEntry: string;
    notSignedIn: string;
  };
  register: {
    heading: string;
    name: string;
    phone: string;
    birthYear: string;
    building: string;
    consent: string;
    purpose: string;
    next: string;
    cardHeading: string;
    cardHint: string;
    cardRead: string;
    cardTaken: string;
    cardSkip: string;
    cardRemove: string;
    save: string;
    saving: string;
    saved: string;
    duplicatePhone: string;
    fixErrors: string;
    handToResident: string;
  };
  newPin: { first: string; again: string; mismatch: string; hint: string; next: string; done: string };
  find: {
    heading: string;
    resetHeading: string;
    name: string;
    building: string;
    last4: string;
    search: string;
    none: string;
    needCriteria: string;
    choose: string;
    results: string;
  };
  resetPin: { heading: string; saved: string; forWhom: string };
}

const ZH_CN: ResidentStrings = {
    tile: {
      signIn: '登录',
      signInHint: '用手机号和密码，或刷居民卡',
      mine: '我的',
      mineHint: '看看我办过的事，10 分钟内可以撤销',
      signOut: '退出登录',
      greeting: '{name}，您好',
      proxyGreeting: '工作人员正在为 {name} 代办',
      spokenSignedIn: '您已登录',
      spokenProxy: '工作人员正在为居民代办',
      shop: '积分超市',
      shopHint: '用积分换东西',
      points: '我的积分',
      pointsHint: '积分、存折和待领取的兑换',
      meals: '订餐',
      mealsHint: '看菜单，订午餐晚餐',
    },
    signIn: {
      heading: '居民登录',
      phone: '请输入手机号',
      phoneHint: '11 位数字',
      pin: '请输入密码（4 位数字）',
      next: '下一步',
      signIn: '登录',
      checking: '正在核对…',
      changePhone: '重新输入手机号',
      badPhone: '手机号应为 11 位数字，以 1 开头',
      wrong: '号码或密码不对，还可以再试 {n} 次',
      locked: '已锁定，请 15 分钟后再试或请工作人员帮忙',
      needsOnline: '这台终端还不能离线登录您的账号，请联网后再试，或请工作人员帮忙',
      resetRequired: '为了安全，您需要设置新密码才能登录，请到服务站请工作人员帮您重新设置',
      tryLater: '现在暂时登录不了，请稍等一会儿再试，或请工作人员帮忙',
      cardUnknown: '这张卡在这台终端上还不能登录，请用手机号和密码登录，或请工作人员帮忙',
      cardHint: '有居民卡的，直接在读卡器上刷卡就可以',
    },
    mine: {
      heading: '我的',
      intro: '这里是您最近在这台机器上办的事。10 分钟内办的，可以撤销。',
      empty: '您最近还没有办过事。',
      undo: '撤销',
      undoOf: '撤销：{what}',
      undone: '已撤销',
      undoDone: '已撤销。',
      undoTooLate: '已经超过 10 分钟，不能撤销了，请找工作人员帮忙。',
      status: { pending: '待同步', applied: '已完成', rejected: '未通过', conflict: '未通过' },
      reason: '原因：{reason}',
      types: { 'resident.set-pin': '修改密码', 'points.redeem': '积分兑换', 'points.redeem-cancel': '积分兑换', 'resident.ranking-opt-out': '积分排名公示设置' },
      otherType: '办理事项',
      signOut: '退出登录',
      proxyNote: '工作人员 {staffNo} 代办',
      canUndo: '可以撤销',
      submittedOnline: '已提交，联网后确认',
    },
    staff: {
      heading: '居民服务',
      register: '登记居民',
      registerHint: '为新居民登记，居民自己设置密码',
      resetPin: '重置密码',
      resetPinHint: '居民忘了密码时，由居民重新设置',
      proxy: '帮居民办理',
      proxyHint: '找到居民，代他办理（会记录在案）',
      entry: '帮居民办理',
      pointsEntry: '积分管理',
      kitchenEntry: '今日厨房',
      notSignedIn: '请先以工作人员身份登录。',
    },
    register: {
      heading: '登记居民',
      name: '姓名',
      phone: '手机号',
      birthYear: '出生年份（例如 1948）',
      building: '楼号（例如 3 号楼 2 单元）',
      consent: '已告知并同意',
      purpose:
        '我们只记录姓名、手机号、出生年份和楼号，用于在服务站一体机上登录、预订助老餐、参加活动和兑换积分，不记录身份证号。居民可以随时请工作人员更正或删除。',
      next: '下一步：请居民设置密码',
      cardHeading: '居民卡（可选）',
      cardHint: '如果居民有居民卡，请现在在读卡器上刷一下。',
      cardRead: '已读到居民卡。',
      cardTaken: '这张居民卡已经登记给别的居民了。',
      cardSkip: '没有居民卡',
      cardRemove: '不登记这张卡',
      save: '完成登记',
      saving: '正在保存…',
      saved: '已登记。联网后会自动同步。',
      duplicatePhone: '这个手机号已经登记过了',
      fixErrors: '有 {n} 处需要修改，请看标出的地方。',
      handToResident: '请把屏幕交给居民，由居民自己输入密码。',
    },
    newPin: {
      first: '请居民设置密码（4 位数字）',
      again: '请再输入一次同样的密码',
      mismatch: '两次输入的密码不一样，请重新设置',
      hint: '不要用生日，也不要告诉别人',
      next: '下一步',
      done: '确定',
    },
    find: {
      heading: '帮居民办理：找到居民',
      resetHeading: '重置密码：找到居民',
      name: '姓名',
      building: '楼号',
      last4: '手机号后四位',
      search: '查找',
      none: '没有找到，请换个条件再试。',
      needCriteria: '请至少填写一项：姓名、楼号或手机号后四位。',
      choose: '选择',
      results: '找到 {n} 位居民',
    },
    resetPin: { heading: '重置密码', saved: '密码已重新设置。联网后会自动同步。', forWhom: '为 {name} 重新设置密码' },
  };

/**
 * zh-CN is built in; zh-TW and en arrive with kiosk/other-locales.ts, right after the first
 * screen (kiosk/define.ts imports it), and stand in as zh-CN until then — the kiosk always starts
 * in zh-CN, and the language switch lives on a screen that comes with them.
 */
export const residentStrings: Tables<ResidentStrings> = { 'zh-CN': ZH_CN, 'zh-TW': ZH_CN, en: ZH_CN };
