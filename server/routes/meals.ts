/**
 * Meals over HTTP (docs/architecture.md, "Meals"): this week's menu and seats for anyone (CORS,
 * ETag), a resident's own bookings for websites (resident token, CORS), and the staff desk
 * (staff token, no CORS). Decisions are the same functions the sync commands run.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Static } from '@sinclair/typebox';
import {
  EmptyBodySchema,
  isoWeekday,
  maskName,
  MEAL_BOOKING_REFUSALS,
  MEAL_KIND_LABELS,
  MealBookBodySchema,
  MealBookingParamsSchema,
  MealCancelBodySchema,
  MealDateQuerySchema,
  MealDeliveryQuerySchema,
  MealFlagsBodySchema,
  MealMonthQuerySchema,
  MealQuoteBodySchema,
  MealResidentParamsSchema,
  MealWeekParamsSchema,
  MealWeekQuerySchema,
  mondayOf,
  StationParamsSchema,
  stationDateOf,
  SubsidyPolicyBodySchema,
  validateSubsidyPolicy,
  isCalendarDate,
  type MealBookingRecord,
  type MealDateQuery,
  type MealDeliveryQuery,
  type MealFlagsBody,
  type MealMonthQuery,
  type MealWeekQuery,
  type SubsidyPolicyBody,
} from '../../domain/index.ts';
import { writeAudit } from '../audit/audit-log.ts';
import { authenticateResident, authenticateStaff, type StaffPrincipal } from '../auth/principals.ts';
import type { ServerContext } from '../context.ts';
import { recordChange } from '../content/changes.ts';
import { websiteRecordId } from '../content/website-record-id.ts';
import { findStation } from '../content/stations.ts';
import { sendCacheable } from '../http/cacheable.ts';
import { applyCors, residentOrigins } from '../http/cors.ts';
import { HttpError, notFound } from '../http/http-error.ts';
import { bookMeal, cancelMeal, quoteMeal } from '../meals/bookings.ts';
import { deliveryOf, kitchenOf, publicMealWeek, residentMeals, settlementOf } from '../meals/meal-reads.ts';
import { describeFlags, saveFlags, savePolicy } from '../meals/meal-settings.ts';
import { stationPolicy } from '../meals/meal-store.ts';
import { copyMenuFromLastWeek } from '../meals/menus.ts';
import { lockStation } from '../db/lock-order.ts';
import { inWriteTransaction } from '../db/transaction-retry.ts';

type MealBookBody = Static<typeof MealBookBodySchema>;
type MealQuoteBody = Static<typeof MealQuoteBodySchema>;
type MealCancelBody = Static<typeof MealCancelBodySchema>;

const MONDAY_ONLY = new HttpError(400, 'bad-request', '请求格式不正确：「星期一的日期」要是某一周的星期一');

function mondayParam(value: string): string {
  if (!isCalendarDate(value) || isoWeekday(value) !== 1) throw MONDAY_ONLY;
  return value;
}

function calendarDate(value: string): string {
  if (!isCalendarDate(value)) throw new HttpError(400, 'bad-request', `请求格式不正确：「日期」${value} 不是真实的日期`);
  return value;
}

function describeBooking(b: MealBookingRecord): string {
  return `${b.date} ${MEAL_KIND_LABELS[b.meal]} ${b.set} 套餐`;
}

/**
 * Run in one transaction (run again whole on a deadlock), station row first (the lock order,
 * server/db/lock-order.ts), then poke the station's kiosks after the commit.
 */
async function inTransaction<T>(ctx: ServerContext, stationId: string, work: (trx: ServerContext['db']) => Promise<T & { changeSeq?: number }>): Promise<T> {
  const result = await inWriteTransaction(ctx.db, async (trx) => {
    await lockStation(trx, ctx.dialect, stationId);
    return work(trx);
  });
  if (result.changeSeq !== undefined) ctx.notifier.poke(stationId, result.changeSeq);
  return result;
}

function registerPublic(app: FastifyInstance, ctx: ServerContext): void {
  // The preflight for /api/stations/* is answered by the public-read plugin.
  app.addHook('onRequest', async (request, reply) => applyCors(ctx.corsOrigins, request, reply));
  app.get<{ Params: Static<typeof StationParamsSchema>; Querystring: MealWeekQuery }>(
    '/api/stations/:stationId/meals/menus',
    { schema: { params: StationParamsSchema, querystring: MealWeekQuerySchema } },
    async (request, reply) => {
      const { stationId } = request.params;
      if (!(await findStation(ctx.db, stationId))) throw notFound('没有找到这个服务站');
      const now = ctx.clock();
      // Any day names its week (Monday to Sunday); no day means this week in station time.
      const week = mondayOf(request.query.week === undefined ? stationDateOf(now) : calendarDate(request.query.week));
      return sendCacheable(request, reply, await publicMealWeek(ctx.db, stationId, week, now));
    },
  );
}

function registerResident(app: FastifyInstance, ctx: ServerContext): void {
  // The preflight for /api/residents/* is answered by the resident plugin.
  app.addHook('onRequest', async (request, reply) => applyCors(residentOrigins(ctx.corsOrigins), request, reply));

  app.get('/api/residents/me/meals', async (request) => {
    const me = await authenticateResident(ctx, request);
    return residentMeals(ctx.db, me.stationId, me.residentId, ctx.clock());
  });

  app.post<{ Body: MealQuoteBody }>('/api/residents/me/meals/quote', { schema: { body: MealQuoteBodySchema } }, async (request) => {
    const me = await authenticateResident(ctx, request);
    const quote = await quoteMeal(ctx.db, me.stationId, me.residentId, { ...request.body, date: calendarDate(request.body.date) }, ctx.clock());
    if (!quote) throw notFound('没有找到这位居民');
    if (!quote.ok) throw new HttpError(409, quote.refusal, MEAL_BOOKING_REFUSALS[quote.refusal]);
    return { breakdown: quote.breakdown };
  });

  app.post<{ Body: MealBookBody }>('/api/residents/me/meals', { schema: { body: MealBookBodySchema } }, async (request, reply) => {
    const me = await authenticateResident(ctx, request);
    const { onBehalf, ...choice } = request.body;
    calendarDate(choice.date);
    const bookedBy = onBehalf ? 'family' : 'resident';
    const result = await inTransaction(ctx, me.stationId, async (trx) => {
      const bookingId = await websiteRecordId(trx, 'meal_bookings', choice.bookingId, me.residentId);
      const r = await bookMeal(trx, ctx.dialect, { ...choice, bookingId, stationId: me.stationId, residentId: me.residentId, provisional: false, bookedBy, channel: 'website', deviceId: null, now: ctx.clock() });
      if (r.kind !== 'booked') return { r };
      const changeSeq = await recordChange(trx, me.stationId, 'meal-booking', r.booking.id, r.booking);
      await writeAudit(trx, ctx.clock(), {
        stationId: me.stationId,
        residentId: me.residentId,
        action: 'meal.book',
        entity: 'meal-booking',
        entityId: r.booking.id,
        detail: `${bookedBy === 'family' ? '家属用居民的手机号和密码网上代订' : '居民网上订餐'}：${describeBooking(r.booking)}，需付 ${(r.booking.receipt.toPayFen / 100).toFixed(2)} 元`,
      });
      return { r, changeSeq };
    });
    const { r } = result;
    if (r.kind === 'booked') return reply.code(201).send({ booking: r.booking });
    if (r.kind === 'duplicate') return reply.code(200).send({ booking: r.booking });
    if (r.kind === 'refused') throw new HttpError(409, r.refusal, MEAL_BOOKING_REFUSALS[r.refusal]);
    if (r.kind === 'id-taken') throw new HttpError(409, 'booking-id-taken', '这个订餐编号已经用过了，请重新订餐');
    throw notFound('没有找到这位居民');
  });

  app.post<{ Params: Static<typeof MealBookingParamsSchema>; Body: MealCancelBody }>(
    '/api/residents/me/meals/:bookingId/cancel',
    { schema: { params: MealBookingParamsSchema, body: MealCancelBodySchema } },
    async (request) => {
      const me = await authenticateResident(ctx, request);
      const result = await inTransaction(ctx, me.stationId, async (trx) => {
        const c = await cancelMeal(trx, ctx.dialect, {
          stationId: me.stationId,
          bookingId: request.params.bookingId,
          reason: request.body?.reason ?? '',
          residentOnly: me.residentId,
          now: ctx.clock(),
        });
        if (c.kind !== 'cancelled') return { c };
        const changeSeq = await recordChange(trx, me.stationId, 'meal-booking', c.booking.id, c.booking);
        await writeAudit(trx, ctx.clock(), {
          stationId: me.stationId,
          residentId: me.residentId,
          action: 'meal.cancel',
          entity: 'meal-booking',
          entityId: c.booking.id,
          detail: `居民网上退订：${describeBooking(c.booking)}`,
        });
        return { c, changeSeq };
      });
      const { c } = result;
      if (c.kind === 'not-found') throw notFound('没有找到这份订餐');
      if (c.kind === 'cannot') throw new HttpError(409, 'cannot-cancel', c.message);
      return { booking: c.booking };
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
  const audit = (s: StaffPrincipal) => ({ stationId: s.stationId, staffId: s.staffId, staffNo: s.staffNo });

  app.get('/api/staff/meals/policy', async (request) => stationPolicy(ctx.db, staff(request).stationId));

  app.put<{ Body: SubsidyPolicyBody }>('/api/staff/meals/policy', { schema: { body: SubsidyPolicyBodySchema } }, async (request) => {
    const s = staff(request);
    const problems = validateSubsidyPolicy(request.body.policy);
    if (problems.length > 0) throw new HttpError(400, 'invalid-policy', `补贴政策没有保存：${problems.join('；')}`);
    const { saved } = await inTransaction(ctx, s.stationId, async (trx) => {
      const r = await savePolicy(trx, ctx.dialect, s.stationId, request.body.policy, ctx.clock());
      await writeAudit(trx, ctx.clock(), { ...audit(s), action: 'meal.policy', entity: 'subsidy-policy', entityId: s.stationId, detail: `修改助餐补贴政策（第 ${r.saved.revision} 版）` });
      return r;
    });
    return saved;
  });

  app.put<{ Params: Static<typeof MealResidentParamsSchema>; Body: MealFlagsBody }>(
    '/api/staff/meals/residents/:residentId/flags',
    { schema: { params: MealResidentParamsSchema, body: MealFlagsBodySchema } },
    async (request) => {
      const s = staff(request);
      const result = await inTransaction(ctx, s.stationId, async (trx) => {
        const r = await saveFlags(trx, ctx.dialect, s.stationId, request.params.residentId, request.body, ctx.clock());
        if (!r) return { r };
        const name = await trx.selectFrom('residents').select('name').where('id', '=', request.params.residentId).executeTakeFirstOrThrow();
        await writeAudit(trx, ctx.clock(), {
          ...audit(s),
          actorKind: 'staff',
          action: 'meal.flags',
          entity: 'meal-resident',
          entityId: request.params.residentId,
          detail: `修改居民 ${maskName(name.name)} 的助餐信息：${describeFlags(r.flags)}`,
        });
        return { r, changeSeq: r.changeSeq };
      });
      if (!result.r) throw notFound('没有找到这位居民');
      return result.r.flags;
    },
  );

  app.get<{ Querystring: MealDateQuery }>('/api/staff/meals/kitchen', { schema: { querystring: MealDateQuerySchema } }, async (request) => {
    const date = calendarDate(request.query.date);
    return { date, counts: await kitchenOf(ctx.db, staff(request).stationId, date) };
  });

  app.get<{ Querystring: MealDeliveryQuery }>('/api/staff/meals/delivery', { schema: { querystring: MealDeliveryQuerySchema } }, async (request, reply) => {
    const { meal } = request.query;
    const date = calendarDate(request.query.date);
    const s = staff(request);
    const stops = await deliveryOf(ctx.db, s.stationId, date, meal);
    // Names, phones and addresses leave the system here: who printed them is recorded.
    await writeAudit(ctx.db, ctx.clock(), { ...audit(s), action: 'meal.delivery-list', entity: 'meal-delivery', entityId: `${date}/${meal}`, detail: `查看送餐名单：${date} ${MEAL_KIND_LABELS[meal]}，${stops.length} 户` });
    reply.header('cache-control', 'no-store');
    return { date, meal, stops };
  });

  app.get<{ Querystring: MealMonthQuery }>('/api/staff/meals/settlement.csv', { schema: { querystring: MealMonthQuerySchema } }, async (request, reply) => {
    const s = staff(request);
    const { csv, report } = await settlementOf(ctx.db, s.stationId, request.query.month);
    await writeAudit(ctx.db, ctx.clock(), { ...audit(s), action: 'meal.settlement', entity: 'meal-settlement', entityId: request.query.month, detail: `导出 ${request.query.month} 助餐结算表（${report.total.meals} 份）` });
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="meal-settlement-${request.query.month}.csv"`)
      .header('cache-control', 'no-store')
      .send(csv);
  });

  app.post<{ Params: Static<typeof MealWeekParamsSchema> }>(
    '/api/staff/meals/menus/:weekStart/copy-from-last-week',
    { schema: { params: MealWeekParamsSchema, body: EmptyBodySchema } },
    async (request, reply) => {
      const s = staff(request);
      const weekStart = mondayParam(request.params.weekStart);
      const result = await inTransaction(ctx, s.stationId, async (trx) => {
        const r = await copyMenuFromLastWeek(trx, ctx.dialect, s.stationId, weekStart, ctx.clock());
        if (r.kind !== 'saved') return { r };
        const changeSeq = await recordChange(trx, s.stationId, 'menu', r.menu.id, r.menu);
        await writeAudit(trx, ctx.clock(), { ...audit(s), action: 'menu.copy', entity: 'menu', entityId: r.menu.id, detail: `把上周菜单复制为 ${weekStart} 这一周的菜单` });
        return { r, changeSeq };
      });
      const { r } = result;
      if (r.kind === 'no-source') throw notFound('上一周没有菜单，无法复制');
      if (r.kind === 'exists') throw new HttpError(409, 'menu-exists', '这一周已经有菜单了，请直接修改');
      if (r.kind === 'rejected') throw new HttpError(409, 'invalid-menu', r.reason);
      return reply.code(201).send({ menu: r.menu });
    },
  );
}

export function mealRoutes(ctx: ServerContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.register(async (scope) => registerPublic(scope, ctx));
    app.register(async (scope) => registerResident(scope, ctx));
    app.register(async (scope) => registerStaff(scope, ctx));
  };
}
