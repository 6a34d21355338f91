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

export const residentStrings: Tables<ResidentStrings> = {
  'zh-CN': {
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
      cardUnknown: '卡片未登记，请用手机号和密码登录，或请工作人员帮忙登记',
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
      types: { 'resident.set-pin': '修改密码' },
      otherType: '办理事项',
      signOut: '退出登录',
      proxyNote: '工作人员 {staffNo} 代办',
      canUndo: '可以撤销',
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
  },
  'zh-TW': {
    tile: {
      signIn: '登入',
      signInHint: '用手機號和密碼，或刷居民卡',
      mine: '我的',
      mineHint: '看看我辦過的事，10 分鐘內可以撤銷',
      signOut: '登出',
      greeting: '{name}，您好',
      proxyGreeting: '工作人員正在為 {name} 代辦',
      spokenSignedIn: '您已登入',
      spokenProxy: '工作人員正在為居民代辦',
    },
    signIn: {
      heading: '居民登入',
      phone: '請輸入手機號',
      phoneHint: '11 位數字',
      pin: '請輸入密碼（4 位數字）',
      next: '下一步',
      signIn: '登入',
      checking: '正在核對…',
      changePhone: '重新輸入手機號',
      badPhone: '手機號應為 11 位數字，以 1 開頭',
      wrong: '號碼或密碼不對，還可以再試 {n} 次',
      locked: '已鎖定，請 15 分鐘後再試或請工作人員幫忙',
      cardUnknown: '卡片未登記，請用手機號和密碼登入，或請工作人員幫忙登記',
      cardHint: '有居民卡的，直接在讀卡機上刷卡就可以',
    },
    mine: {
      heading: '我的',
      intro: '這裡是您最近在這台機器上辦的事。10 分鐘內辦的，可以撤銷。',
      empty: '您最近還沒有辦過事。',
      undo: '撤銷',
      undoOf: '撤銷：{what}',
      undone: '已撤銷',
      undoDone: '已撤銷。',
      undoTooLate: '已經超過 10 分鐘，不能撤銷了，請找工作人員幫忙。',
      status: { pending: '待同步', applied: '已完成', rejected: '未通過', conflict: '未通過' },
      reason: '原因：{reason}',
      types: { 'resident.set-pin': '修改密碼' },
      otherType: '辦理事項',
      signOut: '登出',
      proxyNote: '工作人員 {staffNo} 代辦',
      canUndo: '可以撤銷',
    },
    staff: {
      heading: '居民服務',
      register: '登記居民',
      registerHint: '為新居民登記，居民自己設定密碼',
      resetPin: '重設密碼',
      resetPinHint: '居民忘了密碼時，由居民重新設定',
      proxy: '幫居民辦理',
      proxyHint: '找到居民，代他辦理（會記錄在案）',
      entry: '幫居民辦理',
      notSignedIn: '請先以工作人員身分登入。',
    },
    register: {
      heading: '登記居民',
      name: '姓名',
      phone: '手機號',
      birthYear: '出生年份（例如 1948）',
      building: '樓號（例如 3 號樓 2 單元）',
      consent: '已告知並同意',
      purpose:
        '我們只記錄姓名、手機號、出生年份和樓號，用於在服務站一體機上登入、預訂助老餐、參加活動和兌換積分，不記錄身分證號。居民可以隨時請工作人員更正或刪除。',
      next: '下一步：請居民設定密碼',
      cardHeading: '居民卡（可選）',
      cardHint: '如果居民有居民卡，請現在在讀卡機上刷一下。',
      cardRead: '已讀到居民卡。',
      cardTaken: '這張居民卡已經登記給別的居民了。',
      cardSkip: '沒有居民卡',
      cardRemove: '不登記這張卡',
      save: '完成登記',
      saving: '正在儲存…',
      saved: '已登記。連網後會自動同步。',
      duplicatePhone: '這個手機號已經登記過了',
      fixErrors: '有 {n} 處需要修改，請看標出的地方。',
      handToResident: '請把螢幕交給居民，由居民自己輸入密碼。',
    },
    newPin: {
      first: '請居民設定密碼（4 位數字）',
      again: '請再輸入一次同樣的密碼',
      mismatch: '兩次輸入的密碼不一樣，請重新設定',
      hint: '不要用生日，也不要告訴別人',
      next: '下一步',
      done: '確定',
    },
    find: {
      heading: '幫居民辦理：找到居民',
      resetHeading: '重設密碼：找到居民',
      name: '姓名',
      building: '樓號',
      last4: '手機號後四位',
      search: '查找',
      none: '沒有找到，請換個條件再試。',
      needCriteria: '請至少填寫一項：姓名、樓號或手機號後四位。',
      choose: '選擇',
      results: '找到 {n} 位居民',
    },
    resetPin: { heading: '重設密碼', saved: '密碼已重新設定。連網後會自動同步。', forWhom: '為 {name} 重新設定密碼' },
  },
  en: {
    tile: {
      signIn: 'Sign in',
      signInHint: 'With your phone number and PIN, or your resident card',
      mine: 'My page',
      mineHint: 'What I did here; undo within 10 minutes',
      signOut: 'Sign out',
      greeting: 'Hello, {name}',
      proxyGreeting: 'Staff are helping {name}',
      spokenSignedIn: 'You are signed in',
      spokenProxy: 'Staff are helping a resident',
    },
    signIn: {
      heading: 'Resident sign-in',
      phone: 'Enter your mobile number',
      phoneHint: '11 digits',
      pin: 'Enter your PIN (4 digits)',
      next: 'Next',
      signIn: 'Sign in',
      checking: 'Checking…',
      changePhone: 'Change the number',
      badPhone: 'A mobile number has 11 digits and starts with 1',
      wrong: 'Number or PIN not right. {n} tries left',
      locked: 'Locked. Please try again in 15 minutes or ask the staff for help',
      cardUnknown: 'This card is not registered. Please sign in with your number and PIN, or ask the staff',
      cardHint: 'If you have a resident card, just swipe it on the reader',
    },
    mine: {
      heading: 'My page',
      intro: 'What you did recently at this kiosk. Anything done in the last 10 minutes can be undone.',
      empty: 'Nothing yet.',
      undo: 'Undo',
      undoOf: 'Undo: {what}',
      undone: 'Undone',
      undoDone: 'Undone.',
      undoTooLate: 'More than 10 minutes have passed; please ask the staff for help.',
      status: { pending: 'Waiting to sync', applied: 'Done', rejected: 'Not accepted', conflict: 'Not accepted' },
      reason: 'Reason: {reason}',
      types: { 'resident.set-pin': 'Changed PIN' },
      otherType: 'Request',
      signOut: 'Sign out',
      proxyNote: 'Done by staff {staffNo}',
      canUndo: 'can be undone',
    },
    staff: {
      heading: 'Resident services',
      register: 'Register a resident',
      registerHint: 'The resident sets their own PIN',
      resetPin: 'Reset a PIN',
      resetPinHint: 'When a resident forgot theirs, they set a new one',
      proxy: 'Act for a resident',
      proxyHint: 'Find the resident and act for them (recorded)',
      entry: 'Act for a resident',
      notSignedIn: 'Please sign in as staff first.',
    },
    register: {
      heading: 'Register a resident',
      name: 'Name',
      phone: 'Mobile number',
      birthYear: 'Year of birth (e.g. 1948)',
      building: 'Building (e.g. Bldg 3, Unit 2)',
      consent: 'Informed and agreed',
      purpose:
        'We keep only the name, mobile number, year of birth and building, to sign in at the station kiosk, book meals, join activities and redeem points. No ID card number. Residents may ask the staff to correct or delete it at any time.',
      next: 'Next: the resident sets a PIN',
      cardHeading: 'Resident card (optional)',
      cardHint: 'If the resident has a card, swipe it on the reader now.',
      cardRead: 'Card read.',
      cardTaken: 'This card is already registered to another resident.',
      cardSkip: 'No card',
      cardRemove: 'Do not register this card',
      save: 'Finish',
      saving: 'Saving…',
      saved: 'Registered. It will sync when online.',
      duplicatePhone: 'This mobile number is already registered',
      fixErrors: '{n} things need fixing; see the marked fields.',
      handToResident: 'Please hand the screen to the resident to type their PIN.',
    },
    newPin: {
      first: 'Resident: choose a PIN (4 digits)',
      again: 'Type the same PIN again',
      mismatch: 'The two PINs differ. Please start again',
      hint: 'Not your birthday, and tell nobody',
      next: 'Next',
      done: 'OK',
    },
    find: {
      heading: 'Act for a resident: find them',
      resetHeading: 'Reset a PIN: find the resident',
      name: 'Name',
      building: 'Building',
      last4: 'Last 4 digits of the phone',
      search: 'Search',
      none: 'Nobody found. Try something else.',
      needCriteria: 'Fill in at least one: name, building or last 4 digits.',
      choose: 'Choose',
      results: '{n} found',
    },
    resetPin: { heading: 'Reset a PIN', saved: 'The PIN was reset. It will sync when online.', forWhom: 'New PIN for {name}' },
  },
};
