/**
 * JSON schemas (TypeBox) of the HTTP API, shared so the server validates exactly the shapes the
 * kiosk and the widgets send. Plain JSON Schema: no `format` keywords (they would need a format
 * registry on every side), patterns instead.
 *
 * The split of work: a schema checks shape and hard limits and answers 400 for the whole request
 * (a client that sends these is broken or hostile); the domain rules (validateNoticeDraft) judge
 * content and, inside a sync push, produce a `rejected` outcome with a reason a person can read.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { BOARDS, NOTICE_LIMITS, type NoticeDraft } from './notice.ts';
import { RESIDENT_LIMITS } from './resident.ts';
import type { StaffRole } from './station.ts';
import { PULL_PAGE_MAX, PUSH_BATCH_MAX, type ActorKind, type Command, type PushRequest } from './sync.ts';

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
export const DateTimeSchema = Type.String({ pattern: DATE_TIME_PATTERN, maxLength: 40, title: '时间' });
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

/** Staff, resident, or both (proxy); never neither. */
export const CommandActorSchema = Type.Object(
  {
    staffNo: Type.Optional(Type.String({ pattern: STAFF_NO_PATTERN, title: '工号' })),
    residentId: Type.Optional({ ...UuidSchema, title: '居民编号' }),
  },
  { additionalProperties: false, minProperties: 1, title: '操作人' },
);

function commandSchema<T extends string, P extends TSchema>(type: T, payload: P) {
  return Type.Object(
    {
      id: UuidSchema,
      seq: Type.Integer({ minimum: 1, maximum: SEQ_MAX, title: '序号' }),
      type: Type.Literal(type, { title: '指令类型' }),
      payload,
      actor: CommandActorSchema,
      createdAt: DateTimeSchema,
    },
    { additionalProperties: false },
  );
}

export const NoticeSaveCommandSchema = commandSchema('notice.save', NoticeSavePayloadSchema);
export const ResidentRegisterCommandSchema = commandSchema('resident.register', ResidentRegisterPayloadSchema);
export const ResidentSetPinCommandSchema = commandSchema('resident.set-pin', ResidentSetPinPayloadSchema);
export const ResidentProxySessionCommandSchema = commandSchema('resident.proxy-session', ResidentProxySessionPayloadSchema);
/** Discriminated by `type`; the server's validator reports the errors of the member `type` names. */
export const CommandSchema = Type.Union(
  [NoticeSaveCommandSchema, ResidentRegisterCommandSchema, ResidentSetPinCommandSchema, ResidentProxySessionCommandSchema],
  { title: '指令' },
);

export const PushRequestSchema = Type.Object(
  { commands: Type.Array(CommandSchema, { maxItems: PUSH_BATCH_MAX, title: '指令列表' }) },
  { additionalProperties: false },
);

export const PullQuerySchema = Type.Object(
  {
    cursor: Type.Integer({ minimum: 0, maximum: SEQ_MAX, title: '游标' }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: PULL_PAGE_MAX, title: '数量' })),
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
    pin: Type.String({ pattern: PIN_PATTERN, title: '密码' }),
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
export const SCHEMAS_MATCH_DOMAIN = draftMatches && commandMatches && actorMatches && pushMatches;
