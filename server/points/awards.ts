/**
 * Earning points: the station's table of points per deed, and awards to one resident or to
 * everyone who attended an activity. Shared by the `points.award` command and the staff route.
 */
import type { Kysely, Transaction } from 'kysely';
import {
  DEED_LABELS,
  DEEDS,
  DEFAULT_DEED_POINTS,
  issuedAccount,
  residentAccount,
  type Deed,
  type DeedPointsTable,
  type PointsAwardPayload,
  type Transfer,
} from '../../domain/index.ts';
import { recordChange } from '../content/changes.ts';
import type { Database } from '../db/schema.ts';
import { newTransfer, transferFromRow, type LedgerScope } from './ledger.ts';

export async function deedPoints(db: Kysely<Database> | Transaction<Database>, stationId: string): Promise<DeedPointsTable> {
  const row = await db.selectFrom('deed_points').select('points').where('station_id', '=', stationId).executeTakeFirst();
  const stored = row ? (JSON.parse(row.points) as Partial<Record<Deed, number>>) : {};
  const points = Object.fromEntries(DEEDS.map((d) => [d, stored[d] ?? DEFAULT_DEED_POINTS[d]])) as Record<Deed, number>;
  return { stationId, points };
}

/** Saves the table and publishes it to the station's kiosks (entity `deed-points`). */
export async function saveDeedPoints(trx: Transaction<Database>, stationId: string, points: Record<Deed, number>, now: Date): Promise<{ table: DeedPointsTable; changeSeq: number }> {
  const json = JSON.stringify(points);
  const t = now.toISOString();
  await trx
    .insertInto('deed_points')
    .values({ station_id: stationId, points: json, updated_at: t })
    .onConflict((oc) => oc.column('station_id').doUpdateSet({ points: json, updated_at: t }))
    .execute();
  const table = { stationId, points };
  return { table, changeSeq: await recordChange(trx, stationId, 'deed-points', stationId, table) };
}

export function describeDeedTable(points: Record<Deed, number>): string {
  return DEEDS.map((d) => `${DEED_LABELS[d]} ${points[d]} 分`).join('，');
}

export type AwardResult = { ok: true; transfers: Transfer[]; residentIds: string[]; points: number; memo: string } | { ok: false; reason: string };

/**
 * Award points: one transfer per resident with the id the client chose, so a retry (days later,
 * from another route) finds them and never pays twice. Everything is checked before anything is
 * written: one unknown resident refuses the whole award.
 */
export async function awardPoints(scope: LedgerScope, payload: PointsAwardPayload): Promise<AwardResult> {
  const { trx, stationId } = scope;
  const ids = payload.awards.map((a) => a.transferId);
  if (new Set(ids).size !== ids.length) return { ok: false, reason: '同一个积分记录编号出现了两次，积分没有发放（数据可能被篡改）' };
  const residentIds = [...new Set(payload.awards.map((a) => a.residentId))];
  const known = await trx.selectFrom('residents').select('id').where('station_id', '=', stationId).where('active', '=', 1).where('id', 'in', residentIds).execute();
  if (known.length !== residentIds.length) {
    return { ok: false, reason: `有 ${residentIds.length - known.length} 位居民不是本站登记的居民，积分没有发放` };
  }
  const points = payload.points ?? (await deedPoints(trx, stationId)).points[payload.deed];
  if (points <= 0) return { ok: false, reason: `“${DEED_LABELS[payload.deed]}”现在设为 0 分，积分没有发放` };
  const memo = payload.memo.trim() || DEED_LABELS[payload.deed];
  const existing = await trx.selectFrom('transfers').selectAll().where('id', 'in', ids).execute();
  const existingById = new Map(existing.map((t) => [t.id, transferFromRow(t)]));
  for (const a of payload.awards) {
    const t = existingById.get(a.transferId);
    if (t && (t.kind !== 'earn' || t.to !== residentAccount(a.residentId))) {
      return { ok: false, reason: '积分记录编号已经用于别的记录，积分没有发放（数据可能被篡改）' };
    }
  }
  const transfers: Transfer[] = [];
  // In resident order, so two awards touching the same residents lock their accounts in one order.
  for (const a of [...payload.awards].sort((x, y) => (x.residentId < y.residentId ? -1 : x.residentId > y.residentId ? 1 : 0))) {
    const done = existingById.get(a.transferId);
    if (done) {
      transfers.push(done);
      continue;
    }
    // Looked up above with the others: not there.
    const moved = await newTransfer(scope, {
      id: a.transferId,
      kind: 'earn',
      from: issuedAccount(stationId),
      to: residentAccount(a.residentId),
      amount: points,
      residentId: a.residentId,
      deed: payload.deed,
      memo,
    });
    if (moved.status === 'insufficient') throw new Error('the issued account cannot be short');
    transfers.push(moved.transfer);
  }
  return { ok: true, transfers, residentIds, points, memo };
}
