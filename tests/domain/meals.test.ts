import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  alreadySubsidisedOn,
  bookingCutoff,
  canBookOrCancel,
  checkMealBooking,
  copyMenuToWeek,
  cutoffRuleText,
  cutoffText,
  deliveryList,
  EXAMPLE_SUBSIDY_POLICY,
  formatYuan,
  isDeliveryEligible,
  kitchenCounts,
  MEAL_BOOKING_REFUSALS,
  priceBreakdown,
  roundHalfUpFen,
  settlementCsv,
  settlementReport,
  validateMenu,
  validateSubsidyPolicy,
  type CutoffRule,
  type DietTag,
  type MealBooking,
  type MealBookingCheckInput,
  type MealResident,
  type MenuDraft,
  type PriceBreakdown,
  type ResidentGroup,
  type SubsidyPolicy,
} from '../../domain/meals.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const DATE = '2026-11-25';

function resident(birthYear: number, groups: ResidentGroup[] = [], over: Partial<MealResident> = {}): MealResident {
  return { birthYear, groups, ...over };
}

function receipt(policy: SubsidyPolicy, priceFen: number, who: MealResident, date = DATE, alreadySubsidisedThatDay = false): PriceBreakdown {
  return priceBreakdown(policy, { priceFen, resident: who, date, alreadySubsidisedThatDay });
}

const NO_DELIVERY = { minAge: null, groups: [] };
const FIXED_5: SubsidyPolicy = {
  ageBands: [],
  fixedDaily: { id: 'daily-5', label: '每日助餐补贴', amountFen: 500, fromAge: null },
  extras: [],
  delivery: NO_DELIVERY,
};

// ---------------------------------------------------------------------------------------------
// Money

test('roundHalfUpFen and formatYuan work in whole fen', () => {
  assert.equal(roundHalfUpFen(10050, 100), 101);
  assert.equal(roundHalfUpFen(10049, 100), 100);
  assert.equal(roundHalfUpFen(0, 100), 0);
  assert.throws(() => roundHalfUpFen(1.5, 100), RangeError);
  assert.equal(formatYuan(1250), '12.50');
  assert.equal(formatYuan(5), '0.05');
  assert.equal(formatYuan(0), '0.00');
  assert.equal(formatYuan(-500), '-5.00');
  assert.throws(() => formatYuan(12.5), RangeError);
});

// ---------------------------------------------------------------------------------------------
// Subsidy engine

test('fixed ¥5 a day: only when the meal costs more than ¥5', () => {
  const table: [priceFen: number, subsidyFen: number, toPayFen: number][] = [
    [450, 0, 450],
    [500, 0, 500],
    [501, 500, 1],
    [1200, 500, 700],
  ];
  for (const [price, subsidy, toPay] of table) {
    const r = receipt(FIXED_5, price, resident(1950));
    assert.deepEqual([r.grossFen, r.subsidyFen, r.toPayFen], [price, subsidy, toPay], `price ${price}`);
  }
  assert.deepEqual(receipt(FIXED_5, 1200, resident(1950)), {
    lines: [
      { kind: 'price', label: '餐费', amountFen: 1200 },
      { kind: 'subsidy', policyLineId: 'daily-5', label: '每日助餐补贴', amountFen: -500 },
      { kind: 'to-pay', label: '需要支付', amountFen: 700 },
    ],
    grossFen: 1200,
    subsidyFen: 500,
    toPayFen: 700,
    notes: [],
  });
  assert.deepEqual(receipt(FIXED_5, 450, resident(1950)), {
    lines: [
      { kind: 'price', label: '餐费', amountFen: 450 },
      { kind: 'to-pay', label: '需要支付', amountFen: 450 },
    ],
    grossFen: 450,
    subsidyFen: 0,
    toPayFen: 450,
    notes: ['餐费 4.50 元不超过 5.00 元，不减“每日助餐补贴”'],
  });
});

test('a fixed daily subsidy with an age: from 60 on the meal date', () => {
  const from60: SubsidyPolicy = { ...FIXED_5, fixedDaily: { id: 'daily-5', label: '60岁以上每日补贴', amountFen: 500, fromAge: 60 } };
  assert.equal(receipt(from60, 1200, resident(1967)).toPayFen, 1200); // 59
  assert.equal(receipt(from60, 1200, resident(1966)).toPayFen, 700); // 60
  assert.deepEqual(receipt(from60, 1200, resident(1967)).notes, []);
});

test('age bands 60–69 pay 90 %, 70–79 pay 80 %, 80+ pay 70 % (age on the meal date, birth year only)', () => {
  const table: [birthYear: number, priceFen: number, subsidyFen: number, toPayFen: number, line: string | null][] = [
    [1961, 1200, 120, 1080, 'age-60'], // 65
    [1951, 1200, 240, 960, 'age-70'], // 75
    [1941, 1200, 360, 840, 'age-80'], // 85
    [1967, 1200, 0, 1200, null], // 59: no band
    [1966, 1200, 120, 1080, 'age-60'], // 60
    [1957, 1200, 120, 1080, 'age-60'], // 69
    [1956, 1200, 240, 960, 'age-70'], // 70
    [1947, 1200, 240, 960, 'age-70'], // 79
    [1946, 1200, 360, 840, 'age-80'], // 80
    // Rounding: the subsidy is rounded half up to the fen.
    [1961, 1005, 101, 904, 'age-60'], // 100.5 → 101
    [1951, 1005, 201, 804, 'age-70'], // 201.0
    [1941, 1005, 302, 703, 'age-80'], // 301.5 → 302
    [1961, 1001, 100, 901, 'age-60'], // 100.1 → 100
    [1941, 1001, 300, 701, 'age-80'], // 300.3 → 300
    [1961, 5, 1, 4, 'age-60'], // 0.5 → 1
  ];
  for (const [birthYear, price, subsidy, toPay, line] of table) {
    const r = receipt(EXAMPLE_SUBSIDY_POLICY, price, resident(birthYear));
    const subsidyLines = r.lines.filter((l) => l.kind === 'subsidy').map((l) => (l.kind === 'subsidy' ? l.policyLineId : ''));
    assert.deepEqual([r.subsidyFen, r.toPayFen, subsidyLines], [subsidy, toPay, line ? [line] : []], `born ${birthYear}, price ${price}`);
  }
});

test('one subsidised meal per person per day, across two bookings', () => {
  const who = resident(1941);
  const bookings: Pick<MealBooking, 'date' | 'status' | 'receipt'>[] = [];
  const lunch = receipt(EXAMPLE_SUBSIDY_POLICY, 1200, who, DATE, alreadySubsidisedOn(bookings, DATE));
  assert.equal(lunch.toPayFen, 840);
  bookings.push({ date: DATE, status: 'confirmed', receipt: lunch });

  const dinner = receipt(EXAMPLE_SUBSIDY_POLICY, 1200, who, DATE, alreadySubsidisedOn(bookings, DATE));
  assert.deepEqual(dinner, {
    lines: [
      { kind: 'price', label: '餐费', amountFen: 1200 },
      { kind: 'to-pay', label: '需要支付', amountFen: 1200 },
    ],
    grossFen: 1200,
    subsidyFen: 0,
    toPayFen: 1200,
    notes: ['这一天已经有一餐享受了补贴，每人每天只补贴一餐，这一餐按原价'],
  });
  // The next day is a new day; a cancelled lunch frees the day's subsidy.
  assert.equal(alreadySubsidisedOn(bookings, '2026-11-26'), false);
  bookings[0]!.status = 'cancelled';
  assert.equal(alreadySubsidisedOn(bookings, DATE), false);
  bookings[0]!.status = 'provisional';
  assert.equal(alreadySubsidisedOn(bookings, DATE), true);
});

test('a meal that got no subsidy does not use up the day', () => {
  const who = resident(1950);
  const lunch = receipt(FIXED_5, 450, who);
  assert.equal(lunch.subsidyFen, 0);
  const already = alreadySubsidisedOn([{ date: DATE, status: 'confirmed', receipt: lunch }], DATE);
  assert.equal(already, false);
  assert.equal(receipt(FIXED_5, 1200, who, DATE, already).toPayFen, 700);
});

test('group and diet extras: each its own line, added up, never below zero', () => {
  const dibao = receipt(EXAMPLE_SUBSIDY_POLICY, 1200, resident(1941, ['minimum-living']));
  assert.deepEqual(dibao.lines, [
    { kind: 'price', label: '餐费', amountFen: 1200 },
    { kind: 'subsidy', policyLineId: 'age-80', label: '80岁及以上助餐补贴', amountFen: -360 },
    { kind: 'subsidy', policyLineId: 'minimum-living', label: '低保对象补贴', amountFen: -200 },
    { kind: 'to-pay', label: '需要支付', amountFen: 640 },
  ]);
  assert.deepEqual([dibao.subsidyFen, dibao.toPayFen], [560, 640]);

  // 240 + 200 + 300 + 200 would be 940 on an 800 meal: the last line is capped at 60.
  const all = receipt(EXAMPLE_SUBSIDY_POLICY, 800, resident(1941, ['minimum-living', 'extreme-hardship', 'disabled']));
  assert.deepEqual(all.lines, [
    { kind: 'price', label: '餐费', amountFen: 800 },
    { kind: 'subsidy', policyLineId: 'age-80', label: '80岁及以上助餐补贴', amountFen: -240 },
    { kind: 'subsidy', policyLineId: 'minimum-living', label: '低保对象补贴', amountFen: -200 },
    { kind: 'subsidy', policyLineId: 'extreme-hardship', label: '特困人员补贴', amountFen: -300 },
    { kind: 'subsidy', policyLineId: 'disabled', label: '失能老人补贴', amountFen: -60 },
    { kind: 'to-pay', label: '需要支付', amountFen: 0 },
  ]);
  assert.deepEqual([all.subsidyFen, all.toPayFen, all.notes], [800, 0, ['补贴最多抵扣全部餐费']]);

  const fixedAndDiet: SubsidyPolicy = {
    ...FIXED_5,
    extras: [
      { id: 'dibao', label: '低保对象补贴', group: 'minimum-living', amountFen: 200 },
      { id: 'diet', label: '特殊饮食补贴', group: 'special-diet', amountFen: 150 },
    ],
  };
  const diet = receipt(fixedAndDiet, 1200, resident(1950, ['special-diet']));
  assert.deepEqual([diet.subsidyFen, diet.toPayFen], [650, 550]);
  // ¥6 meal, ¥5 fixed + ¥2 低保: ¥1 of the extra is left, the resident pays nothing.
  const six = receipt(fixedAndDiet, 600, resident(1950, ['minimum-living']));
  assert.deepEqual(
    six.lines.map((l) => l.amountFen),
    [600, -500, -100, 0],
  );
  assert.equal(six.toPayFen, 0);
  // Extras count as the day's subsidy too: the second meal pays full.
  assert.equal(receipt(fixedAndDiet, 600, resident(1950, ['minimum-living']), DATE, true).toPayFen, 600);
});

test('a birthday crossing from 79 to 80 on the meal date (birth date known)', () => {
  const who = resident(1946, [], { birthDate: '1946-11-25' });
  const before = receipt(EXAMPLE_SUBSIDY_POLICY, 1200, who, '2026-11-24');
  const on = receipt(EXAMPLE_SUBSIDY_POLICY, 1200, who, '2026-11-25');
  assert.deepEqual(before.lines[1], { kind: 'subsidy', policyLineId: 'age-70', label: '70—79岁助餐补贴', amountFen: -240 });
  assert.equal(before.toPayFen, 960);
  assert.deepEqual(on.lines[1], { kind: 'subsidy', policyLineId: 'age-80', label: '80岁及以上助餐补贴', amountFen: -360 });
  assert.equal(on.toPayFen, 840);
});

test('birth year only: the age reached in the calendar year counts from 1 January', () => {
  assert.equal(receipt(EXAMPLE_SUBSIDY_POLICY, 1200, resident(1946), '2026-01-01').toPayFen, 840);
  assert.equal(receipt(EXAMPLE_SUBSIDY_POLICY, 1200, resident(1946), '2025-12-31').toPayFen, 960);
  assert.equal(receipt(EXAMPLE_SUBSIDY_POLICY, 1200, resident(1947), '2026-12-31').toPayFen, 960);
});

test('priceBreakdown refuses a price that is not whole fen', () => {
  assert.throws(() => receipt(EXAMPLE_SUBSIDY_POLICY, 12.5, resident(1941)), RangeError);
  assert.throws(() => receipt(EXAMPLE_SUBSIDY_POLICY, -1, resident(1941)), RangeError);
});

test('validateSubsidyPolicy: the example is fine; overlaps, bad percentages and duplicates are named', () => {
  assert.deepEqual(validateSubsidyPolicy(EXAMPLE_SUBSIDY_POLICY), []);
  const bad: SubsidyPolicy = {
    ageBands: [
      { id: 'a', label: '60岁以上', fromAge: 60, toAge: 75, payPercent: 90 },
      { id: 'b', label: '70岁以上', fromAge: 70, toAge: null, payPercent: 120 },
    ],
    fixedDaily: { id: 'a', label: '每日补贴', amountFen: 0, fromAge: -1 },
    extras: [],
    delivery: { minAge: 80, groups: [] },
  };
  assert.deepEqual(validateSubsidyPolicy(bad), [
    '“70岁以上”个人支付比例要填 0 到 100 之间的整数',
    '“60岁以上”和“70岁以上”的年龄段重叠了',
    '编号“a”重复了，每一项补贴的编号要不同',
    '“每日补贴”的金额要在 0.01 到 100.00 元之间',
    '“每日补贴”的起始年龄要填 0 到 150 之间的整数，或者不限',
  ]);
});

// ---------------------------------------------------------------------------------------------
// Delivery eligibility

test('delivery: 80+ on the meal date, a group the rule names, or flagged by staff', () => {
  const rule = EXAMPLE_SUBSIDY_POLICY.delivery;
  const table: [MealResident, string, boolean][] = [
    [resident(1946, [], { birthDate: '1946-11-25' }), '2026-11-24', false],
    [resident(1946, [], { birthDate: '1946-11-25' }), '2026-11-25', true],
    [resident(1946), '2026-01-01', true],
    [resident(1950), DATE, false],
    [resident(1950, ['disabled']), DATE, true],
    [resident(1950, ['minimum-living']), DATE, false],
    [resident(1950, [], { deliveryFlag: true }), DATE, true],
  ];
  for (const [who, date, expected] of table) assert.equal(isDeliveryEligible(rule, who, date), expected, JSON.stringify([who, date]));
  assert.equal(isDeliveryEligible({ minAge: null, groups: [] }, resident(1920), DATE), false);
});

// ---------------------------------------------------------------------------------------------
// Cut-off

const DAY_BEFORE: CutoffRule = { kind: 'day-before', time: '17:00' };
const SAME_DAY: CutoffRule = { kind: 'same-day', time: '09:00' };

const CUTOFF_TABLE: [rule: CutoffRule, mealDate: string, cutoff: string][] = [
  [DAY_BEFORE, '2026-11-30', '2026-11-29T09:00:00.000Z'], // Monday meal: Sunday 17:00 +08:00
  [SAME_DAY, '2026-11-30', '2026-11-30T01:00:00.000Z'],
  [DAY_BEFORE, '2027-01-01', '2026-12-31T09:00:00.000Z'],
  [DAY_BEFORE, '2026-03-01', '2026-02-28T09:00:00.000Z'],
  [DAY_BEFORE, '2028-03-01', '2028-02-29T09:00:00.000Z'],
  [{ kind: 'day-before', time: '00:00' }, '2026-11-30', '2026-11-28T16:00:00.000Z'],
  [{ kind: 'same-day', time: '00:00' }, '2026-11-30', '2026-11-29T16:00:00.000Z'],
];

const BOOK_TABLE: [rule: CutoffRule, mealDate: string, now: string, allowed: boolean][] = [
  [DAY_BEFORE, '2026-11-30', '2026-11-29T16:59:59+08:00', true],
  [DAY_BEFORE, '2026-11-30', '2026-11-29T16:59:59.999+08:00', true],
  [DAY_BEFORE, '2026-11-30', '2026-11-29T17:00:00+08:00', false],
  [DAY_BEFORE, '2026-11-30', '2026-11-28T23:59:59+08:00', true],
  [DAY_BEFORE, '2026-11-30', '2026-11-30T00:00:00+08:00', false],
  [SAME_DAY, '2026-11-30', '2026-11-29T23:59:59+08:00', true],
  [SAME_DAY, '2026-11-30', '2026-11-30T00:00:00+08:00', true], // still 29 November in UTC
  [SAME_DAY, '2026-11-30', '2026-11-30T08:59:59+08:00', true],
  [SAME_DAY, '2026-11-30', '2026-11-30T09:00:00+08:00', false],
  [SAME_DAY, '2026-12-01', '2026-11-30T20:00:00-08:00', false], // noon on 1 December at the station
  [DAY_BEFORE, '2026-12-01', '2026-11-30T00:59:59-08:00', true], // 16:59:59 at the station
  [DAY_BEFORE, '2026-12-01', '2026-11-30T01:00:00-08:00', false],
];

test('bookingCutoff: the instant booking closes, in Asia/Shanghai time', () => {
  for (const [rule, mealDate, cutoff] of CUTOFF_TABLE) {
    assert.equal(bookingCutoff(rule, mealDate).toISOString(), cutoff, `${rule.kind} ${rule.time} ${mealDate}`);
  }
});

test('canBookOrCancel: 16:59:59 is allowed, 17:00:00 is refused; around midnight and across days', () => {
  for (const [rule, mealDate, now, allowed] of BOOK_TABLE) {
    assert.equal(canBookOrCancel(rule, mealDate, new Date(now)), allowed, `${rule.kind} ${rule.time} ${mealDate} at ${now}`);
  }
});

test('the cut-off tables give the same answers with the machine in Los Angeles, Shanghai or UTC', () => {
  const module = new URL('../../domain/meals.ts', import.meta.url).href;
  const script = `
    import { bookingCutoff, canBookOrCancel } from ${JSON.stringify(module)};
    const cutoffs = ${JSON.stringify(CUTOFF_TABLE)};
    const books = ${JSON.stringify(BOOK_TABLE)};
    console.log(JSON.stringify({
      offset: new Date(Date.UTC(2026, 10, 29)).getTimezoneOffset(),
      cutoffs: cutoffs.map(([rule, date]) => bookingCutoff(rule, date).toISOString()),
      allowed: books.map(([rule, date, now]) => canBookOrCancel(rule, date, new Date(now))),
    }));`;
  const expected = { cutoffs: CUTOFF_TABLE.map((row) => row[2]), allowed: BOOK_TABLE.map((row) => row[3]) };
  for (const [tz, offset] of [['America/Los_Angeles', 480], ['Asia/Shanghai', -480], ['UTC', 0]] as const) {
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: REPO,
      env: { ...process.env, TZ: tz },
      encoding: 'utf8',
    });
    assert.equal(child.status, 0, child.stderr);
    assert.deepEqual(JSON.parse(child.stdout), { offset, ...expected }, tz);
  }
});

test('cut-off in words', () => {
  assert.equal(cutoffText(DAY_BEFORE, '2026-11-30'), '11月29日（周日）17:00 截止');
  assert.equal(cutoffText(SAME_DAY, '2026-11-30'), '11月30日（周一）09:00 截止');
  assert.equal(cutoffRuleText(DAY_BEFORE), '前一天 17:00 前可以订餐和退订');
  assert.equal(cutoffRuleText(SAME_DAY), '当天 09:00 前可以订餐和退订');
});

// ---------------------------------------------------------------------------------------------
// Menus

function goodMenu(): MenuDraft {
  return {
    weekStart: '2026-11-30',
    cutoff: DAY_BEFORE,
    days: [
      {
        date: '2026-11-30',
        meals: [
          {
            meal: 'lunch',
            capacity: 2,
            modes: ['dine-in', 'delivery'],
            sets: [
              {
                code: 'A',
                priceFen: 1200,
                variants: ['软食'],
                dishes: [
                  { name: '清蒸鲈鱼', photo: '/photos/fish.jpg', dietTags: ['低盐'], healthLabel: 'green' },
                  { name: '炒青菜', photo: null, dietTags: ['素食', '低盐'], healthLabel: null },
                ],
              },
              { code: 'B', priceFen: 1000, variants: [], dishes: [{ name: '番茄炒蛋', photo: null, dietTags: [], healthLabel: 'amber' }] },
            ],
          },
        ],
      },
      {
        date: '2026-12-01',
        meals: [{ meal: 'dinner', capacity: 50, modes: ['dine-in'], sets: [{ code: 'A', priceFen: 800, variants: [], dishes: [{ name: '小米粥', photo: null, dietTags: ['软食'], healthLabel: null }] }] }],
      },
    ],
  };
}

test('validateMenu: a good menu has no problems', () => {
  assert.deepEqual(validateMenu(goodMenu()), []);
});

test('validateMenu: every problem says where it is, in plain Chinese', () => {
  const draft: MenuDraft = {
    weekStart: '2026-11-23',
    cutoff: { kind: 'day-before', time: '5pm' },
    days: [
      {
        date: '2026-11-23',
        meals: [
          {
            meal: 'lunch',
            capacity: 0,
            modes: ['dine-in'],
            sets: [
              {
                code: 'A',
                priceFen: 12.5,
                variants: ['软食'],
                dishes: [
                  { name: '  ', photo: null, dietTags: [], healthLabel: null },
                  { name: '红烧肉', photo: 'javascript:alert(1)', dietTags: ['辣' as DietTag], healthLabel: 'red' },
                ],
              },
            ],
          },
        ],
      },
      { date: '2026-11-30', meals: [{ meal: 'dinner', capacity: 50, modes: [], sets: [] }] },
    ],
  };
  assert.deepEqual(validateMenu(draft), [
    { message: '订餐截止时间要写成 17:00 这样的时间' },
    { date: '2026-11-23', meal: 'lunch', message: '11月23日（周一）午餐的份数要填 1 到 2000 之间的整数' },
    { date: '2026-11-23', meal: 'lunch', set: 'A', message: '11月23日（周一）午餐 A 套餐的价格要在 0.01 到 100.00 元之间' },
    { date: '2026-11-23', meal: 'lunch', set: 'A', message: '11月23日（周一）午餐 A 套餐有一道菜没有写菜名' },
    {
      date: '2026-11-23',
      meal: 'lunch',
      set: 'A',
      message: '11月23日（周一）午餐 A 套餐“红烧肉”的标签只能从 低盐、低糖、低脂、软食、流食、清真、素食 里选，每样一次',
    },
    { date: '2026-11-23', meal: 'lunch', set: 'A', message: '11月23日（周一）午餐 A 套餐“红烧肉”的图片地址要以 http:// 或 https:// 或 / 开头' },
    { date: '2026-11-30', message: '11月30日（周一）不在这一周里' },
    { date: '2026-11-30', meal: 'dinner', message: '11月30日（周一）晚餐请至少选择一种用餐方式：堂食、自取或送餐上门' },
    { date: '2026-11-30', meal: 'dinner', message: '11月30日（周一）晚餐还没有套餐' },
  ]);
  assert.deepEqual(validateMenu({ ...goodMenu(), weekStart: '2026-12-01' }).map((p) => p.message), ['每周菜单要从星期一开始，请选择星期一的日期']);
  const twice = goodMenu();
  twice.days.push(structuredClone(twice.days[0]!));
  assert.deepEqual(validateMenu(twice).map((p) => p.message), ['11月30日（周一）重复出现了，每天只写一次']);
});

test('copyMenuToWeek: last week becomes a draft for another Monday, without touching the original', () => {
  const original = goodMenu();
  const copy = copyMenuToWeek(original, '2026-12-07');
  assert.equal(copy.weekStart, '2026-12-07');
  assert.deepEqual(copy.days.map((d) => d.date), ['2026-12-07', '2026-12-08']);
  assert.deepEqual(copy.days[0]!.meals, original.days[0]!.meals);
  copy.days[0]!.meals[0]!.sets[0]!.dishes[0]!.name = '红烧鲈鱼';
  assert.equal(original.days[0]!.meals[0]!.sets[0]!.dishes[0]!.name, '清蒸鲈鱼');
  assert.deepEqual(validateMenu(copy), []);
  assert.throws(() => copyMenuToWeek(original, '2026-12-08'), RangeError);
});

// ---------------------------------------------------------------------------------------------
// Booking check

test('checkMealBooking: each refusal in turn', () => {
  const menu = { ...goodMenu(), cutoff: DAY_BEFORE };
  const base: MealBookingCheckInput = {
    menu,
    date: '2026-11-30',
    meal: 'lunch',
    set: 'A',
    variant: null,
    mode: 'dine-in',
    resident: resident(1950),
    deliveryRule: EXAMPLE_SUBSIDY_POLICY.delivery,
    seatsTaken: 0,
    alreadyBooked: false,
    now: new Date('2026-11-29T08:00:00Z'),
  };
  const table: [Partial<MealBookingCheckInput>, string][] = [
    [{}, 'ok'],
    [{ variant: '软食' }, 'ok'],
    [{ seatsTaken: 1 }, 'ok'],
    [{ mode: 'delivery', resident: resident(1946) }, 'ok'],
    [{ mode: 'delivery', resident: resident(1950, [], { deliveryFlag: true }) }, 'ok'],
    [{ menu: null }, 'no-such-meal'],
    [{ date: '2026-12-02' }, 'no-such-meal'],
    [{ meal: 'dinner' }, 'no-such-meal'],
    [{ set: 'C' }, 'no-such-set'],
    [{ variant: '低盐' }, 'no-such-variant'],
    [{ now: new Date('2026-11-29T09:00:00Z') }, 'cutoff-passed'],
    [{ alreadyBooked: true }, 'already-booked'],
    [{ mode: 'pick-up' }, 'mode-not-offered'],
    [{ mode: 'delivery' }, 'delivery-not-eligible'],
    [{ seatsTaken: 2 }, 'full'],
  ];
  for (const [over, expected] of table) {
    const result = checkMealBooking({ ...base, ...over });
    assert.equal(result.ok ? 'ok' : result.refusal, expected, JSON.stringify(over));
  }
  const ok = checkMealBooking(base);
  assert.equal(ok.ok && ok.set.priceFen, 1200);
  assert.equal(MEAL_BOOKING_REFUSALS.full, '这顿饭已经订满了，没有订上');
});

// ---------------------------------------------------------------------------------------------
// Kitchen and delivery

let nextId = 0;
function booking(over: Partial<MealBooking>): MealBooking {
  nextId += 1;
  return {
    id: `b${String(nextId).padStart(3, '0')}`,
    stationId: 's1',
    residentId: `r${nextId}`,
    date: '2026-11-24',
    meal: 'lunch',
    set: 'A',
    variant: null,
    mode: 'dine-in',
    status: 'confirmed',
    receipt: receipt(EXAMPLE_SUBSIDY_POLICY, 1200, resident(1941)),
    delivery: null,
    createdAt: '2026-11-20T02:00:00.000Z',
    cancelledAt: null,
    ...over,
  };
}

test('kitchenCounts: by date, meal, set, variant and mode; provisional apart; cancelled and refused out', () => {
  const bookings = [
    booking({ meal: 'dinner' }),
    booking({ set: 'B' }),
    booking({ variant: '软食', mode: 'delivery' }),
    booking({}),
    booking({}),
    booking({ status: 'provisional' }),
    booking({ status: 'cancelled' }),
    booking({ mode: 'pick-up' }),
    booking({ variant: '低盐', status: 'refused' }),
    booking({ date: '2026-11-23', set: 'C' }),
  ];
  assert.deepEqual(kitchenCounts(bookings), [
    { date: '2026-11-23', meal: 'lunch', set: 'C', variant: null, mode: 'dine-in', confirmed: 1, provisional: 0 },
    { date: '2026-11-24', meal: 'lunch', set: 'A', variant: null, mode: 'dine-in', confirmed: 2, provisional: 1 },
    { date: '2026-11-24', meal: 'lunch', set: 'A', variant: null, mode: 'pick-up', confirmed: 1, provisional: 0 },
    { date: '2026-11-24', meal: 'lunch', set: 'A', variant: '软食', mode: 'delivery', confirmed: 1, provisional: 0 },
    { date: '2026-11-24', meal: 'lunch', set: 'B', variant: null, mode: 'dine-in', confirmed: 1, provisional: 0 },
    { date: '2026-11-24', meal: 'dinner', set: 'A', variant: null, mode: 'dine-in', confirmed: 1, provisional: 0 },
  ]);
});

test('deliveryList: by building, then address, then notes, numbers as numbers', () => {
  const to = (id: string, building: string, address: string, notes: string, over: Partial<MealBooking> = {}) =>
    booking({ id, mode: 'delivery', delivery: { building, address, notes }, ...over });
  const bookings = [
    to('k1', '10号楼', '1单元101', ''),
    to('k2', '2号楼', '3单元502', ''),
    to('k3', '2号楼', '1单元1101', '放门口'),
    to('k4', '2号楼', '1单元201', '敲门大声'),
    to('k5', '2号楼', '1单元201', ''),
    to('k6', '2号楼', '1单元101', '', { mode: 'dine-in' }),
    to('k7', '2号楼', '1单元101', '', { status: 'cancelled' }),
    to('k8', '2号楼', '1单元101', '', { meal: 'dinner' }),
    to('k9', '2号楼', '1单元101', '', { date: '2026-11-25' }),
  ];
  assert.deepEqual(
    deliveryList(bookings, '2026-11-24', 'lunch').map((s) => [s.stop, s.booking.id]),
    [
      [1, 'k5'],
      [2, 'k4'],
      [3, 'k3'],
      [4, 'k2'],
      [5, 'k1'],
    ],
  );
});

// ---------------------------------------------------------------------------------------------
// Settlement

function settlementBookings(): MealBooking[] {
  return [
    booking({ id: 's1', date: '2026-11-24', receipt: receipt(EXAMPLE_SUBSIDY_POLICY, 1200, resident(1941, ['minimum-living']), '2026-11-24') }),
    booking({ id: 's2', date: '2026-11-24', receipt: receipt(EXAMPLE_SUBSIDY_POLICY, 1200, resident(1961), '2026-11-24') }),
    booking({ id: 's3', date: '2026-11-25', receipt: receipt(EXAMPLE_SUBSIDY_POLICY, 1005, resident(1951)) }),
    booking({ id: 's4', date: '2026-11-25', receipt: receipt(EXAMPLE_SUBSIDY_POLICY, 1200, resident(1941), DATE, true) }),
    booking({ id: 's5', date: '2026-11-25', status: 'cancelled', receipt: receipt(EXAMPLE_SUBSIDY_POLICY, 1200, resident(1961)) }),
    booking({ id: 's6', date: '2026-11-26', status: 'provisional' }),
    booking({ id: 's7', date: '2026-12-01' }),
    booking({ id: 's8', date: '2026-10-31' }),
  ];
}

test('settlementReport: per day and per policy line, from the confirmed receipts of the month', () => {
  const report = settlementReport(settlementBookings(), '2026-11');
  const line = (policyLineId: string, label: string, meals: number, amountFen: number) => ({ policyLineId, label, meals, amountFen });
  assert.deepEqual(report, {
    month: '2026-11',
    policyLines: [
      { policyLineId: 'age-80', label: '80岁及以上助餐补贴' },
      { policyLineId: 'minimum-living', label: '低保对象补贴' },
      { policyLineId: 'age-60', label: '60—69岁助餐补贴' },
      { policyLineId: 'age-70', label: '70—79岁助餐补贴' },
    ],
    days: [
      {
        date: '2026-11-24',
        meals: 2,
        grossFen: 2400,
        lines: [line('age-80', '80岁及以上助餐补贴', 1, 360), line('minimum-living', '低保对象补贴', 1, 200), line('age-60', '60—69岁助餐补贴', 1, 120), line('age-70', '70—79岁助餐补贴', 0, 0)],
        subsidyFen: 680,
        paidFen: 1720,
      },
      {
        date: '2026-11-25',
        meals: 2,
        grossFen: 2205,
        lines: [line('age-80', '80岁及以上助餐补贴', 0, 0), line('minimum-living', '低保对象补贴', 0, 0), line('age-60', '60—69岁助餐补贴', 0, 0), line('age-70', '70—79岁助餐补贴', 1, 201)],
        subsidyFen: 201,
        paidFen: 2004,
      },
    ],
    total: {
      meals: 4,
      grossFen: 4605,
      lines: [line('age-80', '80岁及以上助餐补贴', 1, 360), line('minimum-living', '低保对象补贴', 1, 200), line('age-60', '60—69岁助餐补贴', 1, 120), line('age-70', '70—79岁助餐补贴', 1, 201)],
      subsidyFen: 881,
      paidFen: 3724,
    },
    provisionalLeftOut: 1,
  });
  assert.throws(() => settlementReport([], '2026-13'), RangeError);
});

test('settlement totals equal the sum of the bookings they cover (500 generated bookings)', () => {
  // A small deterministic generator: the same bookings on every run.
  let seed = 20261123;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const groups: ResidentGroup[] = ['minimum-living', 'extreme-hardship', 'disabled', 'special-diet'];
  const policy: SubsidyPolicy = { ...EXAMPLE_SUBSIDY_POLICY, fixedDaily: { id: 'daily-3', label: '每日补贴', amountFen: 300, fromAge: 60 } };
  const bookings: MealBooking[] = [];
  for (let i = 0; i < 500; i++) {
    const date = `2026-${rand(3) === 0 ? '12' : '11'}-${String(1 + rand(28)).padStart(2, '0')}`;
    const who = resident(1930 + rand(40), groups.filter(() => rand(4) === 0));
    const statuses = ['confirmed', 'confirmed', 'confirmed', 'cancelled', 'provisional'] as const;
    bookings.push(
      booking({ id: `g${String(i).padStart(3, '0')}`, date, status: statuses[rand(5)]!, receipt: receipt(policy, 300 + rand(1500), who, date, rand(5) === 0) }),
    );
  }
  const report = settlementReport(bookings, '2026-11');
  const covered = bookings.filter((b) => b.status === 'confirmed' && b.date.startsWith('2026-11'));
  const sum = (f: (b: MealBooking) => number) => covered.reduce((s, b) => s + f(b), 0);
  assert.ok(covered.length > 100);
  assert.equal(report.total.meals, covered.length);
  assert.equal(report.total.grossFen, sum((b) => b.receipt.grossFen));
  assert.equal(report.total.subsidyFen, sum((b) => b.receipt.subsidyFen));
  assert.equal(report.total.paidFen, sum((b) => b.receipt.toPayFen));
  assert.equal(report.total.grossFen, report.total.subsidyFen + report.total.paidFen);
  assert.equal(report.total.subsidyFen, report.total.lines.reduce((s, l) => s + l.amountFen, 0));
  for (const l of report.total.lines) {
    const amounts = covered.flatMap((b) => b.receipt.lines.filter((x) => x.kind === 'subsidy' && x.policyLineId === l.policyLineId).map((x) => -x.amountFen));
    assert.deepEqual([l.meals, l.amountFen], [amounts.length, amounts.reduce((s, a) => s + a, 0)], l.policyLineId);
  }
  for (const key of ['meals', 'grossFen', 'subsidyFen', 'paidFen'] as const) {
    assert.equal(report.days.reduce((s, d) => s + d[key], 0), report.total[key], key);
  }
  assert.equal(report.provisionalLeftOut, bookings.filter((b) => b.status === 'provisional' && b.date.startsWith('2026-11')).length);
});

test('settlementCsv: BOM, Chinese header, a row per day and a total, amounts in yuan', () => {
  const csv = settlementCsv(settlementReport(settlementBookings(), '2026-11'));
  assert.equal(
    csv,
    '\uFEFF' +
      [
        '日期,份数,餐费（元）,80岁及以上助餐补贴（份）,80岁及以上助餐补贴（元）,低保对象补贴（份）,低保对象补贴（元）,60—69岁助餐补贴（份）,60—69岁助餐补贴（元）,70—79岁助餐补贴（份）,70—79岁助餐补贴（元）,补贴合计（元）,居民自付（元）',
        '2026-11-24,2,24.00,1,3.60,1,2.00,1,1.20,0,0.00,6.80,17.20',
        '2026-11-25,2,22.05,0,0.00,0,0.00,0,0.00,1,2.01,2.01,20.04',
        '合计（2026-11）,4,46.05,1,3.60,1,2.00,1,1.20,1,2.01,8.81,37.24',
      ].join('\r\n') +
      '\r\n',
  );
});

test('settlementCsv: labels that look like formulas are defused, quotes and commas escaped', () => {
  const labels = ['=HYPERLINK("http://x","点我")', '@SUM(1)', '+1', '－2', 'a,"b"'];
  const policy: SubsidyPolicy = {
    ageBands: [],
    fixedDaily: null,
    extras: labels.map((label, i) => ({ id: `x${i}`, label, group: 'minimum-living', amountFen: 1 })),
    delivery: NO_DELIVERY,
  };
  const csv = settlementCsv(settlementReport([booking({ receipt: receipt(policy, 1000, resident(1950, ['minimum-living'])) })], '2026-11'));
  const header = csv.slice(1, csv.indexOf('\r\n'));
  assert.equal(
    header,
    [
      '日期',
      '份数',
      '餐费（元）',
      `"'=HYPERLINK(""http://x"",""点我"")（份）"`,
      `"'=HYPERLINK(""http://x"",""点我"")（元）"`,
      `'@SUM(1)（份）`,
      `'@SUM(1)（元）`,
      `'+1（份）`,
      `'+1（元）`,
      `'－2（份）`,
      `'－2（元）`,
      `"a,""b""（份）"`,
      `"a,""b""（元）"`,
      '补贴合计（元）',
      '居民自付（元）',
    ].join(','),
  );
});
