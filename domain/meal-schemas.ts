/**
 * JSON schemas of the meal routes (the command schemas live with the others in schemas.ts).
 */
import { Type, type Static } from '@sinclair/typebox';
import { MEAL_LIMITS, RESIDENT_GROUPS } from './meals.ts';
import { CalendarDateSchema, MealKindSchema, NO_NUL_PATTERN, SINGLE_LINE_PATTERN, UuidSchema } from './schemas.ts';

export const MealWeekQuerySchema = Type.Object({ week: Type.Optional({ ...CalendarDateSchema, title: '这一周里的日期' }) }, { additionalProperties: false });
export const MealDateQuerySchema = Type.Object({ date: { ...CalendarDateSchema, title: '日期' } }, { additionalProperties: false });
export const MealDeliveryQuerySchema = Type.Object({ date: { ...CalendarDateSchema, title: '日期' }, meal: MealKindSchema }, { additionalProperties: false });
export const MealMonthQuerySchema = Type.Object({ month: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', title: '月份' }) }, { additionalProperties: false });
export const MealBookingParamsSchema = Type.Object({ bookingId: { ...UuidSchema, title: '订餐编号' } }, { additionalProperties: false });
export const MealWeekParamsSchema = Type.Object({ weekStart: { ...CalendarDateSchema, title: '星期一的日期' } }, { additionalProperties: false });
export const MealResidentParamsSchema = Type.Object({ residentId: { ...UuidSchema, title: '居民编号' } }, { additionalProperties: false });
export const MealCancelBodySchema = Type.Union([
  Type.Null(),
  Type.Object({ reason: Type.Optional(Type.String({ maxLength: 100, pattern: SINGLE_LINE_PATTERN, title: '退订原因' })) }, { additionalProperties: false }),
]);

const Fen = (title: string) => Type.Integer({ minimum: 0, maximum: MEAL_LIMITS.subsidyMaxFen * 10, title });
const Age = (title: string) => Type.Integer({ minimum: 0, maximum: 200, title });
const Label = Type.String({ maxLength: MEAL_LIMITS.labelMax * 2, pattern: SINGLE_LINE_PATTERN, title: '名称' });
const LineId = Type.String({ maxLength: 40, pattern: SINGLE_LINE_PATTERN, title: '编号' });
export const ResidentGroupSchema = Type.Union(
  RESIDENT_GROUPS.map((g) => Type.Literal(g)),
  { title: '对象类别' },
);
/** Shape only; validateSubsidyPolicy judges the content (overlapping bands…) in plain words. */
export const SubsidyPolicySchema = Type.Object(
  {
    ageBands: Type.Array(
      Type.Object(
        { id: LineId, label: Label, fromAge: Age('起始年龄'), toAge: Type.Union([Age('截止年龄'), Type.Null()]), payPercent: Type.Integer({ minimum: 0, maximum: 100, title: '个人支付比例' }) },
        { additionalProperties: false },
      ),
      { maxItems: 20, title: '年龄段' },
    ),
    fixedDaily: Type.Union([
      Type.Object({ id: LineId, label: Label, amountFen: Fen('每天补贴（分）'), fromAge: Type.Union([Age('起始年龄'), Type.Null()]) }, { additionalProperties: false }),
      Type.Null(),
    ]),
    extras: Type.Array(Type.Object({ id: LineId, label: Label, group: ResidentGroupSchema, amountFen: Fen('补贴（分）') }, { additionalProperties: false }), {
      maxItems: 20,
      title: '特殊对象补贴',
    }),
    delivery: Type.Object(
      { minAge: Type.Union([Age('送餐年龄'), Type.Null()]), groups: Type.Array(ResidentGroupSchema, { maxItems: 8, title: '送餐对象' }) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export const SubsidyPolicyBodySchema = Type.Object({ policy: SubsidyPolicySchema }, { additionalProperties: false });
export const MealFlagsBodySchema = Type.Object(
  {
    groups: Type.Array(ResidentGroupSchema, { maxItems: 8, title: '对象类别' }),
    deliveryFlag: Type.Boolean({ title: '送餐上门' }),
    address: Type.String({ maxLength: 100, pattern: SINGLE_LINE_PATTERN, title: '送餐地址' }),
    notes: Type.String({ maxLength: 200, pattern: NO_NUL_PATTERN, title: '送餐备注' }),
  },
  { additionalProperties: false },
);

export type MealWeekQuery = Static<typeof MealWeekQuerySchema>;
export type MealDateQuery = Static<typeof MealDateQuerySchema>;
export type MealDeliveryQuery = Static<typeof MealDeliveryQuerySchema>;
export type MealMonthQuery = Static<typeof MealMonthQuerySchema>;
export type MealFlagsBody = Static<typeof MealFlagsBodySchema>;
export type SubsidyPolicyBody = Static<typeof SubsidyPolicyBodySchema>;
