/**
 * Elderly meal booking (老年助餐): menus, the booking cut-off, delivery eligibility, the subsidy
 * engine, kitchen counts, the delivery list and the monthly settlement. Pure rules; the server
 * and the kiosk call the same functions.
 *
 * Subsidy policies differ from city to city, so a station's policy is data (SubsidyPolicy), never
 * code. Money is always an integer number of fen (分): no floating-point yuan anywhere, so sums
 * are exact and the settlement equals the sum of the receipts.
 *
 * Times follow station time (domain/station-time.ts): Asia/Shanghai, whatever the machine's zone.
 */
import { isSafeImageUrl } from './notice.ts';
import { ageOn, addCalendarDays, calendarDaysBetween, formatStationDate, formatStationDateTime, isCalendarDate, isoWeekday, isWallTime, stationInstant, type BirthInfo } from './station-time.ts';

export const MEAL_KINDS = ['lunch', 'dinner'] as const;
export type MealKind = (typeof MEAL_KINDS)[number];
export const MEAL_KIND_LABELS: Record<MealKind, string> = { lunch: '午餐', dinner: '晚餐' };

export const MEAL_SET_CODES = ['A', 'B', 'C'] as const;
export type MealSetCode = (typeof MEAL_SET_CODES)[number];

/** The fixed list of diet tags; a dish carries some, and a set may be cooked in some as variants. */
export const DIET_TAGS = ['低盐', '低糖', '低脂', '软食', '流食', '清真', '素食'] as const;
export type DietTag = (typeof DIET_TAGS)[number];

/** Optional traffic-light health label; always shown with its words, colour is never the only signal. */
export const HEALTH_LABELS = ['red', 'amber', 'green'] as const;
export type HealthLabel = (typeof HEALTH_LABELS)[number];
export const HEALTH_LABEL_TEXT: Record<HealthLabel, string> = { red: '红灯：少吃', amber: '黄灯：适量', green: '绿灯：放心吃' };

export const MEAL_MODES = ['dine-in', 'pick-up', 'delivery'] as const;
export type MealMode = (typeof MEAL_MODES)[number];
export const MEAL_MODE_LABELS: Record<MealMode, string> = { 'dine-in': '堂食', 'pick-up': '自取', delivery: '送餐上门' };

/** Groups a staff member can flag on a resident (sensitive: staff-only, never on public pages). */
export const RESIDENT_GROUPS = ['minimum-living', 'extreme-hardship', 'disabled', 'special-diet'] as const;
export type ResidentGroup = (typeof RESIDENT_GROUPS)[number];
export const RESIDENT_GROUP_LABELS: Record<ResidentGroup, string> = {
  'minimum-living': '低保',
  'extreme-hardship': '特困',
  disabled: '失能',
  'special-diet': '特殊饮食',
};

export const MEAL_LIMITS = {
  dishNameMax: 30,
  dishesPerSetMax: 12,
  /** ¥100 for one set: a typo of 12000 instead of 1200 must not pass. */
  priceMaxFen: 10_000,
  capacityMax: 2_000,
  labelMax: 30,
  /** A subsidy line of more than ¥100 is a typo. */
  subsidyMaxFen: 10_000,
} as const;

export interface Dish {
  name: string;
  photo: string | null;
  dietTags: DietTag[];
  healthLabel: HealthLabel | null;
}

export interface MealSet {
  code: MealSetCode;
  /** The full price of the set, in fen, before any subsidy. */
  priceFen: number;
  dishes: Dish[];
  /** Ways the kitchen can cook this set besides the standard one (e.g. 软食, 低盐); may be empty. */
  variants: DietTag[];
}

export interface MenuMeal {
  meal: MealKind;
  /** Seats (portions) for this meal on this day, all sets and modes together. */
  capacity: number;
  /** How residents may take this meal (a station may not deliver dinner). */
  modes: MealMode[];
  sets: MealSet[];
}

export interface MenuDay {
  /** Station calendar date, "2026-11-23". */
  date: string;
  meals: MenuMeal[];
}

/**
 * When booking (and cancelling) closes for a meal date, in station time: the day before at a
 * time, or the same day at a time. The same rule holds for lunch and dinner of that date.
 */
export type CutoffRule = { kind: 'day-before'; time: string } | { kind: 'same-day'; time: string };

/** One week's menu of a station (replicated to kiosks; staff edit it offline). */
export interface Menu {
  id: string;
  stationId: string;
  /** The Monday the week starts on, "2026-11-23". */
  weekStart: string;
  cutoff: CutoffRule;
  days: MenuDay[];
  revision: number;
  updatedAt: string;
}

export type MenuDraft = Pick<Menu, 'weekStart' | 'cutoff' | 'days'>;

// ---------------------------------------------------------------------------------------------
// Money

/**
 * Round a non-negative fraction numerator/denominator half up to a whole fen, in integers only
 * (1.5 fen → 2 fen, 1.49 → 1). Both must be non-negative safe integers.
 */
export function roundHalfUpFen(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || numerator < 0 || denominator <= 0) {
    throw new RangeError(`roundHalfUpFen needs non-negative integers: ${numerator}/${denominator}`);
  }
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** 1250 → "12.50", −500 → "-5.00": fen to yuan with two decimals, by integer arithmetic. */
export function formatYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`fen must be a whole number: ${fen}`);
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function isFen(value: number, max: number): boolean {
  return Number.isSafeInteger(value) && value >= 0 && value <= max;
}

// ---------------------------------------------------------------------------------------------
// Cut-off

/** The instant booking closes for meals on `mealDate`, in Asia/Shanghai time whatever the machine's zone. */
export function bookingCutoff(rule: CutoffRule, mealDate: string): Date {
  const day = rule.kind === 'day-before' ? addCalendarDays(mealDate, -1) : mealDate;
  return stationInstant(day, rule.time);
}

/** Booking and cancelling are allowed strictly before the cut-off: at 17:00:00 it is closed. */
export function canBookOrCancel(rule: CutoffRule, mealDate: string, now: Date): boolean {
  return now.getTime() < bookingCutoff(rule, mealDate).getTime();
}

/** "前一天 17:00 前" / "当天 09:00 前" — the rule in plain words for the menu screen. */
export function cutoffRuleText(rule: CutoffRule): string {
  return `${rule.kind === 'day-before' ? '前一天' : '当天'} ${rule.time} 前可以订餐和退订`;
}

/** "11月22日（周日）17:00 截止" for a meal date. */
export function cutoffText(rule: CutoffRule, mealDate: string): string {
  return `${formatStationDateTime(bookingCutoff(rule, mealDate))} 截止`;
}

// ---------------------------------------------------------------------------------------------
// Subsidy policy

/** Residents in this age band pay `payPercent` % of the price (the rest is the subsidy). */
export interface AgeBand {
  /** Stable id: settlement totals are kept per policy line id. */
  id: string;
  /** Shown on the receipt, e.g. "80岁及以上助餐补贴". */
  label: string;
  fromAge: number;
  /** Inclusive; null: no upper limit. */
  toAge: number | null;
  /** Whole percent 0–100 the resident pays. */
  payPercent: number;
}

/** A fixed amount off per day, only on a meal that costs more than the amount. */
export interface FixedDailySubsidy {
  id: string;
  label: string;
  amountFen: number;
  /** Only from this age on (e.g. "60岁以上每天补贴5元"); null: everyone who books. */
  fromAge: number | null;
}

/** An extra amount off for a group (低保, 特困, 失能, special diet). */
export interface GroupExtra {
  id: string;
  label: string;
  group: ResidentGroup;
  amountFen: number;
}

/** Who may choose delivery: anyone flagged by staff, plus anyone this old, plus these groups. */
export interface DeliveryRule {
  minAge: number | null;
  groups: ResidentGroup[];
}

/** A station's meal policy, as data. */
export interface SubsidyPolicy {
  ageBands: AgeBand[];
  fixedDaily: FixedDailySubsidy | null;
  extras: GroupExtra[];
  delivery: DeliveryRule;
}

/** The example of PRODUCT.md: 60–69 pay 90 %, 70–79 80 %, 80+ 70 %; 低保/特困/失能 extras; delivery 80+. */
export const EXAMPLE_SUBSIDY_POLICY: SubsidyPolicy = {
  ageBands: [
    { id: 'age-60', label: '60—69岁助餐补贴', fromAge: 60, toAge: 69, payPercent: 90 },
    { id: 'age-70', label: '70—79岁助餐补贴', fromAge: 70, toAge: 79, payPercent: 80 },
    { id: 'age-80', label: '80岁及以上助餐补贴', fromAge: 80, toAge: null, payPercent: 70 },
  ],
  fixedDaily: null,
  extras: [
    { id: 'minimum-living', label: '低保对象补贴', group: 'minimum-living', amountFen: 200 },
    { id: 'extreme-hardship', label: '特困人员补贴', group: 'extreme-hardship', amountFen: 300 },
    { id: 'disabled', label: '失能老人补贴', group: 'disabled', amountFen: 200 },
  ],
  delivery: { minAge: 80, groups: ['disabled'] },
};

/** Problems in a policy, each a plain Chinese sentence (empty: fine). */
export function validateSubsidyPolicy(policy: SubsidyPolicy): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const checkId = (id: string, label: string) => {
    if (id.trim() === '') problems.push(`“${label}”缺少编号`);
    else if (ids.has(id)) problems.push(`编号“${id}”重复了，每一项补贴的编号要不同`);
    ids.add(id);
  };
  const checkLabel = (label: string) => {
    const l = label.trim();
    if (l === '') problems.push('每一项补贴都要写名称，例如“80岁及以上助餐补贴”');
    else if ([...l].length > MEAL_LIMITS.labelMax) problems.push(`补贴名称“${l}”太长，最多 ${MEAL_LIMITS.labelMax} 个字`);
  };
  const bands = [...policy.ageBands].sort((a, b) => a.fromAge - b.fromAge);
  for (const band of bands) {
    checkId(band.id, band.label);
    checkLabel(band.label);
    if (!Number.isInteger(band.fromAge) || band.fromAge < 0 || band.fromAge > 150) problems.push(`“${band.label}”的起始年龄要填 0 到 150 之间的整数`);
    if (band.toAge !== null && (!Number.isInteger(band.toAge) || band.toAge < band.fromAge)) problems.push(`“${band.label}”的截止年龄不能小于起始年龄`);
    if (!Number.isInteger(band.payPercent) || band.payPercent < 0 || band.payPercent > 100) problems.push(`“${band.label}”个人支付比例要填 0 到 100 之间的整数`);
  }
  for (let i = 1; i < bands.length; i++) {
    const prev = bands[i - 1]!;
    if (prev.toAge === null || prev.toAge >= bands[i]!.fromAge) problems.push(`“${prev.label}”和“${bands[i]!.label}”的年龄段重叠了`);
  }
  if (policy.fixedDaily) {
    checkId(policy.fixedDaily.id, policy.fixedDaily.label);
    checkLabel(policy.fixedDaily.label);
    if (!isFen(policy.fixedDaily.amountFen, MEAL_LIMITS.subsidyMaxFen) || policy.fixedDaily.amountFen === 0) {
      problems.push(`“${policy.fixedDaily.label}”的金额要在 0.01 到 ${formatYuan(MEAL_LIMITS.subsidyMaxFen)} 元之间`);
    }
    const from = policy.fixedDaily.fromAge;
    if (from !== null && (!Number.isInteger(from) || from < 0 || from > 150)) problems.push(`“${policy.fixedDaily.label}”的起始年龄要填 0 到 150 之间的整数，或者不限`);
  }
  for (const extra of policy.extras) {
    checkId(extra.id, extra.label);
    checkLabel(extra.label);
    if (!(RESIDENT_GROUPS as readonly string[]).includes(extra.group)) problems.push(`“${extra.label}”的对象类别不对`);
    if (!isFen(extra.amountFen, MEAL_LIMITS.subsidyMaxFen) || extra.amountFen === 0) {
      problems.push(`“${extra.label}”的金额要在 0.01 到 ${formatYuan(MEAL_LIMITS.subsidyMaxFen)} 元之间`);
    }
  }
  if (policy.delivery.minAge !== null && (!Number.isInteger(policy.delivery.minAge) || policy.delivery.minAge < 0 || policy.delivery.minAge > 150)) {
    problems.push('送餐的年龄条件要填 0 到 150 之间的整数，或者不按年龄');
  }
  return problems;
}

/** What the meal rules need to know about a resident. Groups and the delivery flag are set by staff. */
export interface MealResident extends BirthInfo {
  groups: readonly ResidentGroup[];
  /** Staff flagged this resident for delivery (e.g. cannot walk to the station). */
  deliveryFlag?: boolean;
}

/** The age band for an age, or null when no band covers it (no age subsidy). */
export function ageBandFor(policy: SubsidyPolicy, age: number): AgeBand | null {
  return policy.ageBands.find((b) => age >= b.fromAge && (b.toAge === null || age <= b.toAge)) ?? null;
}

/** Staff flag, or old enough on the meal date, or in a group the rule names. */
export function isDeliveryEligible(rule: DeliveryRule, resident: MealResident, mealDate: string): boolean {
  if (resident.deliveryFlag) return true;
  if (rule.minAge !== null && ageOn(resident, mealDate) >= rule.minAge) return true;
  return rule.groups.some((g) => resident.groups.includes(g));
}

export type PriceLine =
  | { kind: 'price'; label: string; amountFen: number }
  /** amountFen is negative: money taken off the price. */
  | { kind: 'subsidy'; policyLineId: string; label: string; amountFen: number }
  | { kind: 'to-pay'; label: string; amountFen: number };

/** The receipt: shown before confirming and stored with the booking, so the settlement adds up receipts. */
export interface PriceBreakdown {
  /** Price, each subsidy line (negative), to pay — in that order. */
  lines: PriceLine[];
  grossFen: number;
  /** Total subsidy, positive; never more than the price. */
  subsidyFen: number;
  /** grossFen − subsidyFen; never below zero. */
  toPayFen: number;
  /** Why a subsidy was not given, in plain words (one subsidised meal a day, price not above the fixed amount…). */
  notes: string[];
}

export interface PriceInput {
  /** The set's full price in fen. */
  priceFen: number;
  resident: MealResident;
  /** The meal's station date: age is counted on the day the meal is served. */
  date: string;
  /** The resident already has a subsidised meal that day (another booking not cancelled). */
  alreadySubsidisedThatDay: boolean;
  /** The price line's words, e.g. "A套餐"; default "餐费". */
  priceLabel?: string;
}

/**
 * The subsidy engine. Order and rounding, because policies leave them open:
 * 1. At most one subsidised meal per person per day: if the resident already has one, every
 *    subsidy line (age, fixed, extras) is skipped and the meal is paid in full.
 * 2. Age band (age on the meal date, see ageOn): subsidy = price × (100 − payPercent) %, rounded
 *    half up to the fen (so the resident's share is rounded down on a half fen).
 * 3. Fixed amount per day (from its age, if it has one): the whole amount, only when the full
 *    price is more than it (a ¥5 subsidy on a ¥5.00 meal: nothing off; on ¥5.01: ¥5 off).
 * 4. Group extras, one line per group the resident belongs to, in the policy's order (they add up).
 * Each line is capped at what is still left to pay, so the total subsidy never exceeds the price
 * and the amount to pay is never below zero; a line capped to nothing is left off.
 */
export function priceBreakdown(policy: SubsidyPolicy, input: PriceInput): PriceBreakdown {
  const gross = input.priceFen;
  if (!Number.isSafeInteger(gross) || gross < 0) throw new RangeError(`priceFen must be a non-negative whole number of fen: ${gross}`);
  const lines: PriceLine[] = [{ kind: 'price', label: input.priceLabel ?? '餐费', amountFen: gross }];
  const notes: string[] = [];
  let subsidy = 0;
  let capped = false;
  const take = (policyLineId: string, label: string, amount: number) => {
    const applied = Math.min(amount, gross - subsidy);
    if (applied < amount) capped = true;
    if (applied <= 0) return;
    subsidy += applied;
    lines.push({ kind: 'subsidy', policyLineId, label, amountFen: -applied });
  };

  if (input.alreadySubsidisedThatDay) {
    notes.push('这一天已经有一餐享受了补贴，每人每天只补贴一餐，这一餐按原价');
  } else {
    const age = ageOn(input.resident, input.date);
    const band = ageBandFor(policy, age);
    if (band) take(band.id, band.label, roundHalfUpFen(gross * (100 - band.payPercent), 100));
    const fixed = policy.fixedDaily;
    if (fixed && (fixed.fromAge === null || age >= fixed.fromAge)) {
      if (gross > fixed.amountFen) take(fixed.id, fixed.label, fixed.amountFen);
      else notes.push(`餐费 ${formatYuan(gross)} 元不超过 ${formatYuan(fixed.amountFen)} 元，不减“${fixed.label}”`);
    }
    for (const extra of policy.extras) {
      if (input.resident.groups.includes(extra.group)) take(extra.id, extra.label, extra.amountFen);
    }
    if (capped) notes.push('补贴最多抵扣全部餐费');
  }
  const toPay = gross - subsidy;
  lines.push({ kind: 'to-pay', label: '需要支付', amountFen: toPay });
  return { lines, grossFen: gross, subsidyFen: subsidy, toPayFen: toPay, notes };
}

// ---------------------------------------------------------------------------------------------
// Menus

export function findMenuMeal(menu: Pick<Menu, 'days'>, date: string, meal: MealKind): MenuMeal | null {
  return menu.days.find((d) => d.date === date)?.meals.find((m) => m.meal === meal) ?? null;
}

export function findMenuSet(menu: Pick<Menu, 'days'>, date: string, meal: MealKind, set: MealSetCode): MealSet | null {
  return findMenuMeal(menu, date, meal)?.sets.find((s) => s.code === set) ?? null;
}

/** One problem in a menu: where it is (for highlighting) and a sentence that already says where. */
export interface MenuProblem {
  date?: string;
  meal?: MealKind;
  set?: MealSetCode;
  message: string;
}

function has<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/** Content rules for a weekly menu, in plain Chinese (empty: fine). */
export function validateMenu(draft: MenuDraft): MenuProblem[] {
  const problems: MenuProblem[] = [];
  const weekOk = isCalendarDate(draft.weekStart) && isoWeekday(draft.weekStart) === 1;
  if (!weekOk) problems.push({ message: '每周菜单要从星期一开始，请选择星期一的日期' });
  if (draft.cutoff.kind !== 'day-before' && draft.cutoff.kind !== 'same-day') problems.push({ message: '请选择订餐截止规则：前一天截止或当天截止' });
  if (!isWallTime(draft.cutoff.time)) problems.push({ message: '订餐截止时间要写成 17:00 这样的时间' });
  if (draft.days.length === 0) problems.push({ message: '菜单还没有安排任何一天的饭菜' });

  const seenDates = new Set<string>();
  for (const day of draft.days) {
    if (!isCalendarDate(day.date)) {
      problems.push({ date: day.date, message: `日期“${day.date}”不正确` });
      continue;
    }
    const where = formatStationDate(day.date);
    if (seenDates.has(day.date)) problems.push({ date: day.date, message: `${where}重复出现了，每天只写一次` });
    seenDates.add(day.date);
    if (weekOk) {
      const offset = calendarDaysBetween(draft.weekStart, day.date);
      if (offset < 0 || offset > 6) problems.push({ date: day.date, message: `${where}不在这一周里` });
    }
    if (day.meals.length === 0) problems.push({ date: day.date, message: `${where}没有安排午餐或晚餐` });
    const seenMeals = new Set<string>();
    for (const meal of day.meals) {
      if (!has(MEAL_KINDS, meal.meal)) {
        problems.push({ date: day.date, message: `${where}有一顿饭不是午餐也不是晚餐` });
        continue;
      }
      const mealWhere = `${where}${MEAL_KIND_LABELS[meal.meal]}`;
      const at = { date: day.date, meal: meal.meal };
      if (seenMeals.has(meal.meal)) problems.push({ ...at, message: `${mealWhere}写了两次` });
      seenMeals.add(meal.meal);
      if (!Number.isInteger(meal.capacity) || meal.capacity < 1 || meal.capacity > MEAL_LIMITS.capacityMax) {
        problems.push({ ...at, message: `${mealWhere}的份数要填 1 到 ${MEAL_LIMITS.capacityMax} 之间的整数` });
      }
      if (meal.modes.length === 0 || meal.modes.some((m) => !has(MEAL_MODES, m))) {
        problems.push({ ...at, message: `${mealWhere}请至少选择一种用餐方式：堂食、自取或送餐上门` });
      } else if (new Set(meal.modes).size !== meal.modes.length) {
        problems.push({ ...at, message: `${mealWhere}的用餐方式重复了` });
      }
      if (meal.sets.length === 0) problems.push({ ...at, message: `${mealWhere}还没有套餐` });
      const seenSets = new Set<string>();
      for (const set of meal.sets) {
        if (!has(MEAL_SET_CODES, set.code)) {
          problems.push({ ...at, message: `${mealWhere}的套餐只能是 A、B、C 套餐` });
          continue;
        }
        const setWhere = `${mealWhere} ${set.code} 套餐`;
        const atSet = { ...at, set: set.code };
        if (seenSets.has(set.code)) problems.push({ ...atSet, message: `${setWhere}写了两次` });
        seenSets.add(set.code);
        if (!isFen(set.priceFen, MEAL_LIMITS.priceMaxFen) || set.priceFen === 0) {
          problems.push({ ...atSet, message: `${setWhere}的价格要在 0.01 到 ${formatYuan(MEAL_LIMITS.priceMaxFen)} 元之间` });
        }
        if (set.dishes.length === 0) problems.push({ ...atSet, message: `${setWhere}还没有菜` });
        else if (set.dishes.length > MEAL_LIMITS.dishesPerSetMax) problems.push({ ...atSet, message: `${setWhere}最多 ${MEAL_LIMITS.dishesPerSetMax} 道菜` });
        if (set.variants.some((v) => !has(DIET_TAGS, v)) || new Set(set.variants).size !== set.variants.length) {
          problems.push({ ...atSet, message: `${setWhere}的做法只能从 ${DIET_TAGS.join('、')} 里选，每样一次` });
        }
        const seenDishes = new Set<string>();
        for (const dish of set.dishes) {
          const name = dish.name.trim();
          if (name === '') {
            problems.push({ ...atSet, message: `${setWhere}有一道菜没有写菜名` });
            continue;
          }
          if ([...name].length > MEAL_LIMITS.dishNameMax) problems.push({ ...atSet, message: `${setWhere}的菜名“${name}”太长，最多 ${MEAL_LIMITS.dishNameMax} 个字` });
          if (seenDishes.has(name)) problems.push({ ...atSet, message: `${setWhere}的“${name}”写了两次` });
          seenDishes.add(name);
          if (dish.dietTags.some((t) => !has(DIET_TAGS, t)) || new Set(dish.dietTags).size !== dish.dietTags.length) {
            problems.push({ ...atSet, message: `${setWhere}“${name}”的标签只能从 ${DIET_TAGS.join('、')} 里选，每样一次` });
          }
          if (dish.healthLabel !== null && !has(HEALTH_LABELS, dish.healthLabel)) {
            problems.push({ ...atSet, message: `${setWhere}“${name}”的健康提示只能是红灯、黄灯或绿灯` });
          }
          if (dish.photo !== null && !isSafeImageUrl(dish.photo)) {
            problems.push({ ...atSet, message: `${setWhere}“${name}”的图片地址要以 http:// 或 https:// 或 / 开头` });
          }
        }
      }
    }
  }
  return problems;
}

/** Last week's menu as the draft of another week: the same days of the week, meals and prices. */
export function copyMenuToWeek(menu: MenuDraft, weekStart: string): MenuDraft {
  if (!isCalendarDate(weekStart) || isoWeekday(weekStart) !== 1) throw new RangeError(`weekStart must be a Monday: ${weekStart}`);
  const shift = calendarDaysBetween(menu.weekStart, weekStart);
  return {
    weekStart,
    cutoff: { ...menu.cutoff },
    days: menu.days.map((day) => ({ ...structuredClone(day), date: addCalendarDays(day.date, shift) })),
  };
}

// ---------------------------------------------------------------------------------------------
// Bookings

/**
 * confirmed: the seat is the resident's. provisional: made at an offline kiosk beyond its seat
 * allowance, shown to the resident as not yet confirmed. cancelled / refused: no meal.
 */
export type MealBookingStatus = 'confirmed' | 'provisional' | 'cancelled' | 'refused';

/** Where a delivery goes (staff-only, like everything on the delivery list). */
export interface DeliveryAddress {
  building: string;
  address: string;
  notes: string;
}

export interface MealBooking {
  id: string;
  stationId: string;
  residentId: string;
  date: string;
  meal: MealKind;
  set: MealSetCode;
  /** null: the standard way; else one of the set's variants (软食, 低盐…). */
  variant: DietTag | null;
  mode: MealMode;
  status: MealBookingStatus;
  /** The receipt as the resident confirmed it; the settlement adds these up. */
  receipt: PriceBreakdown;
  /** Set for mode 'delivery'. */
  delivery: DeliveryAddress | null;
  createdAt: string;
  cancelledAt: string | null;
}

/**
 * Does the resident already have a subsidised meal on this date? Pass that resident's bookings.
 * A booking counts while it holds a seat (confirmed or provisional) and its receipt has a subsidy;
 * receipts are not recomputed later, so cancelling the subsidised lunch does not re-price a dinner
 * already booked at full price (staff can cancel and re-book it).
 */
export function alreadySubsidisedOn(bookings: Iterable<Pick<MealBooking, 'date' | 'status' | 'receipt'>>, date: string): boolean {
  for (const b of bookings) {
    if (b.date === date && (b.status === 'confirmed' || b.status === 'provisional') && b.receipt.subsidyFen > 0) return true;
  }
  return false;
}

export type MealBookingRefusal =
  | 'no-such-meal'
  | 'no-such-set'
  | 'no-such-variant'
  | 'mode-not-offered'
  | 'cutoff-passed'
  | 'already-booked'
  | 'delivery-not-eligible'
  | 'full';

export const MEAL_BOOKING_REFUSALS: Record<MealBookingRefusal, string> = {
  'no-such-meal': '这一天没有这顿饭，没有订上',
  'no-such-set': '没有这个套餐，可能菜单改了，没有订上',
  'no-such-variant': '这个套餐没有这种做法，没有订上',
  'mode-not-offered': '这顿饭不提供这种用餐方式，请换一种，没有订上',
  'cutoff-passed': '订餐时间已经截止了，没有订上',
  'already-booked': '这顿饭您已经订过了，不用再订',
  'delivery-not-eligible': '送餐上门只提供给符合条件的老人，请选择堂食或自取，或者问问工作人员，没有订上',
  full: '这顿饭已经订满了，没有订上',
};

export interface MealBookingCheckInput {
  menu: Pick<Menu, 'days' | 'cutoff'> | null | undefined;
  date: string;
  meal: MealKind;
  set: MealSetCode;
  variant: DietTag | null;
  mode: MealMode;
  resident: MealResident;
  deliveryRule: DeliveryRule;
  /** Seats already taken for this date and meal (confirmed bookings), or this kiosk's seat allowance when offline. */
  seatsTaken: number;
  /** The resident already has a booking (not cancelled) for this date and meal. */
  alreadyBooked: boolean;
  now: Date;
}

/**
 * The one rule for "may this booking be made", used by the server (inside the transaction that
 * counts seats) and, offline, by the kiosk. Refusals in the order a person would want to hear them.
 */
export function checkMealBooking(input: MealBookingCheckInput): { ok: true; set: MealSet } | { ok: false; refusal: MealBookingRefusal } {
  const menuMeal = input.menu ? findMenuMeal(input.menu, input.date, input.meal) : null;
  if (!input.menu || !menuMeal) return { ok: false, refusal: 'no-such-meal' };
  const set = menuMeal.sets.find((s) => s.code === input.set);
  if (!set) return { ok: false, refusal: 'no-such-set' };
  if (input.variant !== null && !set.variants.includes(input.variant)) return { ok: false, refusal: 'no-such-variant' };
  if (!canBookOrCancel(input.menu.cutoff, input.date, input.now)) return { ok: false, refusal: 'cutoff-passed' };
  if (input.alreadyBooked) return { ok: false, refusal: 'already-booked' };
  if (!menuMeal.modes.includes(input.mode)) return { ok: false, refusal: 'mode-not-offered' };
  if (input.mode === 'delivery' && !isDeliveryEligible(input.deliveryRule, input.resident, input.date)) return { ok: false, refusal: 'delivery-not-eligible' };
  if (input.seatsTaken >= menuMeal.capacity) return { ok: false, refusal: 'full' };
  return { ok: true, set };
}

// ---------------------------------------------------------------------------------------------
// Kitchen

export interface KitchenCount {
  date: string;
  meal: MealKind;
  set: MealSetCode;
  variant: DietTag | null;
  mode: MealMode;
  /** Portions to cook for sure. */
  confirmed: number;
  /** Offline bookings not yet confirmed: the kitchen sees them apart. */
  provisional: number;
}

const MEAL_ORDER: Record<MealKind, number> = { lunch: 0, dinner: 1 };
const MODE_ORDER: Record<MealMode, number> = { 'dine-in': 0, 'pick-up': 1, delivery: 2 };

/**
 * Portions per date, meal, set, variant and mode (cancelled and refused left out), sorted by
 * date, lunch before dinner, set, standard before variants (in DIET_TAGS order), then mode.
 */
export function kitchenCounts(bookings: Iterable<Pick<MealBooking, 'date' | 'meal' | 'set' | 'variant' | 'mode' | 'status'>>): KitchenCount[] {
  const rows = new Map<string, KitchenCount>();
  for (const b of bookings) {
    if (b.status !== 'confirmed' && b.status !== 'provisional') continue;
    const key = [b.date, b.meal, b.set, b.variant ?? '', b.mode].join('|');
    let row = rows.get(key);
    if (!row) {
      row = { date: b.date, meal: b.meal, set: b.set, variant: b.variant, mode: b.mode, confirmed: 0, provisional: 0 };
      rows.set(key, row);
    }
    row[b.status] += 1;
  }
  const variantOrder = (v: DietTag | null) => (v === null ? -1 : DIET_TAGS.indexOf(v));
  return [...rows.values()].sort(
    (a, b) =>
      (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
      MEAL_ORDER[a.meal] - MEAL_ORDER[b.meal] ||
      MEAL_SET_CODES.indexOf(a.set) - MEAL_SET_CODES.indexOf(b.set) ||
      variantOrder(a.variant) - variantOrder(b.variant) ||
      MODE_ORDER[a.mode] - MODE_ORDER[b.mode],
  );
}

const ADDRESS_COLLATOR = new Intl.Collator('zh-CN', { numeric: true });

export interface DeliveryStop<B> {
  /** 1, 2, 3… in the order of the list. */
  stop: number;
  booking: B;
}

/**
 * The delivery list for one date and meal: confirmed deliveries ordered by building, then address,
 * then notes (numbers compared as numbers: 2号楼 before 10号楼), then booking id so two prints
 * of the same list are identical.
 */
export function deliveryList<B extends Pick<MealBooking, 'id' | 'date' | 'meal' | 'mode' | 'status' | 'delivery'>>(
  bookings: Iterable<B>,
  date: string,
  meal: MealKind,
): DeliveryStop<B>[] {
  const blank: DeliveryAddress = { building: '', address: '', notes: '' };
  return [...bookings]
    .filter((b) => b.status === 'confirmed' && b.mode === 'delivery' && b.date === date && b.meal === meal)
    .sort((a, b) => {
      const x = a.delivery ?? blank;
      const y = b.delivery ?? blank;
      return (
        ADDRESS_COLLATOR.compare(x.building, y.building) ||
        ADDRESS_COLLATOR.compare(x.address, y.address) ||
        ADDRESS_COLLATOR.compare(x.notes, y.notes) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
      );
    })
    .map((booking, i) => ({ stop: i + 1, booking }));
}

// ---------------------------------------------------------------------------------------------
// Settlement

export interface SettlementLineTotal {
  policyLineId: string;
  label: string;
  /** Meals that received this line. */
  meals: number;
  /** Positive: the subsidy paid under this line. */
  amountFen: number;
}

export interface SettlementRow {
  meals: number;
  grossFen: number;
  /** In the order of SettlementReport.policyLines; a line with no meals that day has zeros. */
  lines: SettlementLineTotal[];
  subsidyFen: number;
  paidFen: number;
}

export interface SettlementReport {
  /** "2026-11" (station calendar month of the meal dates). */
  month: string;
  /** Every policy line that appears in the month, in the order first met (by date, then booking id). */
  policyLines: { policyLineId: string; label: string }[];
  days: (SettlementRow & { date: string })[];
  total: SettlementRow;
  /** Provisional bookings of the month left out (they must be settled first). */
  provisionalLeftOut: number;
}

/**
 * The month's settlement from the receipts of confirmed bookings whose meal date is in the month.
 * Every total is the sum of the bookings it covers: gross = subsidy + paid, line by line and day by day.
 */
export function settlementReport(bookings: Iterable<Pick<MealBooking, 'id' | 'date' | 'status' | 'receipt'>>, month: string): SettlementReport {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new RangeError(`month must be YYYY-MM: ${month}`);
  const covered: Pick<MealBooking, 'id' | 'date' | 'status' | 'receipt'>[] = [];
  let provisionalLeftOut = 0;
  for (const b of bookings) {
    if (b.date.slice(0, 7) !== month) continue;
    if (b.status === 'confirmed') covered.push(b);
    else if (b.status === 'provisional') provisionalLeftOut += 1;
  }
  covered.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const policyLines: { policyLineId: string; label: string }[] = [];
  for (const b of covered) {
    for (const line of b.receipt.lines) {
      if (line.kind === 'subsidy' && !policyLines.some((p) => p.policyLineId === line.policyLineId)) {
        policyLines.push({ policyLineId: line.policyLineId, label: line.label });
      }
    }
  }
  const emptyRow = (): SettlementRow => ({
    meals: 0,
    grossFen: 0,
    lines: policyLines.map((p) => ({ ...p, meals: 0, amountFen: 0 })),
    subsidyFen: 0,
    paidFen: 0,
  });
  const add = (row: SettlementRow, receipt: PriceBreakdown) => {
    row.meals += 1;
    row.grossFen += receipt.grossFen;
    row.subsidyFen += receipt.subsidyFen;
    row.paidFen += receipt.toPayFen;
    for (const line of receipt.lines) {
      if (line.kind !== 'subsidy') continue;
      const total = row.lines.find((l) => l.policyLineId === line.policyLineId)!;
      total.meals += 1;
      total.amountFen += -line.amountFen;
    }
  };
  const days: (SettlementRow & { date: string })[] = [];
  const total = emptyRow();
  for (const b of covered) {
    let day = days[days.length - 1];
    if (!day || day.date !== b.date) {
      day = { date: b.date, ...emptyRow() };
      days.push(day);
    }
    add(day, b.receipt);
    add(total, b.receipt);
  }
  return { month, policyLines, days, total, provisionalLeftOut };
}

/** Characters that make a spreadsheet read a cell as a formula (ASCII and full-width forms). */
const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;

/** One CSV cell: formula-looking text defused with a leading ', then quoted when needed (RFC 4180). */
function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The settlement as CSV for Excel/WPS: UTF-8 with a BOM (so Chinese shows correctly), CRLF line
 * ends, a Chinese header, one row per day and a 合计 row; amounts in yuan with two decimals.
 * Labels come from staff, so every cell is defused against formula injection.
 */
export function settlementCsv(report: SettlementReport): string {
  const header = ['日期', '份数', '餐费（元）'];
  for (const p of report.policyLines) header.push(`${p.label}（份）`, `${p.label}（元）`);
  header.push('补贴合计（元）', '居民自付（元）');
  const row = (first: string, r: SettlementRow) => {
    const cells = [first, String(r.meals), formatYuan(r.grossFen)];
    for (const l of r.lines) cells.push(String(l.meals), formatYuan(l.amountFen));
    cells.push(formatYuan(r.subsidyFen), formatYuan(r.paidFen));
    return cells;
  };
  const rows = [header, ...report.days.map((d) => row(d.date, d)), row(`合计（${report.month}）`, report.total)];
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
