/**
 * JSON schemas of the volunteer routes (the command payload schemas live with the others in
 * schemas.ts, because the push schema is built there).
 */
import { Type, type Static } from '@sinclair/typebox';
import { DateTimeSchema, UuidSchema, VolunteerCancelReasonSchema } from './schemas.ts';

export const VolunteerSignUpBodySchema = Type.Object(
  { signUpId: { ...UuidSchema, title: '报名编号' }, activityId: { ...UuidSchema, title: '活动编号' } },
  { additionalProperties: false },
);
export const VolunteerSignUpParamsSchema = Type.Object({ signUpId: { ...UuidSchema, title: '报名编号' } }, { additionalProperties: false });
export const VolunteerActivityParamsSchema = Type.Object({ activityId: { ...UuidSchema, title: '活动编号' } }, { additionalProperties: false });
export const VolunteerResidentParamsSchema = Type.Object({ residentId: { ...UuidSchema, title: '居民编号' } }, { additionalProperties: false });
export const VolunteerCancelBodySchema = Type.Union([Type.Null(), Type.Object({ reason: Type.Optional(VolunteerCancelReasonSchema) }, { additionalProperties: false })]);
export const VolunteerBatchAttendanceBodySchema = Type.Object(
  {
    signUpIds: Type.Array({ ...UuidSchema, title: '报名编号' }, { minItems: 1, maxItems: 1000, title: '报名编号列表' }),
    at: { ...DateTimeSchema, title: '时间' },
  },
  { additionalProperties: false },
);
export const VolunteerExportQuerySchema = Type.Object(
  { kind: Type.Union([Type.Literal('activities'), Type.Literal('sign-ups'), Type.Literal('hours')], { title: '导出内容' }) },
  { additionalProperties: false },
);
export const VolunteerCertificateQuerySchema = Type.Object(
  { year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, title: '年份' })) },
  { additionalProperties: false },
);
export const RoundingRuleSchema = Type.Object(
  {
    thresholds: Type.Array(
      Type.Object({ upToMinutes: Type.Integer({ minimum: 0, maximum: 24 * 60, title: '分钟数' }), hours: Type.Number({ minimum: 0, maximum: 24, title: '计入小时' }) }, { additionalProperties: false }),
      { maxItems: 12, title: '分档' },
    ),
    otherwise: Type.Object(
      {
        unitMinutes: Type.Integer({ minimum: 1, maximum: 24 * 60, title: '取整单位' }),
        mode: Type.Union([Type.Literal('half-up'), Type.Literal('down'), Type.Literal('up')], { title: '取整方式' }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export const RoundingRuleBodySchema = Type.Object({ rule: RoundingRuleSchema }, { additionalProperties: false });

export type VolunteerSignUpBody = Static<typeof VolunteerSignUpBodySchema>;
export type VolunteerCancelBody = Static<typeof VolunteerCancelBodySchema>;
export type VolunteerBatchAttendanceBody = Static<typeof VolunteerBatchAttendanceBodySchema>;
export type VolunteerExportQuery = Static<typeof VolunteerExportQuerySchema>;
export type RoundingRuleBody = Static<typeof RoundingRuleBodySchema>;
