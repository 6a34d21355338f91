/**
 * Every string the kiosk shows, per locale. The shape is one interface, so a missing
 * translation is a type error rather than a blank on screen. Placeholders: {name}, filled with
 * components/core/i18n fill().
 */
import type { Board } from '../domain/index.ts';
import type { Locale, Tables } from '../components/core/i18n.ts';

export interface KioskStrings {
  appName: string;
  back: string;
  home: string;
  helpPhone: string;
  stationFallback: string;
  sync: { offline: string; syncing: string; synced: string; pending: string; attention: string };
  boards: Record<Board, string>;
  home_: { heading: string; notices: string; noticesHint: string; noticeCount: string; touchHint: string; volunteer: string; volunteerHint: string };
  notices: { heading: string; boardsLabel: string; all: string };
  attract: { heading: string; touchToStart: string; empty: string };
  emergency: { heading: string; otherNotices: string; since: string };
  pairing: {
    heading: string;
    intro: string;
    codeLabel: string;
    keyboardLabel: string;
    submit: string;
    busy: string;
    errors: { 'bad-code': string; network: string; server: string };
    deviceName: string;
  };
  keypad: { label: string; backspace: string; clear: string; backspaceShort: string; clearShort: string; typed: string };
  sheet: { confirm: string; cancel: string };
  staffSignIn: {
    heading: string;
    staffNo: string;
    pin: string;
    /** The visible echo of the masked secret: how many of the ten digits are typed. */
    typed: string;
    next: string;
    signIn: string;
    checking: string;
    wrong: string;
    locked: string;
    cancel: string;
  };
  staff: {
    heading: string;
    signedInAs: string;
    newNotice: string;
    newEmergency: string;
    edit: string;
    retire: string;
    print: string;
    clearEmergency: string;
    attention: string;
    signOut: string;
    empty: string;
    status: { published: string; scheduled: string; expired: string; retired: string; emergency: string; pinned: string; pending: string };
    retireConfirm: string;
    clearEmergencyConfirm: string;
    saved: string;
    timeoutWarning: string;
    /** The staff home's entry to 志愿服务管理 (attendance and activities). */
    volunteerEntry: string;
    stay: string;
    publishAt: string;
    expireAt: string;
  };
  editor: {
    newHeading: string;
    editHeading: string;
    board: string;
    title: string;
    body: string;
    bodyHint: string;
    images: string;
    imagesHint: string;
    publishAt: string;
    expireAt: string;
    expireAtHint: string;
    pinned: string;
    emergency: string;
    save: string;
    cancel: string;
    fixErrors: string;
  };
  personal: { heading: string; intro: string; mobile: string; idCard: string; goBack: string; publishAnyway: string };
  attention: {
    heading: string;
    none: string;
    rejected: string;
    conflict: string;
    reason: string;
    mine: string;
    server: string;
    serverNone: string;
    keepMine: string;
    takeServer: string;
    dismiss: string;
    fieldTitle: string;
    fieldBody: string;
    fieldBoard: string;
    fieldState: string;
  };
  poster: { scanToRead: string; publishedOn: string };
  /** The settings screen and the footer's 字号 button. */
  settings: {
    open: string;
    heading: string;
    intro: string;
    textSize: string;
    /** 标准, 大, 较大, 特大. */
    textSizes: [string, string, string, string];
    /** The footer button: {size} is one of textSizes. */
    textSizeButton: string;
    textSizeHint: string;
    contrast: string;
    contrastHint: string;
    readAloud: string;
    readAloudHint: string;
    volume: string;
    volumeValue: string;
    louder: string;
    quieter: string;
    language: string;
    /** Each language in its own words (the same in every table). */
    languages: Record<Locale, string>;
    on: string;
    off: string;
    /** Spoken: "{name}：{value}". */
    spokenValue: string;
  };
  speech: { readToMe: string; stop: string; repeat: string; toolsLabel: string };
  session: {
    warningHeading: string;
    warning: string;
    countdown: string;
    keepUsing: string;
    greeting: string;
    signOut: string;
  };
  link: { heading: string; message: string; close: string };
  spoken: {
    /** Notices screen: which board is chosen. */
    board: string;
    /** Notices screen with a notice open. */
    noticeOpen: string;
    noticeCount: string;
    staffWarning: string;
  };
  /** Storage and database problems of this device, for staff (needs attention, footer). */
  deviceAlerts: {
    heading: string;
    intro: string;
    /** Footer, staff mode only: {n} warnings. */
    footer: string;
    level: { error: string; warning: string; info: string };
    /** {time}: when it happened. */
    at: string;
    dismiss: string;
  };
  /** Staff revoked this kiosk's pairing (server 401 `device-revoked`), on the needs-attention screen. */
  deviceRevoked: {
    heading: string;
    /** {n} queued operations the server did not accept. */
    refused: string;
    /** They are kept on this kiosk, not deleted. */
    kept: string;
    whatToDo: string;
    repair: string;
  };
  yes: string;
  no: string;
}

const ZH_CN: KioskStrings = {
    appName: '邻里服务站',
    back: '返回',
    home: '首页',
    helpPhone: '求助电话',
    stationFallback: '邻里服务站',
    sync: { offline: '离线', syncing: '同步中', synced: '已同步', pending: '待同步 {n}', attention: '需处理 {n}' },
    boards: { 社区公告: '社区公告', 物业之窗: '物业之窗', 公示栏: '公示栏', 活动: '活动', 安全提示: '安全提示' },
    home_: {
      heading: '您好，请选择要办的事',
      notices: '公告',
      noticesHint: '社区通知、物业、公示、活动',
      noticeCount: '现有 {n} 条',
      touchHint: '点一下大按钮就可以',
      volunteer: '志愿服务',
      volunteerHint: '看志愿活动、报名、签到',
    },
    notices: { heading: '公告', boardsLabel: '选择栏目', all: '全部' },
    attract: { heading: '社区公告', touchToStart: '轻触屏幕开始使用', empty: '欢迎来到服务站' },
    emergency: { heading: '紧急通知', otherNotices: '查看其他公告', since: '发布时间：{time}' },
    pairing: {
      heading: '连接服务站',
      intro: '这台一体机还没有连接服务站。请工作人员在管理后台生成配对码，然后在下面输入。',
      codeLabel: '配对码',
      keyboardLabel: '输入配对码的键盘',
      submit: '连接',
      busy: '正在连接…',
      errors: {
        'bad-code': '配对码不对或已过期，请工作人员重新生成。',
        network: '连不上服务站，请检查网络后再试。',
        server: '服务站暂时出了点问题，请稍后再试。',
      },
      deviceName: '大厅一体机',
    },
    keypad: { label: '数字键盘', backspace: '删除一位', clear: '全部清除', backspaceShort: '删除', clearShort: '清除', typed: '已输入 {n} 位' },
    sheet: { confirm: '确认', cancel: '取消' },
    staffSignIn: {
      heading: '工作人员登录',
      staffNo: '工号',
      pin: '工作人员密码（10 位数字）',
      typed: '已输入 {n} 位，共 {total} 位',
      next: '下一步',
      signIn: '登录',
      checking: '正在核对…',
      wrong: '工号或密码不对，还可以再试 {n} 次。',
      locked: '输错次数太多，已锁定。请在 {time} 以后再试。',
      cancel: '取消',
    },
    staff: {
      heading: '公告管理',
      signedInAs: '工作人员：{name}',
      newNotice: '新建公告',
      newEmergency: '发布紧急通知',
      edit: '编辑',
      retire: '撤下',
      print: '打印海报',
      clearEmergency: '解除紧急',
      attention: '需要处理（{n}）',
      signOut: '退出员工模式',
      empty: '还没有公告。',
      status: { published: '已发布', scheduled: '待发布', expired: '已过期', retired: '已撤下', emergency: '紧急', pinned: '置顶', pending: '待同步' },
      retireConfirm: '确定撤下“{title}”吗？撤下后一体机和网站都不再显示。',
      clearEmergencyConfirm: '确定解除紧急通知“{title}”吗？一体机将恢复正常首页。',
      saved: '已保存。联网后会自动同步。',
      timeoutWarning: '很久没有操作了，马上就会退出员工模式。还要继续吗？',
      volunteerEntry: '志愿服务管理',
      stay: '继续使用',
      publishAt: '发布：{time}',
      expireAt: '下架：{time}',
    },
    editor: {
      newHeading: '新建公告',
      editHeading: '编辑公告',
      board: '栏目',
      title: '标题',
      body: '正文',
      bodyHint: '可以用 Markdown：# 标题、**加粗**、- 列表。',
      images: '图片地址',
      imagesHint: '每行一个，以 https:// 开头。',
      publishAt: '发布时间',
      expireAt: '下架时间',
      expireAtHint: '不填就一直显示。',
      pinned: '置顶',
      emergency: '紧急通知（所有屏幕都会显示，直到解除）',
      save: '保存并发布',
      cancel: '取消',
      fixErrors: '有 {n} 处需要修改，请看标出的地方。',
    },
    personal: {
      heading: '公告里有完整的号码',
      intro: '公开的公告不应写出完整的手机号或身份证号。请返回修改，或确认后仍然发布。',
      mobile: '手机号',
      idCard: '身份证号',
      goBack: '返回修改',
      publishAnyway: '仍然发布',
    },
    attention: {
      heading: '需要处理',
      none: '没有需要处理的事项。',
      rejected: '服务站没有接受这次修改',
      conflict: '这条公告同时被别人改过了',
      reason: '原因：{reason}',
      mine: '我的版本',
      server: '服务站的版本',
      serverNone: '服务站没有这条公告。',
      keepMine: '保留我的',
      takeServer: '采用服务器的',
      dismiss: '知道了',
      fieldTitle: '标题',
      fieldBody: '正文',
      fieldBoard: '栏目',
      fieldState: '状态',
    },
    poster: { scanToRead: '扫码在手机上查看', publishedOn: '发布日期：{date}' },
    settings: {
      open: '设置',
      heading: '设置',
      intro: '这些设置只对这次使用有效，您离开后会自动恢复。',
      textSize: '字号',
      textSizes: ['标准', '大', '较大', '特大'],
      textSizeButton: '字号：{size}',
      textSizeHint: '点一下换大一号，最大以后回到标准。',
      contrast: '高对比度',
      contrastHint: '黑底白字，看得更清楚。',
      readAloud: '朗读',
      readAloudHint: '打开后，每个页面和提示都会自动读出来。',
      volume: '音量',
      volumeValue: '音量：{n}',
      louder: '大声一点',
      quieter: '小声一点',
      language: '语言',
      languages: { 'zh-CN': '中文简体', 'zh-TW': '繁體中文', en: 'English' },
      on: '开',
      off: '关',
      spokenValue: '{name}：{value}',
    },
    speech: { readToMe: '读给我听', stop: '停止朗读', repeat: '再读一遍', toolsLabel: '朗读和字号' },
    session: {
      warningHeading: '您还在使用吗？',
      warning: '很久没有操作了。如果不点“继续使用”，就会退出并清除您这次的信息。',
      countdown: '还剩 {n} 秒',
      keepUsing: '继续使用',
      greeting: '{name}，您好',
      signOut: '退出登录',
    },
    link: {
      heading: '请用手机打开这个链接',
      message: '一体机不能打开外面的网站。用手机扫一扫下面的二维码就能看。',
      close: '知道了',
    },
    spoken: { board: '现在看的是：{board}', noticeOpen: '正在看公告', noticeCount: '共 {n} 条', staffWarning: '很久没有操作了，马上就会退出员工模式。' },
    deviceAlerts: {
      heading: '本机提醒',
      intro: '这台一体机的存储或数据库出过问题（不含居民信息）。',
      footer: '本机提醒 {n} 条',
      level: { error: '严重', warning: '注意', info: '提示' },
      at: '时间：{time}',
      dismiss: '知道了',
    },
    deviceRevoked: {
      heading: '本机已被停用',
      refused: '有 {n} 项未同步的操作没有被服务站接受。',
      kept: '这些操作仍保存在本机，没有删除。',
      whatToDo: '怎么办：请工作人员在管理后台生成配对码，点下面的“重新配对”输入。重新配对后，这些操作会再次提交给服务站。',
      repair: '重新配对',
    },
    yes: '是',
    no: '否',
  };

/**
 * zh-CN is built in; zh-TW and en arrive with kiosk/other-locales.ts, right after the first
 * screen (kiosk/define.ts imports it), and stand in as zh-CN until then — the kiosk always starts
 * in zh-CN, and the language switch lives on a screen that comes with them.
 */
export const kioskStrings: Tables<KioskStrings> = { 'zh-CN': ZH_CN, 'zh-TW': ZH_CN, en: ZH_CN };
