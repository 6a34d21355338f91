/**
 * Every string of the meal screens (订餐, 今日厨房, 编辑菜单), per locale; one interface, so a missing
 * translation is a type error. Placeholders like {n} are filled with components/core/i18n fill().
 */
import type { Tables } from '../../components/core/i18n.ts';
import type { DietTag, HealthLabel, MealKind, MealMode } from '../../domain/meals.ts';

export interface MealStrings {
  tile: { book: string; bookHint: string; kitchen: string };
  /** How 我的 names meal actions. */
  mine: { 'meal.book': string; 'meal.cancel': string };
  meal: Record<MealKind, string>;
  mode: Record<MealMode, string>;
  diet: Record<DietTag, string>;
  health: Record<HealthLabel, string>;
  book: {
    heading: string;
    cutoffRule: string;
    noMenu: string;
    dateHeading: string;
    closed: string;
    closesAt: string;
    mealHeading: string;
    seatsLeft: string;
    full: string;
    setHeading: string;
    setName: string;
    price: string;
    variantHeading: string;
    standard: string;
    modeHeading: string;
    deliveryNote: string;
    priceHeading: string;
    toPay: string;
    next: string;
    choose: string;
    confirmHeading: string;
    confirmMessage: string;
    confirm: string;
    cancel: string;
    working: string;
    bookedHeading: string;
    booked: string;
    provisionalHeading: string;
    provisional: string;
    refusedHeading: string;
    again: string;
    done: string;
    mineHeading: string;
    mineEmpty: string;
    status: Record<'confirmed' | 'provisional' | 'cancelled' | 'refused', string>;
    cancelBooking: string;
    cancelDone: string;
    cancelTooLate: string;
    toMine: string;
  };
  kitchen: {
    heading: string;
    date: string;
    empty: string;
    set: string;
    variant: string;
    mode: string;
    confirmed: string;
    provisional: string;
    deliveryHeading: string;
    deliveryEmpty: string;
    stop: string;
    name: string;
    address: string;
    notes: string;
    print: string;
    staffOnly: string;
  };
  /** 编辑菜单 (staff). */
  editor: {
    open: string;
    back: string;
    heading: string;
    weekHeading: string;
    weeks: [string, string, string];
    weekOf: string;
    revision: string;
    pending: string;
    empty: string;
    copyLast: string;
    copied: string;
    noLastWeek: string;
    daysHeading: string;
    hasProblems: string;
    addMeal: string;
    removeMeal: string;
    capacity: string;
    modes: string;
    setHeading: string;
    addSet: string;
    removeSet: string;
    price: string;
    variants: string;
    dishHeading: string;
    dishName: string;
    dietTags: string;
    health: string;
    healthNone: string;
    healthShort: Record<HealthLabel, string>;
    photo: string;
    photoHint: string;
    addDish: string;
    removeDish: string;
    cutoff: string;
    dayBefore: string;
    sameDay: string;
    cutoffTime: string;
    cutoffTimeHint: string;
    save: string;
    fixErrors: string;
    savedOnline: string;
    savedOffline: string;
  };
}

export const mealStrings: Tables<MealStrings> = {
  'zh-CN': {
    tile: { book: '订餐', bookHint: '老年助餐，看菜单、订饭', kitchen: '今日厨房' },
    mine: { 'meal.book': '订餐', 'meal.cancel': '退订餐' },
    meal: { lunch: '午餐', dinner: '晚餐' },
    mode: { 'dine-in': '堂食', 'pick-up': '自取', delivery: '送餐上门' },
    diet: { 低盐: '低盐', 低糖: '低糖', 低脂: '低脂', 软食: '软食', 流食: '流食', 清真: '清真', 素食: '素食' },
    health: { red: '红灯：少吃', amber: '黄灯：适量', green: '绿灯：放心吃' },
    book: {
      heading: '订餐',
      cutoffRule: '订餐和退订时间：{rule}',
      noMenu: '这周的菜单还没有发布，请问问工作人员',
      dateHeading: '请选日期',
      closed: '已截止',
      closesAt: '{when} 截止',
      mealHeading: '请选午餐或晚餐',
      seatsLeft: '还剩 {n} 份',
      full: '已订满',
      setHeading: '请选套餐',
      setName: '{code}套餐',
      price: '{yuan} 元',
      variantHeading: '请选做法',
      standard: '普通做法',
      modeHeading: '请选用餐方式',
      deliveryNote: '送餐上门只提供给符合条件的老人',
      priceHeading: '价格明细',
      toPay: '应付 {yuan} 元',
      next: '下一步',
      choose: '选这个',
      confirmHeading: '确认订餐',
      confirmMessage: '{date} {meal}，{set}，{mode}，应付 {yuan} 元。确定要订吗？',
      confirm: '确定订餐',
      cancel: '再想想',
      working: '正在订餐，请稍等',
      bookedHeading: '订好了',
      booked: '{date} {meal}，{set}，{mode}，应付 {yuan} 元',
      provisionalHeading: '已登记，联网后确认',
      provisional: '现在还不能确定订上了。联网后会确认，结果请到“我的”里查看',
      refusedHeading: '没有订上',
      again: '重新选',
      done: '完成',
      mineHeading: '我订的餐',
      mineEmpty: '还没有订餐',
      status: { confirmed: '已订好', provisional: '已登记，联网后确认', cancelled: '已退订', refused: '没有订上' },
      cancelBooking: '退订',
      cancelDone: '已退订，10 分钟内可以在“我的”里撤销',
      cancelTooLate: '已经过了截止时间，不能退订了，请问问工作人员',
      toMine: '我的',
    },
    kitchen: {
      heading: '今日厨房',
      date: '日期',
      empty: '这一天还没有人订餐',
      set: '套餐',
      variant: '做法',
      mode: '方式',
      confirmed: '已确认',
      provisional: '待确认',
      deliveryHeading: '送餐名单',
      deliveryEmpty: '这顿饭没有送餐',
      stop: '顺序',
      name: '姓名',
      address: '地址',
      notes: '备注',
      print: '打印送餐名单',
      staffOnly: '仅限工作人员',
    },
    editor: {
      open: '编辑菜单',
      back: '返回',
      heading: '编辑菜单',
      weekHeading: '选择哪一周',
      weeks: ['本周', '下周', '下下周'],
      weekOf: '{from} 至 {to}',
      revision: '已发布，第 {n} 版',
      pending: '有修改还没有同步',
      empty: '这一周还没有菜单。可以复制上周菜单，或者一天一天填写',
      copyLast: '复制上周菜单',
      copied: '已复制上周菜单，检查一下，再点“保存”',
      noLastWeek: '上一周没有菜单，不能复制',
      daysHeading: '选择哪一天',
      hasProblems: '要修改',
      addMeal: '添加{meal}',
      removeMeal: '不做{meal}',
      capacity: '{meal}份数',
      modes: '用餐方式',
      setHeading: '{code}套餐',
      addSet: '添加{code}套餐',
      removeSet: '删除{code}套餐',
      price: '价格（元）',
      variants: '可以做成',
      dishHeading: '第 {n} 道菜',
      dishName: '菜名',
      dietTags: '标签',
      health: '健康提示',
      healthNone: '不标',
      healthShort: { red: '红灯', amber: '黄灯', green: '绿灯' },
      photo: '图片地址（可以不填）',
      photoHint: '以 https:// 或 / 开头',
      addDish: '添加一道菜',
      removeDish: '删除这道菜',
      cutoff: '订餐截止',
      dayBefore: '前一天',
      sameDay: '当天',
      cutoffTime: '截止时间',
      cutoffTimeHint: '例如 17:00',
      save: '保存',
      fixErrors: '有 {n} 处要修改，还没有保存',
      savedOnline: '已保存，正在同步。',
      savedOffline: '已保存，联网后同步。',
    },
  },
  'zh-TW': {
    tile: { book: '訂餐', bookHint: '老年助餐，看菜單、訂飯', kitchen: '今日廚房' },
    mine: { 'meal.book': '訂餐', 'meal.cancel': '退訂餐' },
    meal: { lunch: '午餐', dinner: '晚餐' },
    mode: { 'dine-in': '堂食', 'pick-up': '自取', delivery: '送餐上門' },
    diet: { 低盐: '低鹽', 低糖: '低糖', 低脂: '低脂', 软食: '軟食', 流食: '流食', 清真: '清真', 素食: '素食' },
    health: { red: '紅燈：少吃', amber: '黃燈：適量', green: '綠燈：放心吃' },
    book: {
      heading: '訂餐',
      cutoffRule: '訂餐和退訂時間：{rule}',
      noMenu: '這週的菜單還沒有發布，請問問工作人員',
      dateHeading: '請選日期',
      closed: '已截止',
      closesAt: '{when} 截止',
      mealHeading: '請選午餐或晚餐',
      seatsLeft: '還剩 {n} 份',
      full: '已訂滿',
      setHeading: '請選套餐',
      setName: '{code}套餐',
      price: '{yuan} 元',
      variantHeading: '請選做法',
      standard: '普通做法',
      modeHeading: '請選用餐方式',
      deliveryNote: '送餐上門只提供給符合條件的老人',
      priceHeading: '價格明細',
      toPay: '應付 {yuan} 元',
      next: '下一步',
      choose: '選這個',
      confirmHeading: '確認訂餐',
      confirmMessage: '{date} {meal}，{set}，{mode}，應付 {yuan} 元。確定要訂嗎？',
      confirm: '確定訂餐',
      cancel: '再想想',
      working: '正在訂餐，請稍等',
      bookedHeading: '訂好了',
      booked: '{date} {meal}，{set}，{mode}，應付 {yuan} 元',
      provisionalHeading: '已登記，連網後確認',
      provisional: '現在還不能確定訂上了。連網後會確認，結果請到「我的」裡查看',
      refusedHeading: '沒有訂上',
      again: '重新選',
      done: '完成',
      mineHeading: '我訂的餐',
      mineEmpty: '還沒有訂餐',
      status: { confirmed: '已訂好', provisional: '已登記，連網後確認', cancelled: '已退訂', refused: '沒有訂上' },
      cancelBooking: '退訂',
      cancelDone: '已退訂，10 分鐘內可以在「我的」裡撤銷',
      cancelTooLate: '已經過了截止時間，不能退訂了，請問問工作人員',
      toMine: '我的',
    },
    kitchen: {
      heading: '今日廚房',
      date: '日期',
      empty: '這一天還沒有人訂餐',
      set: '套餐',
      variant: '做法',
      mode: '方式',
      confirmed: '已確認',
      provisional: '待確認',
      deliveryHeading: '送餐名單',
      deliveryEmpty: '這頓飯沒有送餐',
      stop: '順序',
      name: '姓名',
      address: '地址',
      notes: '備註',
      print: '列印送餐名單',
      staffOnly: '僅限工作人員',
    },
    editor: {
      open: '編輯菜單',
      back: '返回',
      heading: '編輯菜單',
      weekHeading: '選擇哪一週',
      weeks: ['本週', '下週', '下下週'],
      weekOf: '{from} 至 {to}',
      revision: '已發布，第 {n} 版',
      pending: '有修改還沒有同步',
      empty: '這一週還沒有菜單。可以複製上週菜單，或者一天一天填寫',
      copyLast: '複製上週菜單',
      copied: '已複製上週菜單，檢查一下，再點「儲存」',
      noLastWeek: '上一週沒有菜單，不能複製',
      daysHeading: '選擇哪一天',
      hasProblems: '要修改',
      addMeal: '新增{meal}',
      removeMeal: '不做{meal}',
      capacity: '{meal}份數',
      modes: '用餐方式',
      setHeading: '{code}套餐',
      addSet: '新增{code}套餐',
      removeSet: '刪除{code}套餐',
      price: '價格（元）',
      variants: '可以做成',
      dishHeading: '第 {n} 道菜',
      dishName: '菜名',
      dietTags: '標籤',
      health: '健康提示',
      healthNone: '不標',
      healthShort: { red: '紅燈', amber: '黃燈', green: '綠燈' },
      photo: '圖片網址（可以不填）',
      photoHint: '以 https:// 或 / 開頭',
      addDish: '新增一道菜',
      removeDish: '刪除這道菜',
      cutoff: '訂餐截止',
      dayBefore: '前一天',
      sameDay: '當天',
      cutoffTime: '截止時間',
      cutoffTimeHint: '例如 17:00',
      save: '儲存',
      fixErrors: '有 {n} 處要修改，還沒有儲存',
      savedOnline: '已儲存，正在同步。',
      savedOffline: '已儲存，連網後同步。',
    },
  },
  en: {
    tile: { book: 'Meals', bookHint: 'Menus and meal booking', kitchen: "Today's kitchen" },
    mine: { 'meal.book': 'Meal booking', 'meal.cancel': 'Meal cancellation' },
    meal: { lunch: 'Lunch', dinner: 'Dinner' },
    mode: { 'dine-in': 'Eat here', 'pick-up': 'Pick up', delivery: 'Home delivery' },
    diet: { 低盐: 'Low salt', 低糖: 'Low sugar', 低脂: 'Low fat', 软食: 'Soft', 流食: 'Liquid', 清真: 'Halal', 素食: 'Vegetarian' },
    health: { red: 'Red: eat less', amber: 'Amber: in moderation', green: 'Green: fine to eat' },
    book: {
      heading: 'Book a meal',
      cutoffRule: 'Booking and cancelling: {rule}',
      noMenu: "This week's menu is not published yet; please ask the staff",
      dateHeading: 'Choose a day',
      closed: 'Closed',
      closesAt: 'Closes {when}',
      mealHeading: 'Lunch or dinner?',
      seatsLeft: '{n} left',
      full: 'Fully booked',
      setHeading: 'Choose a set meal',
      setName: 'Set {code}',
      price: '¥{yuan}',
      variantHeading: 'How should it be cooked?',
      standard: 'Standard',
      modeHeading: 'How will you have it?',
      deliveryNote: 'Home delivery is only for eligible residents',
      priceHeading: 'Price',
      toPay: 'To pay ¥{yuan}',
      next: 'Next',
      choose: 'Choose',
      confirmHeading: 'Confirm the booking',
      confirmMessage: '{date} {meal}, {set}, {mode}, to pay ¥{yuan}. Book it?',
      confirm: 'Book',
      cancel: 'Not yet',
      working: 'Booking, please wait',
      bookedHeading: 'Booked',
      booked: '{date} {meal}, {set}, {mode}, to pay ¥{yuan}',
      provisionalHeading: 'Registered, to be confirmed online',
      provisional: 'It is not certain yet. It will be confirmed once online; see the result under Mine',
      refusedHeading: 'Not booked',
      again: 'Choose again',
      done: 'Done',
      mineHeading: 'My meals',
      mineEmpty: 'No meals booked',
      status: { confirmed: 'Booked', provisional: 'Registered, to be confirmed online', cancelled: 'Cancelled', refused: 'Not booked' },
      cancelBooking: 'Cancel',
      cancelDone: 'Cancelled; you can undo it under Mine within 10 minutes',
      cancelTooLate: 'The cut-off has passed; please ask the staff',
      toMine: 'Mine',
    },
    kitchen: {
      heading: "Today's kitchen",
      date: 'Date',
      empty: 'No bookings for this day',
      set: 'Set',
      variant: 'Variant',
      mode: 'Mode',
      confirmed: 'Confirmed',
      provisional: 'To confirm',
      deliveryHeading: 'Delivery list',
      deliveryEmpty: 'No deliveries for this meal',
      stop: 'Stop',
      name: 'Name',
      address: 'Address',
      notes: 'Notes',
      print: 'Print the delivery list',
      staffOnly: 'Staff only',
    },
    editor: {
      open: 'Edit menus',
      back: 'Back',
      heading: 'Edit menus',
      weekHeading: 'Which week',
      weeks: ['This week', 'Next week', 'The week after'],
      weekOf: '{from} to {to}',
      revision: 'Published, version {n}',
      pending: 'Changes not yet synced',
      empty: "This week has no menu yet. Copy last week's menu, or fill it in day by day",
      copyLast: "Copy last week's menu",
      copied: "Last week's menu copied; check it, then press Save",
      noLastWeek: 'Last week has no menu to copy',
      daysHeading: 'Which day',
      hasProblems: 'to fix',
      addMeal: 'Add {meal}',
      removeMeal: 'No {meal}',
      capacity: '{meal} portions',
      modes: 'How residents can have it',
      setHeading: 'Set {code}',
      addSet: 'Add set {code}',
      removeSet: 'Remove set {code}',
      price: 'Price (yuan)',
      variants: 'Can also be cooked',
      dishHeading: 'Dish {n}',
      dishName: 'Dish name',
      dietTags: 'Tags',
      health: 'Health label',
      healthNone: 'None',
      healthShort: { red: 'Red', amber: 'Amber', green: 'Green' },
      photo: 'Photo address (optional)',
      photoHint: 'Starts with https:// or /',
      addDish: 'Add a dish',
      removeDish: 'Remove this dish',
      cutoff: 'Booking cut-off',
      dayBefore: 'The day before',
      sameDay: 'The same day',
      cutoffTime: 'Cut-off time',
      cutoffTimeHint: 'For example 17:00',
      save: 'Save',
      fixErrors: '{n} things to fix; not saved yet',
      savedOnline: 'Saved; syncing now.',
      savedOffline: 'Saved; it syncs once online.',
    },
  },
};
