/**
 * Every string of the volunteer screens (志愿服务, 我的志愿服务, 志愿签到签退), per locale; one
 * interface, so a missing translation is a type error. Placeholders like {n} are filled with
 * components/core/i18n fill(). The refusal sentences themselves come from the domain
 * (signUpRefusalMessage) or the server, in Chinese, as for meals.
 */
import type { Tables } from '../../components/core/i18n.ts';
import type { ActivityDraft } from '../../domain/volunteer.ts';

export type MineVolunteerStatus = 'confirmed' | 'waitlisted' | 'provisional' | 'refused' | 'cancelled' | 'checkedIn' | 'checkedOut' | 'activityCancelled';

export interface VolunteerStrings {
  /** How 我的 names volunteer actions. */
  actions: Record<'volunteer.sign-up' | 'volunteer.cancel' | 'volunteer.check-in' | 'volunteer.check-out', string>;
  board: {
    heading: string;
    intro: string;
    empty: string;
    signInFirst: string;
    signIn: string;
    when: string;
    place: string;
    placesLeft: string;
    full: string;
    deadline: string;
    closed: string;
    requirements: string;
    age: { range: string; min: string; max: string };
    pointsPerHour: string;
    signUp: string;
    joinWaitlist: string;
    cancel: string;
    checkIn: string;
    checkOut: string;
    confirmHeading: string;
    confirmMessage: string;
    confirm: string;
    notNow: string;
    overlapHeading: string;
    overlapMessage: string;
    overlapConfirm: string;
    cancelHeading: string;
    cancelMessage: string;
    cancelConfirm: string;
    cancelKeep: string;
    cancelReason: string;
    working: string;
    confirmedHeading: string;
    confirmed: string;
    waitlistedHeading: string;
    waitlisted: string;
    provisionalHeading: string;
    provisional: string;
    refusedHeading: string;
    done: string;
    toMine: string;
    backToList: string;
    cancelDone: string;
    checkedIn: string;
    checkedOut: string;
    alreadyQueued: string;
    status: Record<MineVolunteerStatus, string>;
  };
  mine: {
    heading: string;
    empty: string;
    totals: string;
    hoursPoints: string;
    reason: string;
  };
  attendance: {
    heading: string;
    staffOnly: string;
    chooseActivity: string;
    noActivities: string;
    choose: string;
    people: string;
    nobody: string;
    waitlist: string;
    waitlistPlace: string;
    selectAll: string;
    selectNone: string;
    select: string;
    batchCheckIn: string;
    batchCheckOut: string;
    queued: string;
    notCheckedIn: string;
    checkedInAt: string;
    checkedOutAt: string;
    pending: string;
    otherActivity: string;
    activitiesHeading: string;
    newActivity: string;
    edit: string;
    saved: string;
  };
  editor: {
    newHeading: string;
    editHeading: string;
    fixErrors: string;
    fields: Record<Exclude<keyof ActivityDraft, 'cancelled'>, string>;
    cancelled: string;
    save: string;
    close: string;
  };
  records: {
    heading: string;
    intro: string;
    pin: string;
    resident: string;
    chooseResident: string;
    printCertificate: string;
    exportHeading: string;
    kinds: Record<'activities' | 'sign-ups' | 'hours', string>;
    exportOf: string;
    fileName: string;
    offlinePrint: string;
    offlineExport: string;
    needResident: string;
    needPin: string;
    wrongPin: string;
    expired: string;
    notFound: string;
    serverError: string;
    printed: string;
    exported: string;
    certificate: {
      title: string;
      name: string;
      body: string;
      total: string;
      hours: string;
      none: string;
      columns: { date: string; activity: string; hours: string };
      seal: string;
      issued: string;
    };
  };
}

export const volunteerStrings: Tables<VolunteerStrings> = {
  'zh-CN': {
    actions: { 'volunteer.sign-up': '志愿活动报名', 'volunteer.cancel': '取消志愿报名', 'volunteer.check-in': '志愿活动签到', 'volunteer.check-out': '志愿活动签退' },
    board: {
      heading: '志愿服务',
      intro: '参加志愿活动，服务时长可以换积分',
      empty: '最近没有志愿活动，请问问工作人员',
      signInFirst: '报名要先登录',
      signIn: '登录',
      when: '时间：{when}',
      place: '地点：{place}',
      placesLeft: '还有 {n} 个名额',
      full: '名额已满，可以报名候补（已有 {n} 人候补）',
      deadline: '{when} 截止报名',
      closed: '报名已截止',
      requirements: '要求：{text}',
      age: { range: '年龄：{min} 到 {max} 岁', min: '年龄：{min} 岁及以上', max: '年龄：{max} 岁及以下' },
      pointsPerHour: '每服务 1 小时得 {n} 积分',
      signUp: '报名',
      joinWaitlist: '报名候补',
      cancel: '取消报名',
      checkIn: '签到',
      checkOut: '签退',
      confirmHeading: '确认报名',
      confirmMessage: '{title}，{when}，{place}。确定要报名吗？',
      confirm: '确定报名',
      notNow: '不报了',
      overlapHeading: '时间有冲突',
      overlapMessage: '您在这个时间已经报了：{others}。还要报名“{title}”吗？',
      overlapConfirm: '仍然报名',
      cancelHeading: '取消报名',
      cancelMessage: '确定不参加“{title}”了吗？',
      cancelConfirm: '确定取消',
      cancelKeep: '不取消',
      cancelReason: '居民取消报名',
      working: '正在报名，请稍等',
      confirmedHeading: '报上名了',
      confirmed: '“{title}”报上名了。{when}，请到{place}',
      waitlistedHeading: '已经候补',
      waitlisted: '名额已满，您在候补第 {n} 位。有人取消时会按顺序自动补上，请到“我的”里查看',
      provisionalHeading: '登记成功，联网后确认',
      provisional: '现在还不能确定报上了。联网后会确认，结果请到“我的”里查看',
      refusedHeading: '没有报上名',
      done: '完成',
      toMine: '我的',
      backToList: '看其他活动',
      cancelDone: '已取消报名',
      checkedIn: '签到好了',
      checkedOut: '签退好了，服务时长和积分联网后会算好，请到“我的”里查看',
      alreadyQueued: '已经办过了，不用再点',
      status: {
        confirmed: '已报上名',
        waitlisted: '候补第 {n} 位',
        provisional: '登记成功，联网后确认',
        refused: '没有报上名',
        cancelled: '已取消',
        checkedIn: '已签到',
        checkedOut: '已签退',
        activityCancelled: '活动已取消',
      },
    },
    mine: {
      heading: '我的志愿服务',
      empty: '还没有报名志愿活动',
      totals: '一共服务 {hours} 小时，得到 {points} 积分',
      hoursPoints: '服务 {hours} 小时，得到 {points} 积分',
      reason: '原因：{reason}',
    },
    attendance: {
      heading: '志愿服务管理',
      staffOnly: '仅限工作人员',
      chooseActivity: '签到签退：请选活动',
      noActivities: '现在没有可以签到的活动',
      choose: '选这个',
      people: '报上名的人（{n} 人）',
      nobody: '这个活动还没有人报上名',
      waitlist: '候补',
      waitlistPlace: '第 {n} 位',
      selectAll: '全选',
      selectNone: '全不选',
      select: '选中 {name}',
      batchCheckIn: '所选的人签到（{n} 人）',
      batchCheckOut: '所选的人签退（{n} 人）',
      queued: '已记下 {n} 人，联网后同步',
      notCheckedIn: '未签到',
      checkedInAt: '{time} 签到',
      checkedOutAt: '{time} 签退',
      pending: '待同步',
      otherActivity: '换一个活动',
      activitiesHeading: '志愿活动',
      newActivity: '新建活动',
      edit: '修改',
      saved: '活动已保存，联网后同步',
    },
    editor: {
      newHeading: '新建志愿活动',
      editHeading: '修改志愿活动',
      fixErrors: '有 {n} 处需要改一下',
      fields: {
        title: '活动名称',
        place: '活动地点',
        description: '活动介绍',
        startAt: '开始时间',
        endAt: '结束时间',
        signupDeadline: '报名截止时间',
        capacity: '招募人数',
        minAge: '最小年龄（不限就空着）',
        maxAge: '最大年龄（不限就空着）',
        requirements: '参加要求',
        pointsPerHour: '每小时积分',
        photo: '图片地址（可不填）',
      },
      cancelled: '活动取消',
      save: '保存',
      close: '不改了',
    },
    records: {
      heading: '服务时长证明和导出表格',
      intro: '打印证明、导出表格都要联网，并请再输一次您的密码。',
      pin: '您的工作人员密码（10 位数字）',
      resident: '给哪位居民开证明',
      chooseResident: '请选择居民',
      printCertificate: '打印服务时长证明',
      exportHeading: '导出 CSV 表格',
      kinds: { activities: '活动', 'sign-ups': '报名', hours: '服务时长' },
      exportOf: '导出{kind}表',
      fileName: '志愿服务-{kind}-{date}.csv',
      offlinePrint: '打印服务时长证明需要联网。现在没有联网，请联网后再打印。',
      offlineExport: '导出表格需要联网。现在没有联网，请联网后再导出。',
      needResident: '请先选择居民。',
      needPin: '请先输入您的 10 位工作人员密码。',
      wrongPin: '密码不对，请再输一次。',
      expired: '登录已过期，请再输一次密码。',
      notFound: '服务站没有找到这位居民。',
      serverError: '服务站电脑暂时出了问题，没有办成，请稍后再试。',
      printed: '服务时长证明已送去打印。',
      exported: '{kind}表已导出。',
      certificate: {
        title: '志愿服务时长证明',
        name: '姓名：{name}',
        body: '兹证明 {name} 于{year}年在{station}参加志愿服务活动 {n} 次，累计服务时长 {hours}。特此证明。',
        total: '累计服务时长：{hours}',
        hours: '{n} 小时',
        none: '本年度还没有完成签退的志愿服务。',
        columns: { date: '日期', activity: '活动', hours: '服务时长' },
        seal: '{station}（盖章）',
        issued: '开具日期：{date}',
      },
    },
  },
  'zh-TW': {
    actions: { 'volunteer.sign-up': '志願活動報名', 'volunteer.cancel': '取消志願報名', 'volunteer.check-in': '志願活動簽到', 'volunteer.check-out': '志願活動簽退' },
    board: {
      heading: '志願服務',
      intro: '參加志願活動，服務時數可以換積分',
      empty: '最近沒有志願活動，請問問工作人員',
      signInFirst: '報名要先登入',
      signIn: '登入',
      when: '時間：{when}',
      place: '地點：{place}',
      placesLeft: '還有 {n} 個名額',
      full: '名額已滿，可以報名候補（已有 {n} 人候補）',
      deadline: '{when} 截止報名',
      closed: '報名已截止',
      requirements: '要求：{text}',
      age: { range: '年齡：{min} 到 {max} 歲', min: '年齡：{min} 歲及以上', max: '年齡：{max} 歲及以下' },
      pointsPerHour: '每服務 1 小時得 {n} 積分',
      signUp: '報名',
      joinWaitlist: '報名候補',
      cancel: '取消報名',
      checkIn: '簽到',
      checkOut: '簽退',
      confirmHeading: '確認報名',
      confirmMessage: '{title}，{when}，{place}。確定要報名嗎？',
      confirm: '確定報名',
      notNow: '不報了',
      overlapHeading: '時間有衝突',
      overlapMessage: '您在這個時間已經報了：{others}。還要報名「{title}」嗎？',
      overlapConfirm: '仍然報名',
      cancelHeading: '取消報名',
      cancelMessage: '確定不參加「{title}」了嗎？',
      cancelConfirm: '確定取消',
      cancelKeep: '不取消',
      cancelReason: '居民取消報名',
      working: '正在報名，請稍等',
      confirmedHeading: '報上名了',
      confirmed: '「{title}」報上名了。{when}，請到{place}',
      waitlistedHeading: '已經候補',
      waitlisted: '名額已滿，您在候補第 {n} 位。有人取消時會按順序自動補上，請到「我的」裡查看',
      provisionalHeading: '登記成功，連網後確認',
      provisional: '現在還不能確定報上了。連網後會確認，結果請到「我的」裡查看',
      refusedHeading: '沒有報上名',
      done: '完成',
      toMine: '我的',
      backToList: '看其他活動',
      cancelDone: '已取消報名',
      checkedIn: '簽到好了',
      checkedOut: '簽退好了，服務時數和積分連網後會算好，請到「我的」裡查看',
      alreadyQueued: '已經辦過了，不用再點',
      status: {
        confirmed: '已報上名',
        waitlisted: '候補第 {n} 位',
        provisional: '登記成功，連網後確認',
        refused: '沒有報上名',
        cancelled: '已取消',
        checkedIn: '已簽到',
        checkedOut: '已簽退',
        activityCancelled: '活動已取消',
      },
    },
    mine: {
      heading: '我的志願服務',
      empty: '還沒有報名志願活動',
      totals: '一共服務 {hours} 小時，得到 {points} 積分',
      hoursPoints: '服務 {hours} 小時，得到 {points} 積分',
      reason: '原因：{reason}',
    },
    attendance: {
      heading: '志願服務管理',
      staffOnly: '僅限工作人員',
      chooseActivity: '簽到簽退：請選活動',
      noActivities: '現在沒有可以簽到的活動',
      choose: '選這個',
      people: '報上名的人（{n} 人）',
      nobody: '這個活動還沒有人報上名',
      waitlist: '候補',
      waitlistPlace: '第 {n} 位',
      selectAll: '全選',
      selectNone: '全不選',
      select: '選中 {name}',
      batchCheckIn: '所選的人簽到（{n} 人）',
      batchCheckOut: '所選的人簽退（{n} 人）',
      queued: '已記下 {n} 人，連網後同步',
      notCheckedIn: '未簽到',
      checkedInAt: '{time} 簽到',
      checkedOutAt: '{time} 簽退',
      pending: '待同步',
      otherActivity: '換一個活動',
      activitiesHeading: '志願活動',
      newActivity: '新建活動',
      edit: '修改',
      saved: '活動已儲存，連網後同步',
    },
    editor: {
      newHeading: '新建志願活動',
      editHeading: '修改志願活動',
      fixErrors: '有 {n} 處需要改一下',
      fields: {
        title: '活動名稱',
        place: '活動地點',
        description: '活動介紹',
        startAt: '開始時間',
        endAt: '結束時間',
        signupDeadline: '報名截止時間',
        capacity: '招募人數',
        minAge: '最小年齡（不限就空著）',
        maxAge: '最大年齡（不限就空著）',
        requirements: '參加要求',
        pointsPerHour: '每小時積分',
        photo: '圖片地址（可不填）',
      },
      cancelled: '活動取消',
      save: '儲存',
      close: '不改了',
    },
    records: {
      heading: '服務時長證明和匯出表格',
      intro: '列印證明、匯出表格都要連網，並請再輸一次您的密碼。',
      pin: '您的工作人員密碼（10 位數字）',
      resident: '給哪位居民開證明',
      chooseResident: '請選擇居民',
      printCertificate: '列印服務時長證明',
      exportHeading: '匯出 CSV 表格',
      kinds: { activities: '活動', 'sign-ups': '報名', hours: '服務時長' },
      exportOf: '匯出{kind}表',
      fileName: '志願服務-{kind}-{date}.csv',
      offlinePrint: '列印服務時長證明需要連網。現在沒有連網，請連網後再列印。',
      offlineExport: '匯出表格需要連網。現在沒有連網，請連網後再匯出。',
      needResident: '請先選擇居民。',
      needPin: '請先輸入您的 10 位工作人員密碼。',
      wrongPin: '密碼不對，請再輸一次。',
      expired: '登入已過期，請再輸一次密碼。',
      notFound: '服務站沒有找到這位居民。',
      serverError: '服務站電腦暫時出了問題，沒有辦成，請稍後再試。',
      printed: '服務時長證明已送去列印。',
      exported: '{kind}表已匯出。',
      certificate: {
        title: '志願服務時長證明',
        name: '姓名：{name}',
        body: '茲證明 {name} 於{year}年在{station}參加志願服務活動 {n} 次，累計服務時長 {hours}。特此證明。',
        total: '累計服務時長：{hours}',
        hours: '{n} 小時',
        none: '本年度還沒有完成簽退的志願服務。',
        columns: { date: '日期', activity: '活動', hours: '服務時長' },
        seal: '{station}（蓋章）',
        issued: '開具日期：{date}',
      },
    },
  },
  en: {
    actions: { 'volunteer.sign-up': 'Volunteer sign-up', 'volunteer.cancel': 'Volunteer cancellation', 'volunteer.check-in': 'Volunteer check-in', 'volunteer.check-out': 'Volunteer check-out' },
    board: {
      heading: 'Volunteering',
      intro: 'Join volunteer activities; your hours earn points',
      empty: 'No volunteer activities coming up; please ask the staff',
      signInFirst: 'Please sign in to sign up',
      signIn: 'Sign in',
      when: 'When: {when}',
      place: 'Where: {place}',
      placesLeft: '{n} places left',
      full: 'Full; you can join the waiting list ({n} waiting)',
      deadline: 'Sign up by {when}',
      closed: 'Sign-up closed',
      requirements: 'Please note: {text}',
      age: { range: 'Age {min} to {max}', min: 'Age {min} and over', max: 'Age {max} and under' },
      pointsPerHour: '{n} points per hour of service',
      signUp: 'Sign up',
      joinWaitlist: 'Join the waiting list',
      cancel: 'Cancel my place',
      checkIn: 'Check in',
      checkOut: 'Check out',
      confirmHeading: 'Confirm sign-up',
      confirmMessage: '{title}, {when}, {place}. Sign up?',
      confirm: 'Sign up',
      notNow: 'Not now',
      overlapHeading: 'Times overlap',
      overlapMessage: 'You already signed up for {others} at this time. Sign up for "{title}" as well?',
      overlapConfirm: 'Sign up anyway',
      cancelHeading: 'Cancel sign-up',
      cancelMessage: 'Not going to "{title}"?',
      cancelConfirm: 'Cancel it',
      cancelKeep: 'Keep it',
      cancelReason: '居民取消报名',
      working: 'Signing up, please wait',
      confirmedHeading: 'You are signed up',
      confirmed: '"{title}": you are signed up. {when}, at {place}',
      waitlistedHeading: 'On the waiting list',
      waitlisted: 'It is full; you are number {n} on the waiting list. You move up automatically when someone cancels; see Mine',
      provisionalHeading: 'Registered, to be confirmed online',
      provisional: 'It is not certain yet. It will be confirmed once online; see the result under Mine',
      refusedHeading: 'Not signed up',
      done: 'Done',
      toMine: 'Mine',
      backToList: 'Other activities',
      cancelDone: 'Your sign-up is cancelled',
      checkedIn: 'Checked in',
      checkedOut: 'Checked out; hours and points are counted once online, see Mine',
      alreadyQueued: 'Already done, no need to touch again',
      status: {
        confirmed: 'Signed up',
        waitlisted: 'Waiting list, number {n}',
        provisional: 'Registered, to be confirmed online',
        refused: 'Not signed up',
        cancelled: 'Cancelled',
        checkedIn: 'Checked in',
        checkedOut: 'Checked out',
        activityCancelled: 'Activity called off',
      },
    },
    mine: {
      heading: 'My volunteering',
      empty: 'No volunteer sign-ups yet',
      totals: '{hours} hours of service, {points} points earned',
      hoursPoints: '{hours} hours, {points} points',
      reason: 'Reason: {reason}',
    },
    attendance: {
      heading: 'Volunteering',
      staffOnly: 'Staff only',
      chooseActivity: 'Check-in and check-out: choose an activity',
      noActivities: 'No activity to check in for now',
      choose: 'Choose',
      people: 'Signed up ({n})',
      nobody: 'Nobody is signed up yet',
      waitlist: 'Waiting list',
      waitlistPlace: 'Number {n}',
      selectAll: 'Select all',
      selectNone: 'Select none',
      select: 'Select {name}',
      batchCheckIn: 'Check in the selected ({n})',
      batchCheckOut: 'Check out the selected ({n})',
      queued: '{n} recorded; synced once online',
      notCheckedIn: 'Not checked in',
      checkedInAt: 'In at {time}',
      checkedOutAt: 'Out at {time}',
      pending: 'To sync',
      otherActivity: 'Another activity',
      activitiesHeading: 'Volunteer activities',
      newActivity: 'New activity',
      edit: 'Edit',
      saved: 'Activity saved; synced once online',
    },
    editor: {
      newHeading: 'New volunteer activity',
      editHeading: 'Edit volunteer activity',
      fixErrors: '{n} things to fix',
      fields: {
        title: 'Title',
        place: 'Place',
        description: 'Description',
        startAt: 'Starts',
        endAt: 'Ends',
        signupDeadline: 'Sign-up deadline',
        capacity: 'Places',
        minAge: 'Minimum age (blank: none)',
        maxAge: 'Maximum age (blank: none)',
        requirements: 'Requirements',
        pointsPerHour: 'Points per hour',
        photo: 'Photo address (optional)',
      },
      cancelled: 'Activity called off',
      save: 'Save',
      close: 'Back without saving',
    },
    records: {
      heading: 'Certificates and exports',
      intro: 'Printing a certificate and exporting tables need the network; please enter your PIN once more.',
      pin: 'Your staff password (10 digits)',
      resident: 'Certificate for',
      chooseResident: 'Choose a resident',
      printCertificate: 'Print certificate of service hours',
      exportHeading: 'Export CSV tables',
      kinds: { activities: 'activities', 'sign-ups': 'sign-ups', hours: 'service hours' },
      exportOf: 'Export {kind}',
      fileName: 'volunteer-{kind}-{date}.csv',
      offlinePrint: 'Printing the certificate needs the network. The kiosk is offline; please print once it is back online.',
      offlineExport: 'Exporting needs the network. The kiosk is offline; please export once it is back online.',
      needResident: 'Please choose a resident first.',
      needPin: 'Please enter your 10-digit staff password first.',
      wrongPin: 'That PIN is not right. Please try again.',
      expired: 'Your sign-in has run out. Please enter your PIN again.',
      notFound: 'The station server does not know this resident.',
      serverError: 'The station server has a problem and could not do this. Please try again later.',
      printed: 'The certificate has been sent to the printer.',
      exported: 'The {kind} table has been exported.',
      certificate: {
        title: 'Certificate of Volunteer Service Hours',
        name: 'Name: {name}',
        body: 'This is to certify that {name} took part in {n} volunteer activities at {station} in {year}, with {hours} of service in total.',
        total: 'Total service: {hours}',
        hours: '{n} h',
        none: 'No completed volunteer service this year yet.',
        columns: { date: 'Date', activity: 'Activity', hours: 'Hours' },
        seal: '{station} (seal)',
        issued: 'Issued on {date}',
      },
    },
  },
};
