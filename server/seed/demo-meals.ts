/**
 * Demo meals for 幸福里: the example subsidy policy, this week's and next week's menus (lunch 40
 * seats, dinner 20, booking closes the day before at 17:00), meal flags for two residents (one
 * 低保, one 失能 with a delivery address) and a few bookings, made through the same booking code
 * the server runs, each at a time before its cut-off.
 */
import {
  addCalendarDays,
  EXAMPLE_SUBSIDY_POLICY,
  mondayOf,
  stationDateOf,
  stationInstant,
  type Dish,
  type MealMode,
  type MealSetCode,
  type MenuDay,
  type MenuDraft,
  type DietTag,
  type MealKind,
} from '../../domain/index.ts';
import { recordChange } from '../content/changes.ts';
import { bookMeal } from '../meals/bookings.ts';
import { saveFlags, savePolicy } from '../meals/meal-settings.ts';
import type { Db } from '../meals/meal-store.ts';
import { saveMenu } from '../meals/menus.ts';

const d = (name: string, dietTags: DietTag[] = [], healthLabel: Dish['healthLabel'] = 'green'): Dish => ({ name, photo: null, dietTags, healthLabel });

/** Five weekdays of lunches and dinners; the week's day i picks row i. */
const LUNCHES: { A: Dish[]; B: Dish[]; C: Dish[] }[] = [
  { A: [d('番茄炒蛋'), d('清炒西兰花', ['素食', '低脂']), d('米饭')], B: [d('清蒸鲈鱼', ['低盐', '低脂']), d('蒜蓉菠菜', ['素食']), d('杂粮饭', ['低糖'])], C: [d('肉末豆腐', ['软食']), d('冬瓜汤', ['低盐']), d('小米粥', ['软食', '低糖'])] },
  { A: [d('红烧冬瓜', ['素食']), d('土豆烧鸡块', [], 'amber'), d('米饭')], B: [d('清蒸鸡蛋羹', ['软食', '低盐']), d('白灼生菜', ['素食', '低脂']), d('杂粮饭', ['低糖'])], C: [d('香菇青菜', ['素食']), d('豆腐脑', ['软食']), d('南瓜粥', ['软食'])] },
  { A: [d('红烧肉', [], 'red'), d('醋溜白菜', ['素食']), d('米饭')], B: [d('清炖鸡汤', ['低盐']), d('蒸南瓜', ['素食', '软食']), d('杂粮饭', ['低糖'])], C: [d('肉末茄子', ['软食'], 'amber'), d('紫菜蛋花汤', ['低盐']), d('小米粥', ['软食', '低糖'])] },
  { A: [d('宫保鸡丁', [], 'amber'), d('炒豆芽', ['素食']), d('米饭')], B: [d('清蒸鲈鱼', ['低盐', '低脂']), d('芹菜炒香干', ['素食']), d('杂粮饭', ['低糖'])], C: [d('西红柿炖牛腩', ['软食']), d('蒸山药', ['素食', '软食']), d('小米粥', ['软食', '低糖'])] },
  { A: [d('鱼香肉丝', [], 'amber'), d('蒜蓉油麦菜', ['素食']), d('米饭')], B: [d('虾仁滑蛋', ['软食', '低脂']), d('清炒丝瓜', ['素食']), d('杂粮饭', ['低糖'])], C: [d('肉末豆腐', ['软食']), d('冬瓜海带汤', ['低盐']), d('南瓜粥', ['软食'])] },
];
const DINNERS: { A: Dish[]; B: Dish[] }[] = [
  { A: [d('白菜猪肉水饺', [], 'amber'), d('拍黄瓜', ['素食'])], B: [d('小米粥', ['软食', '低糖']), d('蒸红薯', ['素食']), d('凉拌豆腐', ['素食', '低脂'])] },
  { A: [d('西红柿鸡蛋面', ['软食']), d('凉拌木耳', ['素食'])], B: [d('南瓜粥', ['软食']), d('花卷'), d('清炒油菜', ['素食'])] },
  { A: [d('三鲜馄饨', ['软食']), d('炝炒圆白菜', ['素食'])], B: [d('小米粥', ['软食', '低糖']), d('蒸蛋羹', ['软食', '低盐']), d('馒头')] },
  { A: [d('牛肉包子', [], 'amber'), d('蔬菜汤', ['素食', '低盐'])], B: [d('绿豆粥', ['素食']), d('蒸山药', ['素食', '软食']), d('花卷')] },
  { A: [d('炸酱面', [], 'red'), d('黄瓜丝', ['素食'])], B: [d('小米粥', ['软食', '低糖']), d('肉末豆腐', ['软食']), d('馒头')] },
];

const LUNCH_MODES: MealMode[] = ['dine-in', 'pick-up', 'delivery'];
const DINNER_MODES: MealMode[] = ['dine-in', 'pick-up'];

export function demoMenuDraft(weekStart: string): MenuDraft {
  const days: MenuDay[] = LUNCHES.map((lunch, i) => ({
    date: addCalendarDays(weekStart, i),
    meals: [
      {
        meal: 'lunch',
        capacity: 40,
        modes: LUNCH_MODES,
        sets: [
          { code: 'A', priceFen: 1500, dishes: lunch.A, variants: ['低盐'] },
          { code: 'B', priceFen: 1200, dishes: lunch.B, variants: ['低盐', '软食'] },
          { code: 'C', priceFen: 1000, dishes: lunch.C, variants: ['低糖'] },
        ],
      },
      {
        meal: 'dinner',
        capacity: 20,
        modes: DINNER_MODES,
        sets: [
          { code: 'A', priceFen: 1000, dishes: DINNERS[i]!.A, variants: [] },
          { code: 'B', priceFen: 800, dishes: DINNERS[i]!.B, variants: ['软食'] },
        ],
      },
    ],
  }));
  return { weekStart, cutoff: { kind: 'day-before', time: '17:00' }, days };
}

/** Stable ids so a demo reset gives the same menus. */
const MENU_IDS = ['d1e2f3a4-0000-4000-8000-000000000001', 'd1e2f3a4-0000-4000-8000-000000000002'];

export interface DemoMealResidents {
  /** 80+ in 2026, 失能, delivery address. */
  disabled: string;
  /** 低保. */
  minimumLiving: string;
  others: string[];
}

export async function seedDemoMeals(trx: Db, stationId: string, residents: DemoMealResidents, now: Date): Promise<void> {
  // The seed runs alone in one transaction: no other writer to lock out ('sqlite' skips the row lock).
  const dialect = 'sqlite';
  await savePolicy(trx, dialect, stationId, EXAMPLE_SUBSIDY_POLICY, now);
  await saveFlags(trx, dialect, stationId, residents.disabled, { groups: ['disabled'], deliveryFlag: true, address: '3 号楼 2 单元 401 室', notes: '老人腿脚不便，请敲门后稍等' }, now);
  await saveFlags(trx, dialect, stationId, residents.minimumLiving, { groups: ['minimum-living'], deliveryFlag: false, address: '', notes: '' }, now);

  const thisWeek = mondayOf(stationDateOf(now));
  for (const [i, weekStart] of [thisWeek, addCalendarDays(thisWeek, 7)].entries()) {
    // Published the Friday before the week, so every booking below was made before its cut-off.
    const publishedAt = stationInstant(addCalendarDays(weekStart, -3), '09:00');
    const saved = await saveMenu(trx, dialect, { stationId, menuId: MENU_IDS[i]!, baseRevision: null, draft: demoMenuDraft(weekStart), now: publishedAt });
    if (saved.kind !== 'saved') throw new Error(`demo menu ${weekStart}: ${saved.kind}`);
    await recordChange(trx, stationId, 'menu', saved.menu.id, saved.menu);
  }

  const bookings: { resident: string; day: number; meal: MealKind; set: MealSetCode; variant: DietTag | null; mode: MealMode }[] = [
    { resident: residents.disabled, day: 0, meal: 'lunch', set: 'C', variant: null, mode: 'delivery' },
    { resident: residents.disabled, day: 0, meal: 'dinner', set: 'B', variant: '软食', mode: 'pick-up' },
    { resident: residents.minimumLiving, day: 0, meal: 'lunch', set: 'A', variant: null, mode: 'dine-in' },
    { resident: residents.others[0]!, day: 0, meal: 'lunch', set: 'B', variant: '低盐', mode: 'dine-in' },
    { resident: residents.others[1]!, day: 1, meal: 'lunch', set: 'B', variant: null, mode: 'pick-up' },
    { resident: residents.disabled, day: 2, meal: 'lunch', set: 'B', variant: '软食', mode: 'delivery' },
    { resident: residents.minimumLiving, day: 7, meal: 'lunch', set: 'C', variant: '低糖', mode: 'dine-in' },
    { resident: residents.others[0]!, day: 8, meal: 'dinner', set: 'A', variant: null, mode: 'dine-in' },
  ];
  for (const [n, b] of bookings.entries()) {
    const date = addCalendarDays(thisWeek, b.day);
    const r = await bookMeal(trx, dialect, {
      bookingId: `e2f3a4b5-0000-4000-8000-${String(n + 1).padStart(12, '0')}`,
      stationId,
      residentId: b.resident,
      date,
      meal: b.meal,
      set: b.set,
      variant: b.variant,
      mode: b.mode,
      provisional: false,
      bookedBy: n % 3 === 2 ? 'proxy' : 'resident',
      channel: 'kiosk',
      deviceId: null,
      // Two days before the meal, mid-morning: well before the day-before 17:00 cut-off.
      now: stationInstant(addCalendarDays(date, -2), '10:00'),
    });
    if (r.kind !== 'booked') throw new Error(`demo booking ${n + 1}: ${r.kind}${r.kind === 'refused' ? ` ${r.refusal}` : ''}`);
    await recordChange(trx, stationId, 'meal-booking', r.booking.id, r.booking);
  }
}
