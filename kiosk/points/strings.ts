/**
 * Every string of the points screens (积分超市, 我的积分, the voucher, staff points screens), per
 * locale; one interface, so a missing translation is a type error. Placeholders like {n} are filled
 * with components/core/i18n fill().
 */
import type { Tables } from '../../components/core/i18n.ts';
import type { Deed } from '../../domain/index.ts';

export interface PointsStrings {
  tile: { shop: string; shopHint: string; mine: string; mineHint: string };
  shop: {
    heading: string;
    balance: string;
    empty: string;
    cost: string;
    stock: string;
    soldOut: string;
    limit: string;
    notActive: string;
    choose: string;
    quantityHeading: string;
    quantityValue: string;
    fewer: string;
    more: string;
    next: string;
    confirmHeading: string;
    confirmMessage: string;
    confirm: string;
    cancel: string;
    working: string;
    refusedHeading: string;
    backToShop: string;
    submittedHeading: string;
    submitted: string;
    noPhoto: string;
  };
  voucher: {
    heading: string;
    code: string;
    showStaff: string;
    item: string;
    at: string;
    print: string;
    done: string;
    spokenCode: string;
    printTitle: string;
    printFor: string;
    keep: string;
  };
  mine: {
    heading: string;
    balance: string;
    points: string;
    pendingHeading: string;
    pendingEmpty: string;
    status: { confirmed: string; 'handed-out': string; cancelled: string; submitted: string; refused: string };
    undo: string;
    undoDone: string;
    undoTooLate: string;
    showCode: string;
    passbookHeading: string;
    passbookEmpty: string;
    columns: { date: string; memo: string; change: string; balanceAfter: string };
    printPassbook: string;
    rankingHeading: string;
    rankingHint: string;
    rankingIn: string;
    rankingOut: string;
    rankingSaved: string;
    reason: string;
    printTitle: string;
    printFor: string;
  };
  staff: {
    entry: string;
    heading: string;
    award: string;
    awardHint: string;
    handout: string;
    handoutHint: string;
    reverse: string;
    reverseHint: string;
    catalogue: string;
    catalogueHint: string;
  };
  award: {
    heading: string;
    residents: string;
    filter: string;
    chosen: string;
    pick: string;
    picked: string;
    deed: string;
    points: string;
    memo: string;
    next: string;
    needResidents: string;
    badPoints: string;
    needMemo: string;
    confirmHeading: string;
    confirmMessage: string;
    done: string;
    deeds: Record<Deed, string>;
  };
  handout: {
    heading: string;
    enterCode: string;
    find: string;
    clear: string;
    backspace: string;
    notFound: string;
    who: string;
    item: string;
    status: string;
    confirm: string;
    done: string;
    already: string;
    cancelled: string;
  };
  reverse: {
    heading: string;
    chooseResident: string;
    find: string;
    choose: string;
    none: string;
    lines: string;
    reverseLine: string;
    reason: string;
    reasonMissing: string;
    confirmHeading: string;
    confirmMessage: string;
    done: string;
  };
  catalogue: {
    heading: string;
    add: string;
    edit: string;
    pending: string;
    retired: string;
    empty: string;
    editorNew: string;
    editorEdit: string;
    name: string;
    description: string;
    kind: string;
    goods: string;
    service: string;
    cost: string;
    stock: string;
    /** An existing item: stock is moved, never typed over (others move it too). */
    stockNow: string;
    restock: string;
    writeOff: string;
    stockChangeHint: string;
    writeOffTooMany: string;
    monthlyLimit: string;
    monthlyLimitHint: string;
    activeFrom: string;
    activeUntil: string;
    photo: string;
    retire: string;
    save: string;
    saved: string;
    fixErrors: string;
    attentionFields: { name: string; cost: string; stock: string; state: string };
  };
}

export const pointsStrings: Tables<PointsStrings> = {
  'zh-CN': {
    tile: { shop: '积分超市', shopHint: '用积分换东西', mine: '我的积分', mineHint: '积分、存折和待领取的兑换' },
    shop: {
      heading: '积分超市',
      balance: '您现在有 {n} 分',
      empty: '现在没有可以兑换的商品。',
      cost: '{n} 分',
      stock: '还剩 {n} 件',
      soldOut: '已兑完',
      limit: '每人每月限 {n} 件',
      notActive: '不在兑换时间',
      choose: '兑换这件',
      quantityHeading: '换几件？',
      quantityValue: '{n} 件',
      fewer: '少一件',
      more: '多一件',
      next: '下一步',
      confirmHeading: '确认兑换',
      confirmMessage: '兑换 {item} {n} 件，用 {cost} 分。兑换后还剩 {left} 分。',
      confirm: '确认兑换',
      cancel: '不换了',
      working: '正在兑换，请稍等…',
      refusedHeading: '没有兑换',
      backToShop: '回到积分超市',
      submittedHeading: '已提交，联网后确认',
      submitted: '服务站还没有回复。联网后会自动确认，结果在“我的积分”里看。现在还不能领取。',
      noPhoto: '没有照片',
    },
    voucher: {
      heading: '兑换成功',
      code: '兑换码',
      showStaff: '请把兑换码给工作人员看',
      item: '{item} × {n}',
      at: '兑换时间：{time}',
      print: '打印兑换券',
      done: '完成',
      spokenCode: '兑换码在屏幕上。',
      printTitle: '积分兑换券',
      printFor: '兑换人：{name}',
      keep: '凭兑换码到服务站领取',
    },
    mine: {
      heading: '我的积分',
      balance: '现有积分',
      points: '{n} 分',
      pendingHeading: '待领取的兑换',
      pendingEmpty: '没有待领取的兑换。',
      status: { confirmed: '待领取', 'handed-out': '已领取', cancelled: '已撤销', submitted: '已提交，联网后确认', refused: '未通过' },
      undo: '撤销',
      undoDone: '已撤销，积分会退回。',
      undoTooLate: '已经超过 10 分钟，不能撤销了，请找工作人员帮忙。',
      showCode: '兑换码：{code}',
      passbookHeading: '存折',
      passbookEmpty: '还没有积分记录。',
      columns: { date: '日期', memo: '摘要', change: '收入/支出', balanceAfter: '余额' },
      printPassbook: '打印存折',
      rankingHeading: '参加积分排名公示',
      rankingHint: '公示只写姓和最后一个字，例如 张*华。',
      rankingIn: '参加',
      rankingOut: '不参加',
      rankingSaved: '已保存。',
      reason: '原因：{reason}',
      printTitle: '积分存折',
      printFor: '户名：{name}',
    },
    staff: {
      entry: '积分管理',
      heading: '积分管理',
      award: '发放积分',
      awardHint: '给一位或几位居民',
      handout: '兑换核销',
      handoutHint: '输入兑换码，发放商品',
      reverse: '冲正',
      reverseHint: '从居民存折冲正一行',
      catalogue: '积分超市管理',
      catalogueHint: '商品、积分、库存',
    },
    award: {
      heading: '发放积分',
      residents: '选择居民（可以选几位）',
      filter: '按姓名或楼栋筛选',
      chosen: '已选 {n} 人',
      pick: '选上',
      picked: '已选',
      deed: '因为什么',
      points: '每人积分',
      memo: '备注（会写进存折）',
      next: '下一步',
      needResidents: '请先选择居民',
      badPoints: '积分应是 1 到 10000 的整数',
      needMemo: '请写备注',
      confirmHeading: '确认发放',
      confirmMessage: '给 {n} 位居民每人 {points} 分：{deed}。',
      done: '已发放，联网后记入存折。',
      deeds: { 'volunteer-hour': '志愿服务（每小时）', 'hazard-report': '上报火情和安全隐患', activity: '参加社区活动', 'staff-award': '工作人员奖励' },
    },
    handout: {
      heading: '兑换核销',
      enterCode: '请输入兑换码（6 位）',
      find: '查找',
      clear: '清除',
      backspace: '退格',
      notFound: '没有找到这个兑换码，请再核对一下',
      who: '兑换人',
      item: '商品',
      status: '状态',
      confirm: '确认发放',
      done: '已发放。',
      already: '这份已经领取过了',
      cancelled: '这份已经撤销了，不能发放',
    },
    reverse: {
      heading: '冲正',
      chooseResident: '先找到居民',
      find: '查找',
      choose: '看存折',
      none: '没有找到',
      lines: '存折',
      reverseLine: '冲正',
      reason: '冲正原因（必填）',
      reasonMissing: '请写冲正原因',
      confirmHeading: '确认冲正',
      confirmMessage: '冲正这一行：{memo}，{change} 分。',
      done: '已提交冲正。',
    },
    catalogue: {
      heading: '积分超市管理',
      add: '新增商品',
      edit: '编辑',
      pending: '待同步',
      retired: '已下架',
      empty: '还没有商品。',
      editorNew: '新增商品',
      editorEdit: '编辑商品',
      name: '名称',
      description: '说明',
      kind: '类别',
      goods: '物品',
      service: '服务',
      cost: '每件积分',
      stock: '库存',
      stockNow: '现有库存 {n} 件',
      restock: '补货（件）',
      writeOff: '减少（件）',
      stockChangeHint: '不填：库存不变。别人同时兑换的件数不受影响。',
      writeOffTooMany: '减少的件数不能多于现有库存',
      monthlyLimit: '每人每月限几件',
      monthlyLimitHint: '不填：不限',
      activeFrom: '开始兑换时间',
      activeUntil: '结束兑换时间',
      photo: '照片地址',
      retire: '下架',
      save: '保存',
      saved: '已保存，联网后同步。',
      fixErrors: '有 {n} 处要改',
      attentionFields: { name: '名称', cost: '积分', stock: '库存', state: '状态' },
    },
  },
  'zh-TW': {
    tile: { shop: '積分超市', shopHint: '用積分換東西', mine: '我的積分', mineHint: '積分、存摺和待領取的兌換' },
    shop: {
      heading: '積分超市',
      balance: '您現在有 {n} 分',
      empty: '現在沒有可以兌換的商品。',
      cost: '{n} 分',
      stock: '還剩 {n} 件',
      soldOut: '已兌完',
      limit: '每人每月限 {n} 件',
      notActive: '不在兌換時間',
      choose: '兌換這件',
      quantityHeading: '換幾件？',
      quantityValue: '{n} 件',
      fewer: '少一件',
      more: '多一件',
      next: '下一步',
      confirmHeading: '確認兌換',
      confirmMessage: '兌換 {item} {n} 件，用 {cost} 分。兌換後還剩 {left} 分。',
      confirm: '確認兌換',
      cancel: '不換了',
      working: '正在兌換，請稍等…',
      refusedHeading: '沒有兌換',
      backToShop: '回到積分超市',
      submittedHeading: '已提交，連網後確認',
      submitted: '服務站還沒有回覆。連網後會自動確認，結果在「我的積分」裡看。現在還不能領取。',
      noPhoto: '沒有照片',
    },
    voucher: {
      heading: '兌換成功',
      code: '兌換碼',
      showStaff: '請把兌換碼給工作人員看',
      item: '{item} × {n}',
      at: '兌換時間：{time}',
      print: '列印兌換券',
      done: '完成',
      spokenCode: '兌換碼在螢幕上。',
      printTitle: '積分兌換券',
      printFor: '兌換人：{name}',
      keep: '憑兌換碼到服務站領取',
    },
    mine: {
      heading: '我的積分',
      balance: '現有積分',
      points: '{n} 分',
      pendingHeading: '待領取的兌換',
      pendingEmpty: '沒有待領取的兌換。',
      status: { confirmed: '待領取', 'handed-out': '已領取', cancelled: '已撤銷', submitted: '已提交，連網後確認', refused: '未通過' },
      undo: '撤銷',
      undoDone: '已撤銷，積分會退回。',
      undoTooLate: '已經超過 10 分鐘，不能撤銷了，請找工作人員幫忙。',
      showCode: '兌換碼：{code}',
      passbookHeading: '存摺',
      passbookEmpty: '還沒有積分記錄。',
      columns: { date: '日期', memo: '摘要', change: '收入/支出', balanceAfter: '餘額' },
      printPassbook: '列印存摺',
      rankingHeading: '參加積分排名公示',
      rankingHint: '公示只寫姓和最後一個字，例如 張*華。',
      rankingIn: '參加',
      rankingOut: '不參加',
      rankingSaved: '已儲存。',
      reason: '原因：{reason}',
      printTitle: '積分存摺',
      printFor: '戶名：{name}',
    },
    staff: {
      entry: '積分管理',
      heading: '積分管理',
      award: '發放積分',
      awardHint: '給一位或幾位居民',
      handout: '兌換核銷',
      handoutHint: '輸入兌換碼，發放商品',
      reverse: '沖正',
      reverseHint: '從居民存摺沖正一行',
      catalogue: '積分超市管理',
      catalogueHint: '商品、積分、庫存',
    },
    award: {
      heading: '發放積分',
      residents: '選擇居民（可以選幾位）',
      filter: '按姓名或樓棟篩選',
      chosen: '已選 {n} 人',
      pick: '選上',
      picked: '已選',
      deed: '因為什麼',
      points: '每人積分',
      memo: '備註（會寫進存摺）',
      next: '下一步',
      needResidents: '請先選擇居民',
      badPoints: '積分應是 1 到 10000 的整數',
      needMemo: '請寫備註',
      confirmHeading: '確認發放',
      confirmMessage: '給 {n} 位居民每人 {points} 分：{deed}。',
      done: '已發放，連網後記入存摺。',
      deeds: { 'volunteer-hour': '志願服務（每小時）', 'hazard-report': '上報火情和安全隱患', activity: '參加社區活動', 'staff-award': '工作人員獎勵' },
    },
    handout: {
      heading: '兌換核銷',
      enterCode: '請輸入兌換碼（6 位）',
      find: '查找',
      clear: '清除',
      backspace: '退格',
      notFound: '沒有找到這個兌換碼，請再核對一下',
      who: '兌換人',
      item: '商品',
      status: '狀態',
      confirm: '確認發放',
      done: '已發放。',
      already: '這份已經領取過了',
      cancelled: '這份已經撤銷了，不能發放',
    },
    reverse: {
      heading: '沖正',
      chooseResident: '先找到居民',
      find: '查找',
      choose: '看存摺',
      none: '沒有找到',
      lines: '存摺',
      reverseLine: '沖正',
      reason: '沖正原因（必填）',
      reasonMissing: '請寫沖正原因',
      confirmHeading: '確認沖正',
      confirmMessage: '沖正這一行：{memo}，{change} 分。',
      done: '已提交沖正。',
    },
    catalogue: {
      heading: '積分超市管理',
      add: '新增商品',
      edit: '編輯',
      pending: '待同步',
      retired: '已下架',
      empty: '還沒有商品。',
      editorNew: '新增商品',
      editorEdit: '編輯商品',
      name: '名稱',
      description: '說明',
      kind: '類別',
      goods: '物品',
      service: '服務',
      cost: '每件積分',
      stock: '庫存',
      stockNow: '現有庫存 {n} 件',
      restock: '補貨（件）',
      writeOff: '減少（件）',
      stockChangeHint: '不填：庫存不變。別人同時兌換的件數不受影響。',
      writeOffTooMany: '減少的件數不能多於現有庫存',
      monthlyLimit: '每人每月限幾件',
      monthlyLimitHint: '不填：不限',
      activeFrom: '開始兌換時間',
      activeUntil: '結束兌換時間',
      photo: '照片地址',
      retire: '下架',
      save: '儲存',
      saved: '已儲存，連網後同步。',
      fixErrors: '有 {n} 處要改',
      attentionFields: { name: '名稱', cost: '積分', stock: '庫存', state: '狀態' },
    },
  },
  en: {
    tile: { shop: 'Points shop', shopHint: 'Swap points for goods', mine: 'My points', mineHint: 'Points, passbook and items to collect' },
    shop: {
      heading: 'Points shop',
      balance: 'You have {n} points',
      empty: 'Nothing to redeem right now.',
      cost: '{n} points',
      stock: '{n} left',
      soldOut: 'All gone',
      limit: 'Up to {n} a month each',
      notActive: 'Not available now',
      choose: 'Redeem this',
      quantityHeading: 'How many?',
      quantityValue: '{n}',
      fewer: 'One fewer',
      more: 'One more',
      next: 'Next',
      confirmHeading: 'Confirm',
      confirmMessage: '{n} × {item} for {cost} points. You will have {left} points left.',
      confirm: 'Redeem',
      cancel: 'Not now',
      working: 'Redeeming, please wait…',
      refusedHeading: 'Not redeemed',
      backToShop: 'Back to the shop',
      submittedHeading: 'Sent, to be confirmed online',
      submitted: 'The station has not answered yet. It will be confirmed once online; see My points. It cannot be collected yet.',
      noPhoto: 'No photo',
    },
    voucher: {
      heading: 'Redeemed',
      code: 'Voucher code',
      showStaff: 'Show this code to the staff',
      item: '{n} × {item}',
      at: 'Time: {time}',
      print: 'Print voucher',
      done: 'Done',
      spokenCode: 'The code is on the screen.',
      printTitle: 'Points voucher',
      printFor: 'For: {name}',
      keep: 'Collect at the station with this code',
    },
    mine: {
      heading: 'My points',
      balance: 'Points now',
      points: '{n} points',
      pendingHeading: 'To collect',
      pendingEmpty: 'Nothing to collect.',
      status: { confirmed: 'To collect', 'handed-out': 'Collected', cancelled: 'Undone', submitted: 'Sent, to be confirmed online', refused: 'Not accepted' },
      undo: 'Undo',
      undoDone: 'Undone; the points come back.',
      undoTooLate: 'More than 10 minutes have passed; please ask the staff.',
      showCode: 'Code: {code}',
      passbookHeading: 'Passbook',
      passbookEmpty: 'No points yet.',
      columns: { date: 'Date', memo: 'What', change: 'In/out', balanceAfter: 'Balance' },
      printPassbook: 'Print passbook',
      rankingHeading: 'Take part in the public ranking',
      rankingHint: 'Only a masked name is shown, e.g. 张*华.',
      rankingIn: 'Yes',
      rankingOut: 'No',
      rankingSaved: 'Saved.',
      reason: 'Reason: {reason}',
      printTitle: 'Points passbook',
      printFor: 'Name: {name}',
    },
    staff: {
      entry: 'Points',
      heading: 'Points',
      award: 'Award points',
      awardHint: 'To one resident or several',
      handout: 'Hand out',
      handoutHint: 'Type the voucher code',
      reverse: 'Reverse',
      reverseHint: 'Reverse a passbook line',
      catalogue: 'Shop items',
      catalogueHint: 'Items, points, stock',
    },
    award: {
      heading: 'Award points',
      residents: 'Choose residents (one or more)',
      filter: 'Filter by name or building',
      chosen: '{n} chosen',
      pick: 'Choose',
      picked: 'Chosen',
      deed: 'What for',
      points: 'Points each',
      memo: 'Note (goes into the passbook)',
      next: 'Next',
      needResidents: 'Choose residents first',
      badPoints: 'Points must be a whole number from 1 to 10000',
      needMemo: 'Write a note',
      confirmHeading: 'Confirm award',
      confirmMessage: '{points} points each to {n} residents: {deed}.',
      done: 'Awarded; it reaches the passbooks once online.',
      deeds: { 'volunteer-hour': 'Volunteering (per hour)', 'hazard-report': 'Reporting a fire or hazard', activity: 'Community activity', 'staff-award': 'Staff award' },
    },
    handout: {
      heading: 'Hand out',
      enterCode: 'Type the voucher code (6 characters)',
      find: 'Find',
      clear: 'Clear',
      backspace: 'Delete',
      notFound: 'No such voucher code; please check it',
      who: 'Resident',
      item: 'Item',
      status: 'State',
      confirm: 'Hand out',
      done: 'Handed out.',
      already: 'Already collected',
      cancelled: 'This was undone; do not hand it out',
    },
    reverse: {
      heading: 'Reverse',
      chooseResident: 'Find the resident',
      find: 'Find',
      choose: 'Passbook',
      none: 'Nobody found',
      lines: 'Passbook',
      reverseLine: 'Reverse',
      reason: 'Reason (required)',
      reasonMissing: 'Write the reason',
      confirmHeading: 'Confirm reversal',
      confirmMessage: 'Reverse this line: {memo}, {change} points.',
      done: 'Reversal sent.',
    },
    catalogue: {
      heading: 'Shop items',
      add: 'New item',
      edit: 'Edit',
      pending: 'Waiting to sync',
      retired: 'Withdrawn',
      empty: 'No items yet.',
      editorNew: 'New item',
      editorEdit: 'Edit item',
      name: 'Name',
      description: 'Description',
      kind: 'Kind',
      goods: 'Goods',
      service: 'Service',
      cost: 'Points each',
      stock: 'Stock',
      stockNow: 'In stock now: {n}',
      restock: 'Add units',
      writeOff: 'Remove units',
      stockChangeHint: 'Empty: stock unchanged. Units redeemed meanwhile are not affected.',
      writeOffTooMany: 'Cannot remove more units than are in stock',
      monthlyLimit: 'Monthly limit per resident',
      monthlyLimitHint: 'Empty: no limit',
      activeFrom: 'Available from',
      activeUntil: 'Available until',
      photo: 'Photo address',
      retire: 'Withdrawn',
      save: 'Save',
      saved: 'Saved; it syncs once online.',
      fixErrors: '{n} things to fix',
      attentionFields: { name: 'Name', cost: 'Points', stock: 'Stock', state: 'State' },
    },
  },
};
