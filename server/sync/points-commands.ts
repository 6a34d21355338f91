/**
 * The points commands a kiosk pushes (docs/architecture.md, "Points"). Each runs inside the push
 * transaction of its command, writes its audit row there, and publishes what it changed to the
 * station's kiosks (catalogue-item, points-account, redemption, deed-points). The rules are the
 * ledger's (server/points/), shared with the HTTP routes; a refusal is a `rejected` outcome with
 * a sentence a person can read, and changes nothing but that audit row.
 */
import {
  actorKind,
  canUndo,
  DEED_LABELS,
  maskName,
  POINTS_LIMITS,
  validateCatalogueItemDraft,
  type CatalogueItem,
  type CatalogueItemDraft,
  type CatalogueSavePayload,
  type CommandOutcome,
  type PointsAllowanceRenewPayload,
  type PointsAwardPayload,
  type PointsHandoutPayload,
  type PointsRedeemCancelPayload,
  type PointsRedeemPayload,
  type PointsReversePayload,
  type Redemption,
  type ResidentRankingOptOutPayload,
} from '../../domain/index.ts';
import { recordChange } from '../content/changes.ts';
import { normalizeTime } from '../content/notices.ts';
import type { CatalogueItemsTable } from '../db/schema.ts';
import { forgetAccounts } from '../points/account-batch.ts';
import { renewAllowance } from '../points/allowance.ts';
import { awardPoints } from '../points/awards.ts';
import { cancelRedemption, catalogueItemFromRow, handOut, publishAccount, redeem, reverseTransfer, type LedgerScope } from '../points/ledger.ts';
import { auditCommand, resolveActor, type ActorCheck, type AppliedResult, type CommandScope, type ResolvedActor } from './command-scope.ts';

function ledgerScope(scope: CommandScope): LedgerScope {
  return { trx: scope.trx, dialect: scope.dialect, stationId: scope.stationId, now: scope.now };
}

function replies(scope: CommandScope, entity: string, entityId: string) {
  const base = { seq: scope.seq, commandId: scope.commandId };
  const audit = (who: ResolvedActor | null, action: string, detail: string) => auditCommand(scope, who, { action, entity, entityId, detail });
  return {
    async rejected(who: ResolvedActor | null, reason: string): Promise<AppliedResult> {
      await audit(who, 'sync.rejected', reason);
      return { outcome: { ...base, status: 'rejected', reason } };
    },
    async conflict(who: ResolvedActor, reason: string, extra: Partial<CommandOutcome>): Promise<AppliedResult> {
      await audit(who, 'sync.conflict', reason);
      return { outcome: { ...base, status: 'conflict', reason, ...extra } };
    },
    async applied(who: ResolvedActor, action: string, detail: string, extra: Partial<CommandOutcome>, changeSeq?: number): Promise<AppliedResult> {
      await audit(who, action, detail);
      return { outcome: { ...base, status: 'applied', ...extra }, changeSeq };
    },
  };
}

/** Publish a redemption, its resident's account and (if given) the item; returns the outcome fields. */
async function publishRedemption(scope: CommandScope, redemption: Redemption, item: CatalogueItem | null) {
  const ls = ledgerScope(scope);
  let changeSeq = await recordChange(scope.trx, scope.stationId, 'redemption', redemption.id, redemption);
  if (item) changeSeq = await recordChange(scope.trx, scope.stationId, 'catalogue-item', item.id, item);
  const account = await publishAccount(ls, redemption.residentId);
  return { extra: { redemption, pointsAccounts: [account.view] }, changeSeq: Math.max(changeSeq, account.changeSeq) };
}

export async function applyRankingOptOut(scope: CommandScope, payload: ResidentRankingOptOutPayload): Promise<AppliedResult> {
  const reply = replies(scope, 'resident', payload.residentId);
  const check = await resolveActor(scope);
  if (!check.ok) return reply.rejected(null, `${check.reason}，排名设置没有修改`);
  const actor = check.actor;
  if (!actor.staff && actor.resident?.id !== payload.residentId) return reply.rejected(actor, '只能修改自己的排名设置，没有修改');
  const updated = await scope.trx
    .updateTable('residents')
    .set({ ranking_opt_out: payload.optOut ? 1 : 0 })
    .where('id', '=', payload.residentId)
    .where('station_id', '=', scope.stationId)
    .returning('name')
    .executeTakeFirst();
  if (!updated) return reply.rejected(actor, '没有找到这位居民，排名设置没有修改');
  forgetAccounts(scope.trx, payload.residentId);
  const account = await publishAccount(ledgerScope(scope), payload.residentId);
  const detail = `居民 ${maskName(updated.name)} ${payload.optOut ? '不参加' : '重新参加'}积分排名公示`;
  return reply.applied(actor, 'points.ranking-opt-out', detail, { pointsAccounts: [account.view] }, account.changeSeq);
}

function itemColumns(draft: CatalogueItemDraft): Omit<CatalogueItemsTable, 'id' | 'station_id' | 'revision' | 'created_at' | 'updated_at'> {
  return {
    name: draft.name.trim(),
    description: draft.description,
    kind: draft.kind,
    cost: draft.cost,
    stock: draft.stock,
    monthly_limit: draft.monthlyLimit,
    active_from: draft.activeFrom === null ? null : normalizeTime(draft.activeFrom),
    active_until: draft.activeUntil === null ? null : normalizeTime(draft.activeUntil),
    photo: draft.photo,
    retired: draft.retired ? 1 : 0,
  };
}

function describeItem(draft: CatalogueItemDraft, stock: number, stockDelta: number): string {
  const limit = draft.monthlyLimit === null ? '' : `，每月限兑 ${draft.monthlyLimit}`;
  const moved = stockDelta > 0 ? `，补货 ${stockDelta} 件` : stockDelta < 0 ? `，减少 ${-stockDelta} 件` : '';
  return `「${draft.name.trim().slice(0, 40)}」（${draft.cost} 分，库存 ${stock}${moved}${limit}${draft.retired ? '，已下架' : ''}）`;
}

async function unitsHeldByKiosks(scope: CommandScope, itemId: string): Promise<number> {
  const row = await scope.trx
    .selectFrom('stock_holds')
    .select((eb) => eb.fn.sum<number | string | null>('units').as('units'))
    .where('item_id', '=', itemId)
    .executeTakeFirst();
  return Number(row?.units ?? 0);
}

/**
 * Like notice.save: a stale baseRevision is a conflict that carries the server's copy. Stock is
 * never written from the editor's copy: an edit adds its `stockDelta` to the stock as it is now
 * (online redemptions do not bump the revision, so the editor's stock may be old), in the same
 * conditional UPDATE that checks the revision, so the check and the write are one step.
 */
export async function applyCatalogueSave(scope: CommandScope, payload: CatalogueSavePayload): Promise<AppliedResult> {
  const { trx, now, stationId } = scope;
  const reply = replies(scope, 'catalogue-item', payload.itemId);
  const check = await resolveActor(scope);
  if (!check.ok) return reply.rejected(null, `${check.reason}，商品没有保存`);
  if (!check.actor.staff) return reply.rejected(check.actor, '积分商品只能由工作人员保存，商品没有保存');
  const actor = check.actor;
  const problems = Object.values(validateCatalogueItemDraft(payload.draft));
  if (problems.length > 0) return reply.rejected(actor, `商品没有保存：${problems.join('；')}`);

  const existing = await trx.selectFrom('catalogue_items').selectAll().where('id', '=', payload.itemId).executeTakeFirst();
  if (existing && existing.station_id !== stationId) return reply.rejected(actor, '商品编号已被其他服务站使用，商品没有保存');
  const t = now.toISOString();
  const columns = itemColumns(payload.draft);
  let stored: CatalogueItemsTable;
  let stockDelta = 0;
  if (payload.baseRevision === null) {
    if (existing) {
      return reply.conflict(actor, '这件商品在服务器上已经存在，请对照服务器上的版本后再保存', { catalogueItem: catalogueItemFromRow(existing) });
    }
    if ((payload.stockDelta ?? 0) !== 0) return reply.rejected(actor, '新商品请直接填写库存，不能补货或减少，商品没有保存');
    stored = { id: payload.itemId, station_id: stationId, ...columns, revision: 1, created_at: t, updated_at: t };
    await trx.insertInto('catalogue_items').values(stored).execute();
  } else {
    if (!existing) return reply.rejected(actor, '要修改的商品在服务器上不存在，商品没有保存');
    const staleRevision = (current: CatalogueItemsTable) =>
      reply.conflict(actor, `这件商品已被别人修改过（您基于第 ${payload.baseRevision} 版，服务器上是第 ${current.revision} 版），请对照两个版本后再保存`, {
        catalogueItem: catalogueItemFromRow(current),
      });
    if (existing.revision !== payload.baseRevision) return staleRevision(existing);
    if (payload.stockDelta === undefined) {
      // A kiosk from before stockDelta: its stock is what it saw; only still-true stock may stand.
      if (payload.draft.stock !== existing.stock) {
        const reason = `库存已经变了（您看到的是 ${payload.draft.stock} 件，服务器上现在是 ${existing.stock} 件），商品没有保存，请对照后用“补货 / 减少”再保存`;
        return reply.conflict(actor, reason, { catalogueItem: catalogueItemFromRow(existing) });
      }
    } else stockDelta = payload.stockDelta;
    if (existing.stock + stockDelta > POINTS_LIMITS.stockMax) return reply.rejected(actor, `补货后库存会超过 ${POINTS_LIMITS.stockMax} 件，商品没有保存`);
    const { stock: _seen, ...rest } = columns;
    const delta = stockDelta;
    const updated = await trx
      .updateTable('catalogue_items')
      .set((eb) => ({ ...rest, stock: eb('stock', '+', delta), revision: payload.baseRevision! + 1, updated_at: t }))
      .where('id', '=', payload.itemId)
      .where('revision', '=', payload.baseRevision)
      .where((eb) => eb(eb('stock', '+', delta), '>=', 0))
      .returningAll()
      .executeTakeFirst();
    if (!updated) {
      const current = await trx.selectFrom('catalogue_items').selectAll().where('id', '=', payload.itemId).executeTakeFirstOrThrow();
      if (current.revision !== payload.baseRevision) return staleRevision(current);
      // Units held by kiosks are promised to their offline redemptions: they come back to the
      // station's stock at the kiosk's next renew, and only then can they be written off.
      const held = await unitsHeldByKiosks(scope, current.id);
      const heldNote = held > 0 ? `（另有 ${held} 件留给一体机离线兑换，一体机联网更新额度后才会退回）` : '';
      const reason = `要减少 ${-delta} 件，但服务站现在只有 ${current.stock} 件${heldNote}，商品没有保存，请对照后再保存`;
      return reply.conflict(actor, reason, { catalogueItem: catalogueItemFromRow(current) });
    }
    stored = updated;
  }
  const item = catalogueItemFromRow(stored);
  const changeSeq = await recordChange(trx, stationId, 'catalogue-item', item.id, item);
  const action = payload.baseRevision === null ? 'catalogue.create' : 'catalogue.update';
  const detail = `${payload.baseRevision === null ? '新建' : '修改'}积分商品${describeItem(payload.draft, item.stock, stockDelta)}`;
  return reply.applied(actor, action, detail, { catalogueItem: item }, changeSeq);
}

export async function applyPointsAward(scope: CommandScope, payload: PointsAwardPayload): Promise<AppliedResult> {
  const reply = replies(scope, 'points', payload.awards[0]!.transferId);
  const check = await resolveActor(scope);
  if (!check.ok) return reply.rejected(null, `${check.reason}，积分没有发放`);
  if (!check.actor.staff) return reply.rejected(check.actor, '积分只能由工作人员发放，积分没有发放');
  const actor = check.actor;
  const ls = ledgerScope(scope);
  const result = await awardPoints(ls, payload);
  if (!result.ok) return reply.rejected(actor, result.reason);
  const views = [];
  let changeSeq = 0;
  for (const residentId of result.residentIds) {
    const published = await publishAccount(ls, residentId);
    views.push(published.view);
    changeSeq = published.changeSeq;
  }
  const detail = `发放积分（${DEED_LABELS[payload.deed]}）每人 ${result.points} 分，共 ${result.residentIds.length} 位居民：${result.memo}`;
  return reply.applied(actor, 'points.award', detail, { pointsAccounts: views }, changeSeq);
}

/**
 * Who made a redemption. One the kiosk confirmed offline from its allowance was promised then: a
 * resident (or the staff member who did it for them) deactivated since still gets it, as long as
 * the name is of this station and the kiosk's holds cover it (the ledger checks those). Any other
 * reason resolveActor refuses stands.
 */
async function redeemActor(scope: CommandScope, payload: PointsRedeemPayload): Promise<ActorCheck> {
  const check = await resolveActor(scope);
  const { residentId, staffNo } = scope.actor;
  if (check.ok || payload.funding !== 'kiosk-allowance' || residentId === undefined) return check;
  const { trx, stationId } = scope;
  const resident = await trx.selectFrom('residents').select(['id', 'name', 'active']).where('station_id', '=', stationId).where('id', '=', residentId).executeTakeFirst();
  const staff =
    staffNo === undefined ? undefined : await trx.selectFrom('staff').select(['id', 'staff_no', 'active']).where('station_id', '=', stationId).where('staff_no', '=', staffNo).executeTakeFirst();
  if (!resident || (staffNo !== undefined && !staff)) return check;
  if (resident.active === 1 && (staff === undefined || staff.active === 1)) return check;
  return {
    ok: true,
    actor: { kind: actorKind(scope.actor), resident: { id: resident.id, name: resident.name }, staff: staff ? { id: staff.id, staffNo: staff.staff_no } : null },
  };
}

export async function applyPointsRedeem(scope: CommandScope, payload: PointsRedeemPayload): Promise<AppliedResult> {
  const reply = replies(scope, 'redemption', payload.redemptionId);
  const check = await redeemActor(scope, payload);
  if (!check.ok) return reply.rejected(null, `${check.reason}，没有兑换`);
  const actor = check.actor;
  if (!actor.resident) return reply.rejected(actor, '兑换要由居民本人登录（或工作人员代居民办理），没有兑换');
  const result = await redeem(ledgerScope(scope), {
    redemptionId: payload.redemptionId,
    transferId: payload.transferId,
    residentId: actor.resident.id,
    itemId: payload.itemId,
    quantity: payload.quantity,
    funding: payload.funding,
    deviceId: scope.deviceId,
    cost: payload.funding === 'kiosk-allowance' ? payload.cost : undefined,
    createdAt: new Date(scope.createdAt),
  });
  if (!result.ok) return reply.rejected(actor, result.reason);
  const { redemption } = result;
  // Offline redemptions took units from this kiosk's hold, not from the station's stock.
  const published = await publishRedemption(scope, redemption, redemption.funding === 'online' ? result.item : null);
  const detail = `${redemption.funding === 'online' ? '' : '离线'}兑换 ${redemption.itemName} ×${redemption.quantity}，${redemption.cost} 分，兑换码 ${redemption.voucherCode}（${maskName(actor.resident.name)}）`;
  return reply.applied(actor, 'points.redeem', detail, published.extra, published.changeSeq);
}

export async function applyPointsRedeemCancel(scope: CommandScope, payload: PointsRedeemCancelPayload): Promise<AppliedResult> {
  const { trx, stationId, now } = scope;
  const reply = replies(scope, 'redemption', payload.redemptionId);
  const check = await resolveActor(scope);
  if (!check.ok) return reply.rejected(null, `${check.reason}，兑换没有取消`);
  const actor = check.actor;
  const found = await trx.selectFrom('redemptions').select(['resident_id', 'created_at']).where('id', '=', payload.redemptionId).where('station_id', '=', stationId).executeTakeFirst();
  if (!found) return reply.rejected(actor, '没有找到这笔兑换，没有取消');
  if (!actor.staff) {
    if (actor.resident?.id !== found.resident_id) return reply.rejected(actor, '只能取消自己的兑换，没有取消');
    if (!canUndo({ createdAt: found.created_at, status: 'applied' }, now)) return reply.rejected(actor, '兑换已经超过 10 分钟，不能自己取消了，请找工作人员帮忙');
  }
  const result = await cancelRedemption(ledgerScope(scope), payload.redemptionId, payload.reversalId, payload.reason);
  if (!result.ok) return reply.rejected(actor, result.reason);
  const published = await publishRedemption(scope, result.redemption, result.item);
  const detail = `取消兑换 ${result.redemption.itemName} ×${result.redemption.quantity}，退回 ${result.redemption.cost} 分${payload.reason.trim() ? `：${payload.reason.trim()}` : ''}`;
  return reply.applied(actor, 'points.redeem-cancel', detail, published.extra, published.changeSeq);
}

export async function applyPointsHandout(scope: CommandScope, payload: PointsHandoutPayload): Promise<AppliedResult> {
  const reply = replies(scope, 'redemption', payload.redemptionId);
  const check = await resolveActor(scope);
  if (!check.ok) return reply.rejected(null, `${check.reason}，没有登记领取`);
  if (!check.actor.staff) return reply.rejected(check.actor, '领取要由工作人员核对兑换码后登记，没有登记领取');
  const actor = check.actor;
  const result = await handOut(ledgerScope(scope), payload.redemptionId);
  if (!result.ok) return reply.rejected(actor, result.reason);
  const changeSeq = await recordChange(scope.trx, scope.stationId, 'redemption', result.redemption.id, result.redemption);
  const detail = `兑换码 ${result.redemption.voucherCode}：${result.redemption.itemName} ×${result.redemption.quantity} 已领取`;
  return reply.applied(actor, 'points.handout', detail, { redemption: result.redemption }, changeSeq);
}

export async function applyPointsReverse(scope: CommandScope, payload: PointsReversePayload): Promise<AppliedResult> {
  const reply = replies(scope, 'transfer', payload.transferId);
  const check = await resolveActor(scope);
  if (!check.ok) return reply.rejected(null, `${check.reason}，没有冲正`);
  if (!check.actor.staff) return reply.rejected(check.actor, '冲正只能由工作人员办理，没有冲正');
  const actor = check.actor;
  const ls = ledgerScope(scope);
  const result = await reverseTransfer(ls, payload.transferId, payload.reversalId, payload.reason);
  if (!result.ok) return reply.rejected(actor, result.reason);
  const extra: Partial<CommandOutcome> = {};
  let changeSeq: number | undefined;
  if (result.transfer.residentId) {
    const published = await publishAccount(ls, result.transfer.residentId);
    extra.pointsAccounts = [published.view];
    changeSeq = published.changeSeq;
  }
  return reply.applied(actor, 'points.reverse', `冲正 ${result.transfer.amount} 分：${payload.reason.trim()}`, extra, changeSeq);
}

export async function applyAllowanceRenew(scope: CommandScope, _payload: PointsAllowanceRenewPayload): Promise<AppliedResult> {
  const reply = replies(scope, 'device', scope.deviceId);
  const check = await resolveActor(scope, { deviceMayAct: true });
  if (!check.ok) return reply.rejected(null, `${check.reason}，离线额度没有更新`);
  const ls = ledgerScope(scope);
  const result = await renewAllowance(ls, scope.deviceId);
  let changeSeq = result.changeSeq;
  for (const residentId of result.residentsChanged) changeSeq = (await publishAccount(ls, residentId)).changeSeq;
  const a = result.allowance;
  const detail = `一体机离线额度更新：${Object.keys(a.points).length} 位居民，${Object.keys(a.stock).length} 件商品`;
  return reply.applied(check.actor, 'points.allowance-renew', detail, { allowance: a }, changeSeq);
}
