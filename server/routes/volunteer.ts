/**
 * Volunteer service over HTTP (docs/architecture.md, "Volunteer"): upcoming activities with places
 * left for anyone (CORS, ETag, nobody named), a resident's own sign-ups for websites (resident
 * token, CORS), and the staff desk (staff token, no CORS): attendance in batch, rounding rule, CSV
 * and certificate data. Decisions are the same functions the sync commands run.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Static } from '@sinclair/typebox';
import {
  formatServiceHours,
  maskName,
  RoundingRuleBodySchema,
  StationParamsSchema,
  stationDateOf,
  validateRoundingRule,
  VolunteerActivityParamsSchema,
  VolunteerBatchAttendanceBodySchema,
  VolunteerCancelBodySchema,
  VolunteerCertificateQuerySchema,
  VolunteerExportQuerySchema,
  VolunteerResidentParamsSchema,
  VolunteerSignUpBodySchema,
  VolunteerSignUpParamsSchema,
  type RoundingRuleBody,
  type VolunteerBatchAttendanceBody,
  type VolunteerCancelBody,
  type VolunteerExportQuery,
  type VolunteerSignUpBody,
  type VolunteerSignUpRecord,
} from '../../domain/index.ts';
import { writeAudit } from '../audit/audit-log.ts';
import { authenticateResident, authenticateStaff, type StaffPrincipal } from '../auth/principals.ts';
import type { ServerContext } from '../context.ts';
import { recordChange } from '../content/changes.ts';
import { websiteRecordId } from '../content/website-record-id.ts';
import { findStation } from '../content/stations.ts';
import { lockStation } from '../db/lock-order.ts';
import { inWriteTransaction } from '../db/transaction-retry.ts';
import { sendCacheable } from '../http/cacheable.ts';
import { applyCors, residentOrigins } from '../http/cors.ts';
import { HttpError, notFound } from '../http/http-error.ts';
import { checkIn, checkOut } from '../volunteer/attendance.ts';
import { cancelSignUp, signUpForActivity } from '../volunteer/sign-ups.ts';
import { attendanceList, certificateOf, publicActivities, residentVolunteer, volunteerCsv } from '../volunteer/volunteer-reads.ts';
import { saveRoundingRule, stationRoundingRule } from '../volunteer/volunteer-store.ts';

async function publish(trx: Parameters<typeof recordChange>[0], stationId: string, signUps: readonly VolunteerSignUpRecord[]): Promise<number | undefined> {
  let seq: number | undefined;
  for (const s of signUps) seq = await recordChange(trx, stationId, 'volunteer-sign-up', s.id, s);
  return seq;
}

function registerPublic(app: FastifyInstance, ctx: ServerContext): void {
  // The preflight for /api/stations/* is answered by the public-read plugin.
  app.addHook('onRequest', async (request, reply) => applyCors(ctx.corsOrigins, request, reply));
  app.get<{ Params: Static<typeof StationParamsSchema> }>('/api/stations/:stationId/volunteer/activities', { schema: { params: StationParamsSchema } }, async (request, reply) => {
    const { stationId } = request.params;
    if (!(await findStation(ctx.db, stationId))) throw notFound('没有找到这个服务站');
    return sendCacheable(request, reply, await publicActivities(ctx.db, stationId, ctx.clock()));
  });
}

function registerResident(app: FastifyInstance, ctx: ServerContext): void {
  // The preflight for /api/residents/* is answered by the resident plugin.
  app.addHook('onRequest', async (request, reply) => applyCors(residentOrigins(ctx.corsOrigins), request, reply));

  app.get('/api/residents/me/volunteer', async (request) => {
    const me = await authenticateResident(ctx, request);
    return residentVolunteer(ctx.db, me.residentId);
  });

  app.post<{ Body: VolunteerSignUpBody }>('/api/residents/me/volunteer/sign-ups', { schema: { body: VolunteerSignUpBodySchema } }, async (request, reply) => {
    const me = await authenticateResident(ctx, request);
    const result = await inWriteTransaction(ctx.db, async (trx) => {
      const now = ctx.clock();
      const signUpId = await websiteRecordId(trx, 'volunteer_sign_ups', request.body.signUpId, me.residentId);
      const r = await signUpForActivity(trx, ctx.dialect, { ...request.body, signUpId, stationId: me.stationId, residentId: me.residentId, provisional: false, signedUpBy: 'resident', channel: 'website', deviceId: null, now, madeAt: now });
      if (r.kind !== 'signed-up') return { r };
      const changeSeq = await recordChange(trx, me.stationId, 'volunteer-sign-up', r.signUp.id, r.signUp);
      await writeAudit(trx, now, {
        stationId: me.stationId,
        residentId: me.residentId,
        action: 'volunteer.sign-up',
        entity: 'volunteer-sign-up',
        entityId: r.signUp.id,
        detail: `居民网上报名“${r.activity.title}”：${r.signUp.status === 'confirmed' ? '报上名' : '候补'}`,
      });
      return { r, changeSeq };
    });
    if (result.changeSeq !== undefined) ctx.notifier.poke(me.stationId, result.changeSeq);
    const { r } = result;
    if (r.kind === 'signed-up') return reply.code(201).send({ signUp: r.signUp, overlapping: r.overlapping });
    if (r.kind === 'duplicate') return reply.code(200).send({ signUp: r.signUp, overlapping: r.overlapping });
    if (r.kind === 'refused') throw new HttpError(409, r.refusal, r.message);
    if (r.kind === 'id-taken') throw new HttpError(409, 'sign-up-id-taken', '这个报名编号已经用过了，请重新报名');
    if (r.kind === 'unknown-activity') throw notFound('没有找到这个活动');
    throw notFound('没有找到这位居民');
  });

  app.post<{ Params: Static<typeof VolunteerSignUpParamsSchema>; Body: VolunteerCancelBody }>(
    '/api/residents/me/volunteer/sign-ups/:signUpId/cancel',
    { schema: { params: VolunteerSignUpParamsSchema, body: VolunteerCancelBodySchema } },
    async (request) => {
      const me = await authenticateResident(ctx, request);
      const result = await inWriteTransaction(ctx.db, async (trx) => {
        const now = ctx.clock();
        const c = await cancelSignUp(trx, ctx.dialect, { stationId: me.stationId, signUpId: request.params.signUpId, reason: request.body?.reason ?? '', residentOnly: me.residentId, now });
        if (c.kind !== 'cancelled') return { c };
        const changeSeq = await publish(trx, me.stationId, [c.signUp, ...c.promoted]);
        await writeAudit(trx, now, {
          stationId: me.stationId,
          residentId: me.residentId,
          action: 'volunteer.cancel',
          entity: 'volunteer-sign-up',
          entityId: c.signUp.id,
          detail: `居民网上取消报名${c.promoted.length > 0 ? '，候补第一位自动报上' : ''}`,
        });
        return { c, changeSeq };
      });
      if (result.changeSeq !== undefined) ctx.notifier.poke(me.stationId, result.changeSeq);
      const { c } = result;
      if (c.kind === 'not-found') throw notFound('没有找到这次报名');
      if (c.kind === 'cannot') throw new HttpError(409, 'cannot-cancel', c.message);
      return { signUp: c.signUp };
    },
  );
}

function registerStaff(app: FastifyInstance, ctx: ServerContext): void {
  const staffOf = new WeakMap<FastifyRequest, StaffPrincipal>();
  // Before the body is read: strangers cannot make the server parse anything.
  app.addHook('onRequest', async (request) => {
    staffOf.set(request, await authenticateStaff(ctx, request));
  });
  const staff = (request: FastifyRequest) => staffOf.get(request)!;
  const audit = (s: StaffPrincipal) => ({ stationId: s.stationId, staffId: s.staffId, staffNo: s.staffNo, actorKind: 'staff' as const });

  app.get<{ Params: Static<typeof VolunteerActivityParamsSchema> }>(
    '/api/staff/volunteer/activities/:activityId/attendance',
    { schema: { params: VolunteerActivityParamsSchema } },
    async (request, reply) => {
      const list = await attendanceList(ctx.db, staff(request).stationId, request.params.activityId);
      if (!list) throw notFound('没有找到这个活动');
      reply.header('cache-control', 'no-store');
      return list;
    },
  );

  for (const kind of ['check-in', 'check-out'] as const) {
    app.post<{ Params: Static<typeof VolunteerActivityParamsSchema>; Body: VolunteerBatchAttendanceBody }>(
      `/api/staff/volunteer/activities/:activityId/attendance/${kind}`,
      { schema: { params: VolunteerActivityParamsSchema, body: VolunteerBatchAttendanceBodySchema } },
      async (request) => {
        const s = staff(request);
        const at = new Date(request.body.at);
        if (Number.isNaN(at.getTime())) throw new HttpError(400, 'bad-request', '请求格式不正确：「时间」不是真实的时间');
        const ids = [...new Set(request.body.signUpIds)];
        const word = kind === 'check-in' ? '签到' : '签退';
        const result = await inWriteTransaction(ctx.db, async (trx) => {
          const now = ctx.clock();
          // The station row first (lock order, server/db/lock-order.ts): each check-in below takes it.
          await lockStation(trx, ctx.dialect, s.stationId);
          const activity = await trx.selectFrom('activities').select(['id', 'title']).where('id', '=', request.params.activityId).where('station_id', '=', s.stationId).executeTakeFirst();
          if (!activity) return null;
          const results: { signUpId: string; result: 'done' | 'duplicate' | 'refused'; message: string | null; signUp: VolunteerSignUpRecord | null }[] = [];
          let changeSeq: number | undefined;
          const ofActivity = new Set((await trx.selectFrom('volunteer_sign_ups').select('id').where('activity_id', '=', activity.id).execute()).map((r) => r.id));
          for (const signUpId of ids) {
            if (!ofActivity.has(signUpId)) {
              results.push({ signUpId, result: 'refused', message: '这个活动没有这次报名', signUp: null });
              continue;
            }
            const req = { stationId: s.stationId, signUpId, at, residentOnly: null, now };
            const r = kind === 'check-in' ? await checkIn(trx, ctx.dialect, req) : await checkOut(trx, ctx.dialect, req);
            if (r.kind === 'not-found') {
              results.push({ signUpId, result: 'refused', message: '这个活动没有这次报名', signUp: null });
              continue;
            }
            if (r.kind === 'cannot') {
              results.push({ signUpId, result: 'refused', message: r.message, signUp: null });
              continue;
            }
            if (r.kind === 'duplicate') {
              results.push({ signUpId, result: 'duplicate', message: null, signUp: r.signUp });
              continue;
            }
            changeSeq = await recordChange(trx, s.stationId, 'volunteer-sign-up', r.signUp.id, r.signUp);
            if (r.pointsChangeSeq !== undefined) changeSeq = Math.max(changeSeq, r.pointsChangeSeq);
            const name = await trx.selectFrom('residents').select('name').where('id', '=', r.signUp.residentId).executeTakeFirstOrThrow();
            const hours = kind === 'check-out' ? `，计 ${formatServiceHours(r.signUp.hours ?? 0)}，${r.signUp.points} 积分` : '';
            await writeAudit(trx, now, { ...audit(s), residentId: r.signUp.residentId, action: `volunteer.${kind}`, entity: 'volunteer-sign-up', entityId: signUpId, detail: `工作人员为居民 ${maskName(name.name)} ${word}：${activity.title}${hours}` });
            results.push({ signUpId, result: 'done', message: null, signUp: r.signUp });
          }
          return { results, changeSeq };
        });
        if (!result) throw notFound('没有找到这个活动');
        if (result.changeSeq !== undefined) ctx.notifier.poke(s.stationId, result.changeSeq);
        return { results: result.results };
      },
    );
  }

  app.get('/api/staff/volunteer/rounding-rule', async (request) => stationRoundingRule(ctx.db, staff(request).stationId));

  app.put<{ Body: RoundingRuleBody }>('/api/staff/volunteer/rounding-rule', { schema: { body: RoundingRuleBodySchema } }, async (request) => {
    const s = staff(request);
    const problems = validateRoundingRule(request.body.rule);
    if (problems.length > 0) throw new HttpError(400, 'invalid-rule', `时长取整规则没有保存：${problems.join('；')}`);
    return inWriteTransaction(ctx.db, async (trx) => {
      // The station row first: two saves number their revisions one after the other.
      await lockStation(trx, ctx.dialect, s.stationId);
      const saved = await saveRoundingRule(trx, s.stationId, request.body.rule, ctx.clock());
      await writeAudit(trx, ctx.clock(), { ...audit(s), action: 'volunteer.rounding-rule', entity: 'volunteer-rounding-rule', entityId: s.stationId, detail: `修改志愿服务时长取整规则（第 ${saved.revision} 版）` });
      return saved;
    });
  });

  app.get<{ Querystring: VolunteerExportQuery }>('/api/staff/volunteer/export.csv', { schema: { querystring: VolunteerExportQuerySchema } }, async (request, reply) => {
    const s = staff(request);
    const { kind } = request.query;
    const csv = await volunteerCsv(ctx.db, s.stationId, kind);
    await writeAudit(ctx.db, ctx.clock(), { ...audit(s), action: 'volunteer.export', entity: 'volunteer-export', entityId: kind, detail: `导出志愿服务表（${kind}）` });
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="volunteer-${kind}.csv"`)
      .header('cache-control', 'no-store')
      .send(csv);
  });

  app.get<{ Params: Static<typeof VolunteerResidentParamsSchema>; Querystring: Static<typeof VolunteerCertificateQuerySchema> }>(
    '/api/staff/volunteer/certificates/:residentId',
    { schema: { params: VolunteerResidentParamsSchema, querystring: VolunteerCertificateQuerySchema } },
    async (request, reply) => {
      const s = staff(request);
      const year = request.query.year ?? Number(stationDateOf(ctx.clock()).slice(0, 4));
      const data = await certificateOf(ctx.db, s.stationId, request.params.residentId, year);
      if (!data) throw notFound('没有找到这位居民');
      await writeAudit(ctx.db, ctx.clock(), { ...audit(s), residentId: request.params.residentId, action: 'volunteer.certificate', entity: 'volunteer-certificate', entityId: request.params.residentId, detail: `打印 ${maskName(data.residentName)} ${year} 年志愿服务时长证明` });
      reply.header('cache-control', 'no-store');
      return data;
    },
  );
}

export function volunteerRoutes(ctx: ServerContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.register(async (scope) => registerPublic(scope, ctx));
    app.register(async (scope) => registerResident(scope, ctx));
    app.register(async (scope) => registerStaff(scope, ctx));
  };
}
