/**
 * A kiosk's offline allowance (docs/architecture.md, "Points"): points, stock and monthly-limit
 * units reserved for that kiosk while it is online, so whatever it confirms offline can never be
 * refused later. Renewing settles and resets them in one transaction: the kiosk queues the renew
 * behind its own redemptions, so by then the server has seen everything spent from the old holds.
 *
 * Points are held by real transfers out of the resident's account into `hold:<device>:<resident>`,
 * so the holds of all kiosks together can never exceed what the resident has: the resident's
 * account would have to go negative, which the conditional debit and the CHECK refuse.
 */
import {
  allowanceTarget,
  holdAccount,
  isItemActive,
  limitHoldTarget,
  residentAccount,
  stationMonth,
  stockHoldTarget,
  type KioskAllowance,
} from '../../domain/index.ts';
import { recordChange } from '../content/changes.ts';
import { catalogueItemFromRow, transfer, type LedgerScope } from './ledger.ts';

export interface RenewResult {
  allowance: KioskAllowance;
  /** Residents whose hold changed (their points-account snapshot must be published). */
  residentsChanged: string[];
  /** The change cursor after the last change recorded, if any. */
  changeSeq?: number;
}

export async function renewAllowance(scope: LedgerScope, deviceId: string): Promise<RenewResult> {
  const { trx, stationId, now } = scope;
  const month = stationMonth(now);
  const allowance: KioskAllowance = { deviceId, points: {}, stock: {}, limits: {}, month, renewedAt: now.toISOString() };
  let changeSeq: number | undefined;

  // Points: per resident, one hold or release transfer of the difference to the new target.
  // PostgreSQL: lock the station's residents in id order (step 3 of the lock order, after the
  // station row the push chunk took first: server/db/lock-order.ts).
  const residents = await trx
    .selectFrom('residents')
    .select(['id', 'active'])
    .where('station_id', '=', stationId)
    .orderBy('id')
    .$if(scope.dialect === 'postgres', (q) => q.forNoKeyUpdate())
    .execute();
  const accounts = await trx
    .selectFrom('point_accounts')
    .select(['id', 'kind', 'resident_id', 'balance'])
    .where('station_id', '=', stationId)
    .where((eb) => eb.or([eb('kind', '=', 'resident'), eb.and([eb('kind', '=', 'hold'), eb('device_id', '=', deviceId)])]))
    .execute();
  const balances = new Map<string, number>();
  const holds = new Map<string, number>();
  for (const a of accounts) (a.kind === 'resident' ? balances : holds).set(a.resident_id!, a.balance);
  const residentsChanged: string[] = [];
  for (const r of residents) {
    const balance = balances.get(r.id) ?? 0;
    const held = holds.get(r.id) ?? 0;
    const target = r.active === 1 ? allowanceTarget(balance, held) : 0;
    let kept = held;
    if (target !== held) {
      const up = target > held;
      const moved = await transfer(scope, {
        id: crypto.randomUUID(),
        kind: up ? 'hold' : 'release',
        from: up ? residentAccount(r.id) : holdAccount(deviceId, r.id),
        to: up ? holdAccount(deviceId, r.id) : residentAccount(r.id),
        amount: Math.abs(target - held),
        residentId: r.id,
        memo: up ? '为一体机离线兑换保留积分' : '一体机保留的积分退回',
      });
      // A concurrent online redemption may have spent the points meanwhile: keep the old hold.
      if (moved.status === 'applied') {
        kept = target;
        residentsChanged.push(r.id);
      }
    }
    if (kept > 0) allowance.points[r.id] = kept;
  }

  // Stock: per item, this kiosk holds up to half of what is left (none of an inactive item).
  const items = await trx.selectFrom('catalogue_items').selectAll().where('station_id', '=', stationId).orderBy('id').execute();
  const stockHolds = new Map(
    (await trx.selectFrom('stock_holds').select(['item_id', 'units']).where('device_id', '=', deviceId).execute()).map((h) => [h.item_id, h.units]),
  );
  for (const row of items) {
    const item = catalogueItemFromRow(row);
    const held = stockHolds.get(item.id) ?? 0;
    const target = isItemActive(item, now) ? stockHoldTarget(item.stock, held) : 0;
    let kept = held;
    if (target !== held) {
      const diff = target - held;
      const taken = await trx
        .updateTable('catalogue_items')
        .set((eb) => ({ stock: eb('stock', '-', diff) }))
        .where('id', '=', item.id)
        .where('stock', '>=', diff)
        .returningAll()
        .executeTakeFirst();
      if (taken) {
        kept = target;
        await trx
          .insertInto('stock_holds')
          .values({ device_id: deviceId, item_id: item.id, units: target })
          .onConflict((oc) => oc.columns(['device_id', 'item_id']).doUpdateSet({ units: target }))
          .execute();
        changeSeq = await recordChange(trx, stationId, 'catalogue-item', item.id, catalogueItemFromRow(taken));
      }
    }
    if (kept > 0) allowance.stock[item.id] = kept;
  }

  // Monthly limits: for a resident this kiosk holds points for and an item it holds stock of,
  // half (rounded up) of what is left this month after redemptions and other kiosks' holds.
  await trx.deleteFrom('limit_holds').where('device_id', '=', deviceId).execute();
  const limited = items.filter((i) => i.monthly_limit !== null && (allowance.stock[i.id] ?? 0) > 0);
  const holders = Object.keys(allowance.points);
  if (limited.length > 0 && holders.length > 0) {
    const itemIds = limited.map((i) => i.id);
    const used = new Map<string, number>();
    const redeemed = await trx
      .selectFrom('redemptions')
      .select(['resident_id', 'item_id', (eb) => eb.fn.sum<number | string>('quantity').as('units')])
      .where('item_id', 'in', itemIds)
      .where('month', '=', month)
      .where('status', '<>', 'cancelled')
      .groupBy(['resident_id', 'item_id'])
      .execute();
    const heldElsewhere = await trx
      .selectFrom('limit_holds')
      .select(['resident_id', 'item_id', (eb) => eb.fn.sum<number | string>('units').as('units')])
      .where('item_id', 'in', itemIds)
      .where('month', '=', month)
      .groupBy(['resident_id', 'item_id'])
      .execute();
    for (const u of [...redeemed, ...heldElsewhere]) {
      const key = `${u.resident_id}:${u.item_id}`;
      used.set(key, (used.get(key) ?? 0) + Number(u.units));
    }
    const rows = [];
    for (const residentId of holders) {
      for (const item of limited) {
        const key = `${residentId}:${item.id}`;
        const units = limitHoldTarget(item.monthly_limit! - (used.get(key) ?? 0));
        // A row even for 0 units: it records that the limit was in force when this hold was
        // granted, so a limit added later (no row) does not refuse what the kiosk confirmed.
        rows.push({ device_id: deviceId, resident_id: residentId, item_id: item.id, month, units });
        if (units > 0) allowance.limits[key] = units;
      }
    }
    for (let i = 0; i < rows.length; i += 200) await trx.insertInto('limit_holds').values(rows.slice(i, i + 200)).execute();
  }
  return { allowance, residentsChanged, changeSeq };
}
