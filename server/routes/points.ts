/**
 * Points over HTTP (docs/architecture.md, "Points"): the public shop and ranking for widgets, a
 * resident's own points and online redemptions for websites, and the staff desk. The rules are
 * the ledger's (server/points/), the same the sync commands run.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Static } from '@sinclair/typebox';
import {
  canUndo,
  DeedPointsBodySchema,
  EmptyBodySchema,
  maskName,
  PointsAwardPayloadSchema,
  RankingQuerySchema,
  REDEEM_REFUSALS,
  RedemptionBodySchema,
  RedemptionParamsSchema,
  ReverseBodySchema,
  StaffRedemptionQuerySchema,
  StationParamsSchema,
  TransferParamsSchema,
  type DeedPointsBody,
  type PointsAwardBody,
  type RankingQuery,
  type RedemptionBody,
  type ReverseBody,
  type StaffRedemptionQuery,
} from '../../domain/index.ts';
import { writeAudit } from '../audit/audit-log.ts';
import { websiteRecordId } from '../content/website-record-id.ts';
import { authenticateResident, type StaffPrincipal } from '../auth/principals.ts';
import type { ServerContext } from '../context.ts';
import { recordChange } from '../content/changes.ts';
import { findStation } from '../content/stations.ts';
import { lockStation } from '../db/lock-order.ts';
import { inWriteTransaction } from '../db/transaction-retry.ts';
import { sendCacheable } from '../http/cacheable.ts';
import { HttpError, notFound } from '../http/http-error.ts';
import { awardPoints, deedPoints, describeDeedTable, saveDeedPoints } from '../points/awards.ts';
import { accountView, cancelRedemption, handOut, publishAccount, redeem, redemptionFromRow, reverseTransfer, type LedgerScope } from '../points/ledger.ts';
import { ledgerCsv, pointsRanking, residentRedemptions, shopItems, stationRedemptions } from '../points/points-reads.ts';

type Params = Static<typeof StationParamsSchema>;

/** Inside the public-read plugin (its CORS and preflight). */
export function registerPublicPointsRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Params: Params }>('/api/stations/:stationId/points/catalogue', { schema: { params: StationParamsSchema } }, async (request, reply) => {
    if (!(await findStation(ctx.db, request.params.stationId))) throw notFound('没有找到这个服务站');
    return sendCacheable(request, reply, { items: await shopItems(ctx.db, request.params.stationId, ctx.clock()) });
  });
  app.get<{ Params: Params; Querystring: RankingQuery }>(
    '/api/stations/:stationId/points/ranking',
    { schema: { params: StationParamsSchema, querystring: RankingQuerySchema } },
    async (request, reply) => {
      if (!(await findStation(ctx.db, request.params.stationId))) throw notFound('没有找到这个服务站');
      return sendCacheable(request, reply, await pointsRanking(ctx.db, request.params.stationId, request.query.period ?? 'year', ctx.clock()));
    },
  );
}

/**
 * Run a ledger action in one transaction (run again whole on a deadlock), then poke the station's
 * kiosks after the commit. The station row is taken first, as the lock order says
 * (server/db/lock-order.ts): every ledger action publishes to the change feed, which takes it.
 */
async function inLedger<T>(ctx: ServerContext, stationId: string, work: (scope: LedgerScope) => Promise<T & { changeSeq?: number }>): Promise<T> {
  const result = await inWriteTransaction(ctx.db, async (trx) => {
    await lockStation(trx, ctx.dialect, stationId);
    return work({ trx, dialect: ctx.dialect, stationId, now: ctx.clock() });
  });
  if (result.changeSeq !== undefined) ctx.notifier.poke(stationId, result.changeSeq);
  return result;
}

const REFUSAL_STATUS = { 'unknown-item': 404 } as const;

/** Inside the resident plugin (its CORS for the district sites). */
export function registerResidentPointsRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/residents/me/points', async (request) => {
    const me = await authenticateResident(ctx, request);
    return { account: await accountView(ctx.db, me.residentId), redemptions: await residentRedemptions(ctx.db, me.residentId) };
  });

  app.post<{ Body: RedemptionBody }>('/api/residents/me/redemptions', { schema: { body: RedemptionBodySchema } }, async (request, reply) => {
    const me = await authenticateResident(ctx, request);
    const result = await inLedger(ctx, me.stationId, async (scope) => {
      const r = await redeem(scope, {
        ...request.body,
        redemptionId: await websiteRecordId(scope.trx, 'redemptions', request.body.redemptionId, me.residentId),
        transferId: crypto.randomUUID(),
        residentId: me.residentId,
        funding: 'online',
        deviceId: null,
        createdAt: scope.now,
      });
      if (!r.ok || r.duplicate) return { r, account: r.ok ? await accountView(scope.trx, me.residentId) : null };
      await recordChange(scope.trx, scope.stationId, 'redemption', r.redemption.id, r.redemption);
      await recordChange(scope.trx, scope.stationId, 'catalogue-item', r.item.id, r.item);
      const { view, changeSeq } = await publishAccount(scope, me.residentId);
      await writeAudit(scope.trx, scope.now, {
        stationId: scope.stationId,
        residentId: me.residentId,
        action: 'points.redeem',
        entity: 'redemption',
        entityId: r.redemption.id,
        detail: `居民网上兑换 ${r.redemption.itemName} ×${r.redemption.quantity}，${r.redemption.cost} 分，兑换码 ${r.redemption.voucherCode}`,
      });
      return { r, account: view, changeSeq };
    });
    const { r, account } = result;
    if (!r.ok) {
      // Only the owner can get here: another resident's id was given one of the caller's own.
      if (r.refusal === 'forged') throw new HttpError(409, 'redemption-id-taken', '这个兑换编号已经用过了，请重新兑换');
      const status = r.refusal === 'unknown-item' ? REFUSAL_STATUS['unknown-item'] : 409;
      throw new HttpError(status, r.refusal, REDEEM_REFUSALS[r.refusal]);
    }
    return reply.code(r.duplicate ? 200 : 201).send({ redemption: r.redemption, account });
  });

  app.post<{ Params: Static<typeof RedemptionParamsSchema> }>(
    '/api/residents/me/redemptions/:redemptionId/cancel',
    { schema: { params: RedemptionParamsSchema, body: EmptyBodySchema } },
    async (request) => {
      const me = await authenticateResident(ctx, request);
      const cannot = (message: string) => new HttpError(409, 'cannot-cancel', message);
      const result = await inLedger(ctx, me.stationId, async (scope) => {
        const found = await scope.trx.selectFrom('redemptions').selectAll().where('id', '=', request.params.redemptionId).executeTakeFirst();
        if (!found || found.resident_id !== me.residentId) throw notFound('没有找到这笔兑换');
        // Cancelling again answers what is stored: a retried request must not fail.
        if (found.status === 'cancelled') {
          return { redemption: redemptionFromRow(found), account: await accountView(scope.trx, me.residentId) };
        }
        if (found.status === 'handed-out') throw cannot('东西已经领走了，这笔兑换不能再取消');
        if (!canUndo({ createdAt: found.created_at, status: 'applied' }, scope.now)) throw cannot('兑换已经超过 10 分钟，不能自己取消了，请找工作人员帮忙');
        const c = await cancelRedemption(scope, found.id, crypto.randomUUID(), '居民网上取消');
        if (!c.ok) throw cannot(c.reason);
        await recordChange(scope.trx, scope.stationId, 'redemption', c.redemption.id, c.redemption);
        if (c.item) await recordChange(scope.trx, scope.stationId, 'catalogue-item', c.item.id, c.item);
        const { view, changeSeq } = await publishAccount(scope, me.residentId);
        await writeAudit(scope.trx, scope.now, {
          stationId: scope.stationId,
          residentId: me.residentId,
          action: 'points.redeem-cancel',
          entity: 'redemption',
          entityId: c.redemption.id,
          detail: `居民网上取消兑换 ${c.redemption.itemName} ×${c.redemption.quantity}，退回 ${c.redemption.cost} 分`,
        });
        return { redemption: c.redemption, account: view, changeSeq };
      });
      return { redemption: result.redemption, account: result.account };
    },
  );
}

function staffAudit(staff: StaffPrincipal) {
  return { stationId: staff.stationId, staffId: staff.staffId, staffNo: staff.staffNo };
}

/** Inside the staff plugin, behind its session check (request.staff is set). */
export function registerStaffPointsRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/staff/points/deeds', async (request) => deedPoints(ctx.db, request.staff!.stationId));

  app.put<{ Body: DeedPointsBody }>('/api/staff/points/deeds', { schema: { body: DeedPointsBodySchema } }, async (request) => {
    const staff = request.staff!;
    const { table } = await inLedger(ctx, staff.stationId, async (scope) => {
      const saved = await saveDeedPoints(scope.trx, scope.stationId, request.body.points, scope.now);
      await writeAudit(scope.trx, scope.now, { ...staffAudit(staff), action: 'points.deeds', entity: 'deed-points', entityId: scope.stationId, detail: `修改积分标准：${describeDeedTable(request.body.points)}` });
      return saved;
    });
    return table;
  });

  app.post<{ Body: PointsAwardBody }>('/api/staff/points/awards', { schema: { body: PointsAwardPayloadSchema } }, async (request, reply) => {
    const staff = request.staff!;
    const result = await inLedger(ctx, staff.stationId, async (scope) => {
      const award = await awardPoints(scope, request.body);
      if (!award.ok) throw new HttpError(409, 'cannot-award', award.reason);
      let changeSeq: number | undefined;
      for (const residentId of award.residentIds) changeSeq = (await publishAccount(scope, residentId)).changeSeq;
      await writeAudit(scope.trx, scope.now, {
        ...staffAudit(staff),
        action: 'points.award',
        entity: 'points',
        entityId: award.transfers[0]!.id,
        detail: `发放积分每人 ${award.points} 分，共 ${award.residentIds.length} 位居民：${award.memo}`,
      });
      return { transfers: award.transfers, changeSeq };
    });
    return reply.code(201).send({ transfers: result.transfers });
  });

  app.get<{ Querystring: StaffRedemptionQuery }>('/api/staff/points/redemptions', { schema: { querystring: StaffRedemptionQuerySchema } }, async (request) => ({
    redemptions: await stationRedemptions(ctx.db, request.staff!.stationId, request.query),
  }));

  app.post<{ Params: Static<typeof RedemptionParamsSchema> }>(
    '/api/staff/points/redemptions/:redemptionId/handout',
    { schema: { params: RedemptionParamsSchema, body: EmptyBodySchema } },
    async (request) => {
      const staff = request.staff!;
      const result = await inLedger(ctx, staff.stationId, async (scope) => {
        const h = await handOut(scope, request.params.redemptionId);
        if (!h.ok) throw h.reason === '没有找到这笔兑换' ? notFound(h.reason) : new HttpError(409, 'cannot-hand-out', h.reason);
        if (h.duplicate) return { redemption: h.redemption };
        const changeSeq = await recordChange(scope.trx, scope.stationId, 'redemption', h.redemption.id, h.redemption);
        await writeAudit(scope.trx, scope.now, {
          ...staffAudit(staff),
          action: 'points.handout',
          entity: 'redemption',
          entityId: h.redemption.id,
          detail: `兑换码 ${h.redemption.voucherCode}：${h.redemption.itemName} ×${h.redemption.quantity} 已领取`,
        });
        return { redemption: h.redemption, changeSeq };
      });
      return { redemption: result.redemption };
    },
  );

  app.post<{ Params: Static<typeof TransferParamsSchema>; Body: ReverseBody }>(
    '/api/staff/points/transfers/:transferId/reverse',
    { schema: { params: TransferParamsSchema, body: ReverseBodySchema } },
    async (request, reply: FastifyReply) => {
      const staff = request.staff!;
      const result = await inLedger(ctx, staff.stationId, async (scope) => {
        const r = await reverseTransfer(scope, request.params.transferId, request.body.reversalId, request.body.reason);
        if (!r.ok) throw r.reason.startsWith('没有找到') ? notFound(r.reason) : new HttpError(409, 'cannot-reverse', r.reason);
        if (r.duplicate) return { r };
        let changeSeq: number | undefined;
        let who = '';
        if (r.transfer.residentId) {
          changeSeq = (await publishAccount(scope, r.transfer.residentId)).changeSeq;
          const resident = await scope.trx.selectFrom('residents').select('name').where('id', '=', r.transfer.residentId).executeTakeFirst();
          who = resident ? `（${maskName(resident.name)}）` : '';
        }
        await writeAudit(scope.trx, scope.now, {
          ...staffAudit(staff),
          action: 'points.reverse',
          entity: 'transfer',
          entityId: request.params.transferId,
          detail: `冲正 ${r.transfer.amount} 分${who}：${request.body.reason.trim()}`,
        });
        return { r, changeSeq };
      });
      if (!result.r.ok) throw new Error('unreachable');
      return reply.code(result.r.duplicate ? 200 : 201).send({ transfer: result.r.transfer });
    },
  );

  app.get('/api/staff/points/ledger.csv', async (request, reply) => {
    const csv = await ledgerCsv(ctx.db, request.staff!.stationId);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="ledger.csv"')
      .header('cache-control', 'no-store')
      .send(csv);
  });
}
