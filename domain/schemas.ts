/**
 * JSON schemas (TypeBox) of the HTTP API, shared so the server validates exactly the shapes the
 * kiosk and the widgets send. Plain JSON Schema: no `format` keywords (they would need a format
 * registry on every side), patterns instead.
 *
 * The split of work: a schema checks shape and hard limits and answers 400 for the whole request
 * (a client that sends these is broken or hostile); the domain rules (validateNoticeDraft) judge
 * content and, inside a sync push, produce a `rejected` outcome with a reason a person can read.
 */
import { FormatRegistry, Type, type Static, type TSchema } from '@sinclair/typebox';
import { DIET_TAGS, HEALTH_LABELS, MEAL_KINDS, MEAL_LIMITS, MEAL_MODES, MEAL_SET_CODES, type MenuDraft } from './meals.ts';
import { BOARDS, NOTICE_LIMITS, type NoticeDraft } from './notice.ts';
import { DEEDS, POINTS_LIMITS, type CatalogueItemDraft, type Deed } from './points.ts';
import { RESIDENT_LIMITS } from './resident.ts';
import { isCalendarDateTime } from './station-time.ts';
import { STAFF_SECRET_PATTERN } from './staff-secret.ts';
import type { StaffRole } from './station.ts';
import { VOLUNTEER_LIMITS } from './volunteer.ts';
import {
  PULL_PAGE_MAX,
  PUSH_BATCH_MAX,
  type ActorKind,
  type Command,
  type DeedPointsTable,
  type PointsAwardPayload,
  type PushRequest,
} from './sync.ts';

/** Lower-case canonical UUID text, as crypto.randomUUID() makes it. */
export const UUID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
/** RFC 3339 date-time with an explicit offset; the calendar itself is checked by the domain. */
export const DATE_TIME_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})$';
/** http(s) or site-relative (not protocol-relative) image URLs, as isSafeImageUrl allows. */
export const IMAGE_URL_PATTERN = '^([hH][tT][tT][pP][sS]?://|/(?!/))[^\\u0000-\\u001f\\u007f]*$';
export const STAFF_NO_PATTERN = '^[0-9A-Za-z]{1,16}$';
export const PIN_PATTERN = '^\\d{4}$';
/** One line of text: no control characters (PostgreSQL cannot even store NUL). */
export const SINGLE_LINE_PATTERN = '^[^\\u0000-\\u001f\\u007f]*$';
/** Free text: anything but NUL. */
export const NO_NUL_PATTERN = '^[^\\u0000]*$';
/** Sequence numbers and revisions are 32-bit integers in both databases. */
export const SEQ_MAX = 2_147_483_647;
/** The stored form of domain hashPin: a kiosk sends the hash, never the PIN itself. */
export const PIN_HASH_PATTERN = '^pbkdf2-sha256\\$[1-9]\\d{0,7}\\$[A-Za-z0-9+/]{4,88}={0,2}\\$[A-Za-z0-9+/]{4,172}={0,2}$';
/** hashCardNumber: SHA-256 as lower-case hex. */
export const CARD_HASH_PATTERN = '^[0-9a-f]{64}$';
/** A mobile number's shape (11 digits); whether it is a mainland mobile number is the domain's call. */
export const PHONE_PATTERN = '^\\d{11}$';
/** A pairing code as people type it: 8 letters or digits, optionally split 4-4 by a dash. */
export const PAIRING_CODE_INPUT_PATTERN = '^[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}$';

export const UuidSchema = Type.String({ pattern: UUID_PATTERN, title: '编号' });
// The one check of the calendar for every time field (TypeBox formats are global; registered
// where the schema is defined so no importer can check without it).
if (!FormatRegistry.Has('date-time')) FormatRegistry.Set('date-time', isCalendarDateTime);
/** Every time field of every schema: RFC 3339 with an offset, and a real instant (isCalendarDateTime). */
export const DateTimeSchema = Type.String({ pattern: DATE_TIME_PATTERN, format: 'date-time', maxLength: 40, title: '时间' });
export const BoardSchema = Type.Union(
  BOARDS.map((b) => Type.Literal(b)),
  { title: '栏目' },
);

export const NoticeDraftSchema = Type.Object(
  {
    board: BoardSchema,
    // No minLength: an empty title is a content problem the domain names in plain words.
    title: Type.String({ maxLength: NOTICE_LIMITS.titleMax, pattern: SINGLE_LINE_PATTERN, title: '标题' }),
    body: Type.String({ maxLength: NOTICE_LIMITS.bodyMax, pattern: NO_NUL_PATTERN, title: '正文' }),
    images: Type.Array(
      Type.String({ maxLength: NOTICE_LIMITS.imageUrlMax, pattern: IMAGE_URL_PATTERN, title: '图片地址' }),
      { maxItems: NOTICE_LIMITS.imagesMax, title: '图片' },
    ),
    publishAt: { ...DateTimeSchema, title: '发布时间' },
    expireAt: Type.Union([{ ...DateTimeSchema, title: '下架时间' }, Type.Null()], { title: '下架时间' }),
    pinned: Type.Boolean({ title: '置顶' }),
    emergency: Type.Boolean({ title: '紧急' }),
    retired: Type.Boolean({ title: '撤下' }),
  },
  { additionalProperties: false },
);

export const NoticeSavePayloadSchema = Type.Object(
  {
    noticeId: UuidSchema,
    baseRevision: Type.Union([Type.Integer({ minimum: 1, maximum: SEQ_MAX }), Type.Null()], { title: '基准版本' }),
    draft: NoticeDraftSchema,
  },
  { additionalProperties: false },
);

export const ResidentRegisterPayloadSchema = Type.Object(
  {
    residentId: { ...UuidSchema, title: '居民编号' },
    // Generous hard limits only: the exact rules (1–20 characters…) are the domain's, in plain words.
    name: Type.String({ maxLength: RESIDENT_LIMITS.nameMax * 2, pattern: SINGLE_LINE_PATTERN, title: '姓名' }),
    phone: Type.String({ pattern: PHONE_PATTERN, title: '手机号' }),
    birthYear: Type.Integer({ minimum: 0, maximum: 9999, title: '出生年份' }),
    building: Type.String({ maxLength: RESIDENT_LIMITS.buildingMax * 2, pattern: SINGLE_LINE_PATTERN, title: '楼号' }),
    consentAt: { ...DateTimeSchema, title: '同意时间' },
    pinHash: Type.String({ pattern: PIN_HASH_PATTERN, maxLength: 300, title: '密码哈希' }),
    cardHash: Type.Optional(Type.String({ pattern: CARD_HASH_PATTERN, title: '居民卡哈希' })),
  },
  { additionalProperties: false },
);

export const ResidentSetPinPayloadSchema = Type.Object(
  {
    residentId: { ...UuidSchema, title: '居民编号' },
    pinHash: Type.String({ pattern: PIN_HASH_PATTERN, maxLength: 300, title: '密码哈希' }),
    baseRevision: Type.Integer({ minimum: 1, maximum: SEQ_MAX, title: '基准版本' }),
  },
  { additionalProperties: false },
);

export const ResidentProxySessionPayloadSchema = Type.Object(
  { residentId: { ...UuidSchema, title: '居民编号' }, startedAt: { ...DateTimeSchema, title: '开始时间' } },
  { additionalProperties: false },
);

/** HMAC-SHA256 (32 bytes) in base64. */
const StaffProofSchema = Type.String({ pattern: '^[A-Za-z0-9+/]{43}=$', title: '工作人员验证码' });

/** Staff, resident, or both (proxy); never neither. */
export const CommandActorSchema = Type.Object(
  {
    staffNo: Type.Optional(Type.String({ pattern: STAFF_NO_PATTERN, title: '工号' })),
    residentId: Type.Optional({ ...UuidSchema, title: '居民编号' }),
    staffProof: Type.Optional(StaffProofSchema),
  },
  { additionalProperties: false, minProperties: 1, title: '操作人' },
);

export const DeedSchema = Type.Union(
  DEEDS.map((d) => Type.Literal(d)),
  { title: '积分事项' },
);
const PointsSchema = (title: string) => Type.Integer({ minimum: 1, maximum: POINTS_LIMITS.transferMax, title });
const ReasonSchema = Type.String({ minLength: 1, maxLength: POINTS_LIMITS.reasonMax, pattern: SINGLE_LINE_PATTERN, title: '原因' });
const MemoSchema = Type.String({ maxLength: POINTS_LIMITS.reasonMax, pattern: SINGLE_LINE_PATTERN, title: '说明' });

export const CatalogueItemDraftSchema = Type.Object(
  {
    // Generous hard limits; the exact rules are validateCatalogueItemDraft's, in plain words.
    name: Type.String({ maxLength: POINTS_LIMITS.itemNameMax * 2, pattern: SINGLE_LINE_PATTERN, title: '商品名称' }),
    description: Type.String({ maxLength: POINTS_LIMITS.itemDescriptionMax, pattern: NO_NUL_PATTERN, title: '商品说明' }),
    kind: Type.Union([Type.Literal('goods'), Type.Literal('service')], { title: '类别' }),
    cost: Type.Integer({ minimum: 0, maximum: POINTS_LIMITS.costMax, title: '所需积分' }),
    stock: Type.Integer({ minimum: 0, maximum: POINTS_LIMITS.stockMax, title: '库存' }),
    monthlyLimit: Type.Union([Type.Integer({ minimum: 0, maximum: POINTS_LIMITS.monthlyLimitMax }), Type.Null()], { title: '每月限兑' }),
    activeFrom: Type.Union([{ ...DateTimeSchema, title: '开始兑换时间' }, Type.Null()], { title: '开始兑换时间' }),
    activeUntil: Type.Union([{ ...DateTimeSchema, title: '结束兑换时间' }, Type.Null()], { title: '结束兑换时间' }),
    photo: Type.Union([Type.String({ maxLength: NOTICE_LIMITS.imageUrlMax, pattern: IMAGE_URL_PATTERN, title: '图片地址' }), Type.Null()], {
      title: '图片',
    }),
    retired: Type.Boolean({ title: '下架' }),
  },
  { additionalProperties: false },
);

export const ResidentRankingOptOutPayloadSchema = Type.Object(
  { residentId: { ...UuidSchema, title: '居民编号' }, optOut: Type.Boolean({ title: '不参加排名' }) },
  { additionalProperties: false },
);
export const CatalogueSavePayloadSchema = Type.Object(
  {
    itemId: { ...UuidSchema, title: '商品编号' },
    baseRevision: Type.Union([Type.Integer({ minimum: 1, maximum: SEQ_MAX }), Type.Null()], { title: '基准版本' }),
    draft: CatalogueItemDraftSchema,
    stockDelta: Type.Optional(Type.Integer({ minimum: -POINTS_LIMITS.stockMax, maximum: POINTS_LIMITS.stockMax, title: '库存变化' })),
  },
  { additionalProperties: false },
);
export const PointsAwardPayloadSchema = Type.Object(
  {
    awards: Type.Array(
      Type.Object({ residentId: { ...UuidSchema, title: '居民编号' }, transferId: { ...UuidSchema, title: '积分记录编号' } }, { additionalProperties: false }),
      { minItems: 1, maxItems: POINTS_LIMITS.awardResidentsMax, title: '获得积分的居民' },
    ),
    deed: DeedSchema,
    points: Type.Union([PointsSchema('积分'), Type.Null()], { title: '积分' }),
    memo: MemoSchema,
  },
  { additionalProperties: false },
);
export const PointsRedeemPayloadSchema = Type.Object(
  {
    redemptionId: { ...UuidSchema, title: '兑换编号' },
    transferId: { ...UuidSchema, title: '积分记录编号' },
    itemId: { ...UuidSchema, title: '商品编号' },
    quantity: Type.Integer({ minimum: 1, maximum: POINTS_LIMITS.quantityMax, title: '数量' }),
    funding: Type.Union([Type.Literal('online'), Type.Literal('kiosk-allowance')], { title: '兑换方式' }),
    cost: Type.Optional(Type.Integer({ minimum: 1, maximum: POINTS_LIMITS.costMax * POINTS_LIMITS.quantityMax, title: '所用积分' })),
  },
  { additionalProperties: false },
);
export const PointsRedeemCancelPayloadSchema = Type.Object(
  { redemptionId: { ...UuidSchema, title: '兑换编号' }, reversalId: { ...UuidSchema, title: '冲正记录编号' }, reason: MemoSchema },
  { additionalProperties: false },
);
export const PointsHandoutPayloadSchema = Type.Object({ redemptionId: { ...UuidSchema, title: '兑换编号' } }, { additionalProperties: false });
export const PointsReversePayloadSchema = Type.Object(
  { transferId: { ...UuidSchema, title: '积分记录编号' }, reversalId: { ...UuidSchema, title: '冲正记录编号' }, reason: ReasonSchema },
  { additionalProperties: false },
);
export const PointsAllowanceRenewPayloadSchema = Type.Object({ requestedAt: { ...DateTimeSchema, title: '申请时间' } }, { additionalProperties: false });

/** Only `points.allowance-renew` may come from the kiosk itself, with no person named. */
export const DeviceActorSchema = Type.Object(
  {
    staffNo: Type.Optional(Type.String({ pattern: STAFF_NO_PATTERN, title: '工号' })),
    residentId: Type.Optional({ ...UuidSchema, title: '居民编号' }),
    staffProof: Type.Optional(StaffProofSchema),
  },
  { additionalProperties: false, title: '操作人' },
);

// Meals: hard limits only (generous); validateMenu judges the content in plain words.
/** "2026-11-23"; whether the day exists is the domain's call. */
export const CALENDAR_DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
export const CalendarDateSchema = Type.String({ pattern: CALENDAR_DATE_PATTERN, title: '日期' });
const literals = <T extends string>(values: readonly T[], title: string) => Type.Union(values.map((v) => Type.Literal(v)), { title });
export const MealKindSchema = literals(MEAL_KINDS, '午餐或晚餐');
export const MealSetCodeSchema = literals(MEAL_SET_CODES, '套餐');
export const DietTagSchema = literals(DIET_TAGS, '饮食标签');
export const MealModeSchema = literals(MEAL_MODES, '用餐方式');
export const MenuDraftSchema = Type.Object(
  {
    weekStart: { ...CalendarDateSchema, title: '这一周的星期一' },
    cutoff: Type.Object(
      {
        kind: Type.Union([Type.Literal('day-before'), Type.Literal('same-day')], { title: '截止规则' }),
        time: Type.String({ pattern: '^\\d{2}:\\d{2}$', title: '截止时间' }),
      },
      { additionalProperties: false, title: '订餐截止' },
    ),
    days: Type.Array(
      Type.Object(
        {
          date: CalendarDateSchema,
          meals: Type.Array(
            Type.Object(
              {
                meal: MealKindSchema,
                capacity: Type.Integer({ minimum: 0, maximum: MEAL_LIMITS.capacityMax * 10, title: '份数' }),
                modes: Type.Array(MealModeSchema, { maxItems: MEAL_MODES.length * 2, title: '用餐方式' }),
                sets: Type.Array(
                  Type.Object(
                    {
                      code: MealSetCodeSchema,
                      priceFen: Type.Integer({ minimum: 0, maximum: MEAL_LIMITS.priceMaxFen * 10, title: '价格（分）' }),
                      dishes: Type.Array(
                        Type.Object(
                          {
                            name: Type.String({ maxLength: MEAL_LIMITS.dishNameMax * 2, pattern: SINGLE_LINE_PATTERN, title: '菜名' }),
                            photo: Type.Union([Type.String({ maxLength: NOTICE_LIMITS.imageUrlMax, pattern: IMAGE_URL_PATTERN, title: '图片地址' }), Type.Null()], { title: '图片' }),
                            dietTags: Type.Array(DietTagSchema, { maxItems: DIET_TAGS.length * 2, title: '饮食标签' }),
                            healthLabel: Type.Union([literals(HEALTH_LABELS, '健康提示'), Type.Null()], { title: '健康提示' }),
                          },
                          { additionalProperties: false },
                        ),
                        { maxItems: MEAL_LIMITS.dishesPerSetMax * 2, title: '菜' },
                      ),
                      variants: Type.Array(DietTagSchema, { maxItems: DIET_TAGS.length * 2, title: '做法' }),
                    },
                    { additionalProperties: false },
                  ),
                  { maxItems: MEAL_SET_CODES.length * 2, title: '套餐' },
                ),
              },
              { additionalProperties: false },
            ),
            { maxItems: MEAL_KINDS.length * 2, title: '饭' },
          ),
        },
        { additionalProperties: false },
      ),
      { maxItems: 14, title: '每天的菜单' },
    ),
  },
  { additionalProperties: false },
);
export const MenuSavePayloadSchema = Type.Object(
  {
    menuId: { ...UuidSchema, title: '菜单编号' },
    baseRevision: Type.Union([Type.Integer({ minimum: 1, maximum: SEQ_MAX }), Type.Null()], { title: '基准版本' }),
    draft: MenuDraftSchema,
  },
  { additionalProperties: false },
);
const MealChoiceFields = {
  date: { ...CalendarDateSchema, title: '用餐日期' },
  meal: MealKindSchema,
  set: MealSetCodeSchema,
  variant: Type.Union([DietTagSchema, Type.Null()], { title: '做法' }),
  mode: MealModeSchema,
};
export const MealBookPayloadSchema = Type.Object(
  { bookingId: { ...UuidSchema, title: '订餐编号' }, ...MealChoiceFields, provisional: Type.Boolean({ title: '离线登记' }) },
  { additionalProperties: false },
);
export const MealCancelReasonSchema = Type.String({ maxLength: 100, pattern: SINGLE_LINE_PATTERN, title: '退订原因' });
export const MealCancelPayloadSchema = Type.Object(
  { bookingId: { ...UuidSchema, title: '订餐编号' }, reason: MealCancelReasonSchema },
  { additionalProperties: false },
);
/** Website booking (resident token): what the resident chose; the resident is the token's. */
export const MealQuoteBodySchema = Type.Object(MealChoiceFields, { additionalProperties: false });
export const MealBookBodySchema = Type.Object(
  {
    bookingId: { ...UuidSchema, title: '订餐编号' },
    ...MealChoiceFields,
    /** A family member is booking with the resident's phone + PIN (the page asked them); recorded as such. */
    onBehalf: Type.Optional(Type.Boolean({ title: '家属代订' })),
  },
  { additionalProperties: false },
);

// Volunteer: hard limits only; validateActivity / validateHoursCorrection judge content in plain words.
export const ActivityDraftSchema = Type.Object(
  {
    title: Type.String({ maxLength: VOLUNTEER_LIMITS.titleMax * 2, pattern: SINGLE_LINE_PATTERN, title: '活动名称' }),
    description: Type.String({ maxLength: VOLUNTEER_LIMITS.descriptionMax * 2, pattern: NO_NUL_PATTERN, title: '活动介绍' }),
    place: Type.String({ maxLength: VOLUNTEER_LIMITS.placeMax * 2, pattern: SINGLE_LINE_PATTERN, title: '活动地点' }),
    startAt: { ...DateTimeSchema, title: '开始时间' },
    endAt: { ...DateTimeSchema, title: '结束时间' },
    capacity: Type.Integer({ minimum: 1, maximum: VOLUNTEER_LIMITS.capacityMax, title: '招募人数' }),
    signupDeadline: { ...DateTimeSchema, title: '报名截止时间' },
    minAge: Type.Union([Type.Integer({ minimum: 0, maximum: VOLUNTEER_LIMITS.ageMax }), Type.Null()], { title: '最小年龄' }),
    maxAge: Type.Union([Type.Integer({ minimum: 0, maximum: VOLUNTEER_LIMITS.ageMax }), Type.Null()], { title: '最大年龄' }),
    requirements: Type.String({ maxLength: VOLUNTEER_LIMITS.requirementsMax * 2, pattern: NO_NUL_PATTERN, title: '参加要求' }),
    pointsPerHour: Type.Integer({ minimum: 0, maximum: VOLUNTEER_LIMITS.pointsPerHourMax, title: '每小时积分' }),
    photo: Type.Union([Type.String({ maxLength: NOTICE_LIMITS.imageUrlMax, pattern: IMAGE_URL_PATTERN, title: '图片地址' }), Type.Null()], { title: '图片' }),
    cancelled: Type.Boolean({ title: '活动取消' }),
  },
  { additionalProperties: false },
);
export const ActivitySavePayloadSchema = Type.Object(
  {
    activityId: { ...UuidSchema, title: '活动编号' },
    baseRevision: Type.Union([Type.Integer({ minimum: 1, maximum: SEQ_MAX }), Type.Null()], { title: '基准版本' }),
    draft: ActivityDraftSchema,
  },
  { additionalProperties: false },
);
export const VolunteerSignUpPayloadSchema = Type.Object(
  { signUpId: { ...UuidSchema, title: '报名编号' }, activityId: { ...UuidSchema, title: '活动编号' }, provisional: Type.Boolean({ title: '离线登记' }) },
  { additionalProperties: false },
);
export const VolunteerCancelReasonSchema = Type.String({ maxLength: 100, pattern: SINGLE_LINE_PATTERN, title: '取消原因' });
export const VolunteerCancelPayloadSchema = Type.Object({ signUpId: { ...UuidSchema, title: '报名编号' }, reason: VolunteerCancelReasonSchema }, { additionalProperties: false });
export const VolunteerAttendancePayloadSchema = Type.Object({ signUpId: { ...UuidSchema, title: '报名编号' }, at: { ...DateTimeSchema, title: '签到签退时间' } }, { additionalProperties: false });
export const VolunteerHoursCorrectionPayloadSchema = Type.Object(
  {
    correctionId: { ...UuidSchema, title: '更正编号' },
    signUpId: { ...UuidSchema, title: '报名编号' },
    hours: Type.Number({ minimum: 0, maximum: VOLUNTEER_LIMITS.correctionHoursMax, title: '更正后的时长' }),
    reason: Type.String({ maxLength: VOLUNTEER_LIMITS.correctionReasonMax * 2, pattern: SINGLE_LINE_PATTERN, title: '更正原因' }),
  },
  { additionalProperties: false },
);
export const VolunteerHoursCorrectionDecisionPayloadSchema = Type.Object(
  { correctionId: { ...UuidSchema, title: '更正编号' }, approve: Type.Boolean({ title: '同意' }) },
  { additionalProperties: false },
);

function commandSchema<T extends string, P extends TSchema>(type: T, payload: P, actor: typeof CommandActorSchema | typeof DeviceActorSchema = CommandActorSchema) {
  return Type.Object(
    {
      id: UuidSchema,
      seq: Type.Integer({ minimum: 1, maximum: SEQ_MAX, title: '序号' }),
      type: Type.Literal(type, { title: '指令类型' }),
      payload,
      actor,
      createdAt: DateTimeSchema,
    },
    { additionalProperties: false },
  );
}

export const NoticeSaveCommandSchema = commandSchema('notice.save', NoticeSavePayloadSchema);
export const ResidentRegisterCommandSchema = commandSchema('resident.register', ResidentRegisterPayloadSchema);
export const ResidentSetPinCommandSchema = commandSchema('resident.set-pin', ResidentSetPinPayloadSchema);
export const ResidentProxySessionCommandSchema = commandSchema('resident.proxy-session', ResidentProxySessionPayloadSchema);
export const ResidentRankingOptOutCommandSchema = commandSchema('resident.ranking-opt-out', ResidentRankingOptOutPayloadSchema);
export const CatalogueSaveCommandSchema = commandSchema('catalogue.save', CatalogueSavePayloadSchema);
export const PointsAwardCommandSchema = commandSchema('points.award', PointsAwardPayloadSchema);
export const PointsRedeemCommandSchema = commandSchema('points.redeem', PointsRedeemPayloadSchema);
export const PointsRedeemCancelCommandSchema = commandSchema('points.redeem-cancel', PointsRedeemCancelPayloadSchema);
export const PointsHandoutCommandSchema = commandSchema('points.handout', PointsHandoutPayloadSchema);
export const PointsReverseCommandSchema = commandSchema('points.reverse', PointsReversePayloadSchema);
export const PointsAllowanceRenewCommandSchema = commandSchema('points.allowance-renew', PointsAllowanceRenewPayloadSchema, DeviceActorSchema);
export const MenuSaveCommandSchema = commandSchema('menu.save', MenuSavePayloadSchema);
export const MealBookCommandSchema = commandSchema('meal.book', MealBookPayloadSchema);
export const MealCancelCommandSchema = commandSchema('meal.cancel', MealCancelPayloadSchema);
export const ActivitySaveCommandSchema = commandSchema('activity.save', ActivitySavePayloadSchema);
export const VolunteerSignUpCommandSchema = commandSchema('volunteer.sign-up', VolunteerSignUpPayloadSchema);
export const VolunteerCancelCommandSchema = commandSchema('volunteer.cancel', VolunteerCancelPayloadSchema);
export const VolunteerCheckInCommandSchema = commandSchema('volunteer.check-in', VolunteerAttendancePayloadSchema);
export const VolunteerCheckOutCommandSchema = commandSchema('volunteer.check-out', VolunteerAttendancePayloadSchema);
export const VolunteerHoursCorrectionCommandSchema = commandSchema('volunteer.hours-correction', VolunteerHoursCorrectionPayloadSchema);
export const VolunteerHoursCorrectionDecisionCommandSchema = commandSchema('volunteer.hours-correction-decision', VolunteerHoursCorrectionDecisionPayloadSchema);
/** Discriminated by `type`; the server's validator reports the errors of the member `type` names. */
export const CommandSchema = Type.Union(
  [
    NoticeSaveCommandSchema,
    ResidentRegisterCommandSchema,
    ResidentSetPinCommandSchema,
    ResidentProxySessionCommandSchema,
    ResidentRankingOptOutCommandSchema,
    CatalogueSaveCommandSchema,
    PointsAwardCommandSchema,
    PointsRedeemCommandSchema,
    PointsRedeemCancelCommandSchema,
    PointsHandoutCommandSchema,
    PointsReverseCommandSchema,
    PointsAllowanceRenewCommandSchema,
    MenuSaveCommandSchema,
    MealBookCommandSchema,
    MealCancelCommandSchema,
    ActivitySaveCommandSchema,
    VolunteerSignUpCommandSchema,
    VolunteerCancelCommandSchema,
    VolunteerCheckInCommandSchema,
    VolunteerCheckOutCommandSchema,
    VolunteerHoursCorrectionCommandSchema,
    VolunteerHoursCorrectionDecisionCommandSchema,
  ],
  { title: '指令' },
);

export const PushRequestSchema = Type.Object(
  {
    commands: Type.Array(CommandSchema, { maxItems: PUSH_BATCH_MAX, title: '指令列表' }),
    ackedSeq: Type.Optional(Type.Integer({ minimum: 0, maximum: SEQ_MAX, title: '已确认序号' })),
  },
  { additionalProperties: false },
);

export const PullQuerySchema = Type.Object(
  {
    cursor: Type.Integer({ minimum: 0, maximum: SEQ_MAX, title: '游标' }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: PULL_PAGE_MAX, title: '数量' })),
    /** The highest seq the kiosk has had acknowledged (see PushRequest.ackedSeq). */
    acked: Type.Optional(Type.Integer({ minimum: 0, maximum: SEQ_MAX, title: '已确认序号' })),
  },
  { additionalProperties: false },
);

export const NOTICE_LIST_LIMIT_MAX = 200;
export const NoticeListQuerySchema = Type.Object(
  {
    board: Type.Optional(Type.Array(BoardSchema, { maxItems: BOARDS.length * 2, title: '栏目' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: NOTICE_LIST_LIMIT_MAX, title: '数量' })),
  },
  { additionalProperties: false },
);

export const StationParamsSchema = Type.Object({ stationId: { ...UuidSchema, title: '服务站编号' } }, { additionalProperties: false });
export const NoticeParamsSchema = Type.Object(
  { stationId: { ...UuidSchema, title: '服务站编号' }, noticeId: { ...UuidSchema, title: '公告编号' } },
  { additionalProperties: false },
);

export const StaffLoginBodySchema = Type.Object(
  {
    stationId: { ...UuidSchema, title: '服务站编号' },
    staffNo: Type.String({ pattern: STAFF_NO_PATTERN, title: '工号' }),
    /** The staff secret: ten digits (domain/staff-secret.ts), not a resident's 4-digit PIN. */
    pin: Type.String({ pattern: STAFF_SECRET_PATTERN, title: '工作人员密码（10 位数字）' }),
  },
  { additionalProperties: false },
);

export const ResidentLoginBodySchema = Type.Object(
  {
    stationId: { ...UuidSchema, title: '服务站编号' },
    phone: Type.String({ pattern: PHONE_PATTERN, title: '手机号' }),
    pin: Type.String({ pattern: PIN_PATTERN, title: '密码' }),
  },
  { additionalProperties: false },
);

/** Creating a pairing code takes no input; an empty object (or no body) is accepted. */
export const PairingCodeBodySchema = Type.Union([Type.Null(), Type.Object({}, { additionalProperties: false })]);

export const DevicePairBodySchema = Type.Object(
  {
    code: Type.String({ pattern: PAIRING_CODE_INPUT_PATTERN, title: '配对码' }),
    name: Type.String({ minLength: 1, maxLength: 60, pattern: SINGLE_LINE_PATTERN, title: '设备名称' }),
  },
  { additionalProperties: false },
);

export const AUDIT_LIST_LIMIT_MAX = 500;
export const AuditQuerySchema = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: AUDIT_LIST_LIMIT_MAX, title: '数量' })) },
  { additionalProperties: false },
);

export const RankingQuerySchema = Type.Object(
  { period: Type.Optional(Type.Union([Type.Literal('year'), Type.Literal('month')], { title: '时间范围' })) },
  { additionalProperties: false },
);
export const RedemptionBodySchema = Type.Object(
  {
    redemptionId: { ...UuidSchema, title: '兑换编号' },
    itemId: { ...UuidSchema, title: '商品编号' },
    quantity: Type.Integer({ minimum: 1, maximum: POINTS_LIMITS.quantityMax, title: '数量' }),
  },
  { additionalProperties: false },
);
export const RedemptionParamsSchema = Type.Object({ redemptionId: { ...UuidSchema, title: '兑换编号' } }, { additionalProperties: false });
export const TransferParamsSchema = Type.Object({ transferId: { ...UuidSchema, title: '积分记录编号' } }, { additionalProperties: false });
/** A body that carries nothing: an empty object, or no body at all. */
export const EmptyBodySchema = Type.Union([Type.Null(), Type.Object({}, { additionalProperties: false })]);
export const DeedPointsBodySchema = Type.Object(
  {
    points: Type.Object(Object.fromEntries(DEEDS.map((d) => [d, Type.Integer({ minimum: 0, maximum: POINTS_LIMITS.transferMax, title: d })])) as Record<Deed, ReturnType<typeof Type.Integer>>, {
      additionalProperties: false,
      title: '每项积分',
    }),
  },
  { additionalProperties: false },
);
export const StaffRedemptionQuerySchema = Type.Object(
  {
    code: Type.Optional(Type.String({ pattern: '^[0-9A-Za-z]{1,6}$', title: '兑换码' })),
    status: Type.Optional(Type.Union([Type.Literal('confirmed'), Type.Literal('handed-out'), Type.Literal('cancelled')], { title: '状态' })),
  },
  { additionalProperties: false },
);
export const ReverseBodySchema = Type.Object({ reversalId: { ...UuidSchema, title: '冲正记录编号' }, reason: ReasonSchema }, { additionalProperties: false });

export type RankingQuery = Static<typeof RankingQuerySchema>;
export type RedemptionBody = Static<typeof RedemptionBodySchema>;
export type StaffRedemptionQuery = Static<typeof StaffRedemptionQuerySchema>;
export type ReverseBody = Static<typeof ReverseBodySchema>;
export type DeedPointsBody = Pick<DeedPointsTable, 'points'>;
export type PointsAwardBody = PointsAwardPayload;

export type NoticeListQuery = Static<typeof NoticeListQuerySchema>;
export type PullQuery = Static<typeof PullQuerySchema>;
export type StaffLoginBody = Static<typeof StaffLoginBodySchema>;
export type DevicePairBody = Static<typeof DevicePairBodySchema>;
export type AuditQuery = Static<typeof AuditQuerySchema>;
export type ResidentLoginBody = Static<typeof ResidentLoginBodySchema>;

/** What a website gets after a resident signs in: never a hash, never the full phone number. */
export interface ResidentLoginResponse {
  token: string;
  /** Short-lived (RESIDENT_SESSION_MINUTES), ISO-8601 UTC. */
  expiresAt: string;
  resident: { id: string; name: string; building: string; phone: string };
}

export interface StaffLoginResponse {
  token: string;
  /** When the session ends (12 hours after login), ISO-8601 UTC. */
  expiresAt: string;
  staff: { staffNo: string; name: string; role: StaffRole };
}

export interface PairingCodeResponse {
  code: string;
  expiresAt: string;
}

export interface DevicePairResponse {
  deviceId: string;
  deviceToken: string;
  stationId: string;
}

/** One line of the append-only audit log. */
export interface AuditEntry {
  id: number;
  at: string;
  stationId: string;
  staffId: string | null;
  staffNo: string | null;
  /** The resident acted for (proxy) or acting (resident), if any. */
  residentId: string | null;
  /** Who acted: staff alone, a resident, or staff for a resident (proxy); null for the system. */
  actorKind: ActorKind | null;
  deviceId: string | null;
  action: string;
  entity: string | null;
  entityId: string | null;
  detail: string;
}

export interface ApiError {
  /** A stable machine-readable code, e.g. `bad-request`, `locked`. */
  error: string;
  /** One plain Chinese sentence for a person. */
  message: string;
}

// The schemas must describe exactly the domain types: these fail to compile when they drift.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const draftMatches: Same<Static<typeof NoticeDraftSchema>, NoticeDraft> = true;
const commandMatches: Same<Static<typeof CommandSchema>, Command> = true;
const actorMatches: Same<Static<typeof CommandActorSchema>, Command['actor']> = true;
const pushMatches: Same<Static<typeof PushRequestSchema>, PushRequest> = true;
const itemDraftMatches: Same<Static<typeof CatalogueItemDraftSchema>, CatalogueItemDraft> = true;
const deedsMatch: Same<Static<typeof DeedPointsBodySchema>, DeedPointsBody> = true;
const menuDraftMatches: Same<Static<typeof MenuDraftSchema>, MenuDraft> = true;
export const SCHEMAS_MATCH_DOMAIN = menuDraftMatches && draftMatches && commandMatches && actorMatches && pushMatches && itemDraftMatches && deedsMatch;

/** Staff device management: one paired kiosk of the station (never its token or token hash). */
export interface StaffDeviceView {
  id: string;
  name: string;
  createdAt: string;
  /** The last time a command from it was stored (pulls are not recorded); null: none yet. */
  lastCommandAt: string | null;
  revokedAt: string | null;
}
export const DeviceParamsSchema = Type.Object({ deviceId: { ...UuidSchema, title: '终端编号' } }, { additionalProperties: false });
/** Revoking takes an optional reason for the audit log; an empty object or no body is fine too. */
export const DeviceRevokeBodySchema = Type.Union([
  Type.Null(),
  Type.Object({ reason: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: SINGLE_LINE_PATTERN, title: '停用原因' })) }, { additionalProperties: false }),
]);
export type DeviceParams = Static<typeof DeviceParamsSchema>;
export type DeviceRevokeBody = Static<typeof DeviceRevokeBodySchema>;
