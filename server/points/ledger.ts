/**
 * The points ledger in the database (docs/architecture.md, "Points"). One module for the sync
 * commands and the HTTP routes, so a kiosk and a website are held to the same rules.
 *
 * Every function runs inside the caller's transaction. A transfer is one immutable row plus two
 * balance updates; the debit is a conditional `UPDATE … WHERE balance >= amount`, so the check
 * and the write are one step at any isolation level, and the CHECK constraint is the backstop.
 * Refusals are decided before anything is written, so a refused action changes nothing.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import {
  checkRedemption,
  holdAccount,
  passbookLines,
  PASSBOOK_REPLICA_LINES,
  REDEEM_REFUSALS,
  residentAccount,
  spentAccount,
  stationMonth,
  voucherCode,
  type CatalogueItem,
  type Deed,
  type PointsAccountView,
  type Redemption,
  type RedeemRefusal,
  type Transfer,
  type TransferKind,
} from '../../domain/index.ts';
import { recordChange } from '../content/changes.ts';
import { lockResidents } from '../db/lock-order.ts';
import type { CatalogueItemsTable, Database, DialectName, RedemptionsTable, TransfersTable } from '../db/schema.ts';
import { batchedAccount, deferAccount, endAccountBatch, feedLockNeeded, inAccountBatch, keepAccount, noteTransfer, pendingAccounts, type AccountState } from './account-batch.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface LedgerScope {
  trx: Transaction<Database>;
  dialect: DialectName;
  stationId: string;
  now: Date;
}

export function transferFromRow(row: TransfersTable): Transfer {
  return {
    id: row.id,
    stationId: row.station_id,
    kind: row.kind,
    from: row.from_account,
    to: row.to_account,
    amount: row.amount,
    residentId: row.resident_id,
    deed: row.deed as Deed | null,
    memo: row.memo,
    redemptionId: row.redemption_id,
    reverses: row.reverses,
    createdAt: row.created_at,
  };
}

export function catalogueItemFromRow(row: CatalogueItemsTable): CatalogueItem {
  return {
    id: row.id,
    stationId: row.station_id,
    name: row.name,
    description: row.description,
    kind: row.kind,
    cost: row.cost,
    stock: row.stock,
    monthlyLimit: row.monthly_limit,
    activeFrom: row.active_from,
    activeUntil: row.active_until,
    photo: row.photo,
    retired: row.retired === 1,
    revision: row.revision,
    updatedAt: row.updated_at,
  };
}

export function redemptionFromRow(row: RedemptionsTable): Redemption {
  return {
    id: row.id,
    stationId: row.station_id,
    residentId: row.resident_id,
    itemId: row.item_id,
    itemName: row.item_name,
    quantity: row.quantity,
    cost: row.cost,
    voucherCode: row.voucher_code,
    funding: row.funding,
    deviceId: row.device_id,
    status: row.status,
    createdAt: row.created_at,
    handedOutAt: row.handed_out_at,
    cancelledAt: row.cancelled_at,
  };
}

function accountShape(id: string, stationId: string): { kind: 'resident' | 'issued' | 'spent' | 'hold'; resident_id: string | null; device_id: string | null } {
  const [kind, a, b] = id.split(':') as [string, string, string | undefined];
  if (kind === 'resident') return { kind, resident_id: a, device_id: null };
  if (kind === 'hold') return { kind, resident_id: b ?? null, device_id: a };
  if (kind === 'issued' || kind === 'spent') {
    if (a !== stationId) throw new Error(`account ${id} is not of station ${stationId}`);
    return { kind, resident_id: null, device_id: null };
  }
  throw new Error(`unknown account ${id}`);
}

/** Resident and hold accounts may not go below zero; the station's issued and spent accounts may. */
function mustStayPositive(account: string): boolean {
  return account.startsWith('resident:') || account.startsWith('hold:');
}

export interface TransferInput {
  id: string;
  kind: TransferKind;
  from: string;
  to: string;
  amount: number;
  residentId: string | null;
  deed?: Deed | null;
  memo: string;
  redemptionId?: string | null;
  reverses?: string | null;
}

export type TransferResult = { status: 'applied'; transfer: Transfer } | { status: 'duplicate'; transfer: Transfer } | { status: 'insufficient' };

async function addToBalance(scope: LedgerScope, account: string, delta: number): Promise<boolean> {
  const { trx, stationId } = scope;
  let q = trx
    .updateTable('point_accounts')
    .set((eb) => ({ balance: eb('balance', '+', delta) }))
    .where('id', '=', account);
  if (delta < 0 && mustStayPositive(account)) q = q.where('balance', '>=', -delta);
  const updated = await q.executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 1) return true;
  if (delta < 0 && mustStayPositive(account)) return false;
  const shape = accountShape(account, stationId);
  await trx
    .insertInto('point_accounts')
    .values({ id: account, station_id: stationId, ...shape, balance: delta })
    .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ balance: eb('point_accounts.balance', '+', delta) })))
    .execute();
  return true;
}

/** An account row as a value list for `insert into point_accounts (id, station_id, kind, resident_id, device_id, balance)`. */
function accountValues(account: string, stationId: string, balance: number) {
  const shape = accountShape(account, stationId);
  return sql`(${account}::text, ${stationId}::text, ${shape.kind}::text, ${shape.resident_id}::text, ${shape.device_id}::text, ${balance}::integer)`;
}

/**
 * PostgreSQL, one round trip instead of three: the debit (conditional for resident and hold
 * accounts, as in addToBalance), then the credit and the transfer row only if the debit went
 * through. The statements run in that order (each feeds the next), so rows are locked in the same
 * order as before. Returns false (nothing written) when the debit could not be covered.
 */
async function writeTransferPostgres(scope: LedgerScope, row: TransfersTable): Promise<boolean> {
  const { trx, stationId } = scope;
  const { from_account: from, to_account: to, amount } = row;
  const debit = mustStayPositive(from)
    ? sql`update point_accounts set balance = balance - ${amount} where id = ${from} and balance >= ${amount} returning id`
    : sql`insert into point_accounts (id, station_id, kind, resident_id, device_id, balance) values ${accountValues(from, stationId, -amount)}
          on conflict (id) do update set balance = point_accounts.balance - ${amount} returning id`;
  const credit = accountValues(to, stationId, amount);
  const result = await sql<{ written: number }>`
    with debit as (${debit}),
    credit as (
      insert into point_accounts (id, station_id, kind, resident_id, device_id, balance)
      select * from (values ${credit}) as v where exists (select 1 from debit)
      on conflict (id) do update set balance = point_accounts.balance + ${amount} returning id
    ),
    written as (
      insert into transfers (id, station_id, kind, from_account, to_account, amount, resident_id, deed, memo, redemption_id, reverses, created_at)
      select ${row.id}::text, ${row.station_id}::text, ${row.kind}::text, ${from}::text, ${to}::text, ${amount}::integer, ${row.resident_id}::text,
        ${row.deed}::text, ${row.memo}::text, ${row.redemption_id}::text, ${row.reverses}::text, ${row.created_at}::text
      from credit returning id
    )
    select count(*)::int as written from written`.execute(trx);
  return result.rows[0]?.written === 1;
}

/**
 * Move points. The same id again is `duplicate` (with the stored transfer) and changes nothing;
 * a debit a resident or hold account cannot cover is `insufficient` and changes nothing.
 */
export async function transfer(scope: LedgerScope, input: TransferInput): Promise<TransferResult> {
  const existing = await scope.trx.selectFrom('transfers').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (existing) return { status: 'duplicate', transfer: transferFromRow(existing) };
  return newTransfer(scope, input);
}

/**
 * A transfer whose id the caller has just looked up in this transaction and not found (the
 * primary key refuses it anyway if that was wrong, and the command is rolled back).
 */
export async function newTransfer(scope: LedgerScope, input: TransferInput): Promise<Exclude<TransferResult, { status: 'duplicate' }>> {
  const { trx, stationId, now } = scope;
  if (!Number.isInteger(input.amount) || input.amount <= 0) throw new Error(`transfer amount ${input.amount}`);
  const row: TransfersTable = {
    id: input.id,
    station_id: stationId,
    kind: input.kind,
    from_account: input.from,
    to_account: input.to,
    amount: input.amount,
    resident_id: input.residentId,
    deed: input.deed ?? null,
    memo: input.memo,
    redemption_id: input.redemptionId ?? null,
    reverses: input.reverses ?? null,
    created_at: now.toISOString(),
  };
  if (scope.dialect === 'postgres') {
    if (!(await writeTransferPostgres(scope, row))) return { status: 'insufficient' };
  } else {
    if (!(await addToBalance(scope, input.from, -input.amount))) return { status: 'insufficient' };
    await addToBalance(scope, input.to, input.amount);
    await trx.insertInto('transfers').values(row).execute();
  }
  const written = transferFromRow(row);
  noteTransfer(trx, written);
  return { status: 'applied', transfer: written };
}

export async function balanceOf(db: Db, account: string): Promise<number> {
  const row = await db.selectFrom('point_accounts').select('balance').where('id', '=', account).executeTakeFirst();
  return row?.balance ?? 0;
}

/**
 * PostgreSQL: lock the resident's row, so two redemptions of one resident (two browser tabs, a
 * kiosk and a website) run one after the other and the monthly count stays true. Step 3 of the
 * lock order: the caller already holds the station row (server/db/lock-order.ts). SQLite's
 * BEGIN IMMEDIATE already serializes every writer.
 */
export async function lockResident(scope: LedgerScope, residentId: string): Promise<void> {
  await lockResidents(scope.trx, scope.dialect, [residentId]);
}

/** The resident's account as the kiosk and the resident see it (passbook newest first). */
export async function accountView(db: Db, residentId: string, lines = PASSBOOK_REPLICA_LINES): Promise<PointsAccountView> {
  // Inside a push chunk, the copy kept in step with this transaction's transfers (account-batch.ts).
  const state = batchedAccount(db, residentId, lines) ?? (await readAccount(db, residentId, lines, feedLockNeeded(db)));
  keepAccount(db, residentId, lines, state);
  return {
    residentId,
    balance: state.balance,
    held: state.held,
    lines: passbookLines(state.lines, residentId, state.balance + state.held),
    rankingOptOut: state.rankingOptOut,
  };
}

async function readAccount(db: Db, residentId: string, lines: number, lockStation: string | null): Promise<AccountState> {
  if (lockStation !== null) await db.selectFrom('stations').select('id').where('id', '=', lockStation).forNoKeyUpdate().execute();
  const accounts = await db.selectFrom('point_accounts').select(['id', 'kind', 'balance']).where('resident_id', '=', residentId).execute();
  const balance = accounts.find((a) => a.kind === 'resident')?.balance ?? 0;
  const held = accounts.filter((a) => a.kind === 'hold').reduce((sum, a) => sum + a.balance, 0);
  const resident = await db.selectFrom('residents').select('ranking_opt_out').where('id', '=', residentId).executeTakeFirst();
  const rows = await db
    .selectFrom('transfers')
    .selectAll()
    .where('resident_id', '=', residentId)
    .where('kind', 'not in', ['hold', 'release'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(lines)
    .execute();
  return { balance, held, lines: rows.map(transferFromRow), rankingOptOut: resident?.ranking_opt_out === 1 };
}

/**
 * Publish the resident's account to the station's kiosks; returns the account as it is now and
 * the change cursor. Inside a push chunk the snapshot is recorded once, at the chunk's end
 * (publishBatchedAccounts), and the cursor returned here is 0: the chunk's flush returns it.
 */
export async function publishAccount(scope: LedgerScope, residentId: string): Promise<{ view: PointsAccountView; changeSeq: number }> {
  const view = await accountView(scope.trx, residentId);
  if (inAccountBatch(scope.trx)) {
    deferAccount(scope.trx, scope.stationId, residentId);
    return { view, changeSeq: 0 };
  }
  const changeSeq = await recordChange(scope.trx, scope.stationId, 'points-account', residentId, view);
  return { view, changeSeq };
}

/**
 * The end of a push chunk: record the final snapshot of every resident published during it, and
 * stop batching. Returns the change cursor after them, if any were recorded.
 */
export async function publishBatchedAccounts(trx: Transaction<Database>): Promise<number | undefined> {
  let changeSeq: number | undefined;
  try {
    for (const [residentId, stationId] of pendingAccounts(trx)) {
      changeSeq = await recordChange(trx, stationId, 'points-account', residentId, await accountView(trx, residentId));
    }
  } finally {
    endAccountBatch(trx);
  }
  return changeSeq;
}

export async function findItem(db: Db, stationId: string, itemId: string): Promise<CatalogueItem | null> {
  const row = await db.selectFrom('catalogue_items').selectAll().where('id', '=', itemId).where('station_id', '=', stationId).executeTakeFirst();
  return row ? catalogueItemFromRow(row) : null;
}

/** Units of an item the resident has redeemed in a month, not counting cancelled ones. */
export async function redeemedInMonth(db: Db, residentId: string, itemId: string, month: string): Promise<number> {
  const row = await db
    .selectFrom('redemptions')
    .select((eb) => eb.fn.sum<number | string | null>('quantity').as('units'))
    .where('resident_id', '=', residentId)
    .where('item_id', '=', itemId)
    .where('month', '=', month)
    .where('status', '<>', 'cancelled')
    .executeTakeFirst();
  return Number(row?.units ?? 0);
}

/** Units of a resident's monthly limit reserved for kiosks (all of them, or all but one). */
export async function limitHeld(db: Db, residentId: string, itemId: string, month: string, exceptDevice?: string): Promise<number> {
  let q = db
    .selectFrom('limit_holds')
    .select((eb) => eb.fn.sum<number | string | null>('units').as('units'))
    .where('resident_id', '=', residentId)
    .where('item_id', '=', itemId)
    .where('month', '=', month);
  if (exceptDevice) q = q.where('device_id', '<>', exceptDevice);
  const row = await q.executeTakeFirst();
  return Number(row?.units ?? 0);
}

export interface RedeemInput {
  redemptionId: string;
  transferId: string;
  residentId: string;
  itemId: string;
  quantity: number;
  funding: 'online' | 'kiosk-allowance';
  /** The kiosk that confirmed it (kiosk-allowance) or sent it (online through sync); null from a website. */
  deviceId: string | null;
  /** kiosk-allowance: the points the kiosk charged. */
  cost?: number;
  /** When the resident did it. */
  createdAt: Date;
}

export type RedeemResult =
  | { ok: true; redemption: Redemption; duplicate: boolean; item: CatalogueItem }
  | { ok: false; refusal: RedeemRefusal | 'forged'; reason: string };

function refused(refusal: RedeemRefusal): RedeemResult {
  return { ok: false, refusal, reason: REDEEM_REFUSALS[refusal] };
}

async function storedRedemption(db: Db, redemptionId: string): Promise<Redemption | null> {
  const row = await db.selectFrom('redemptions').selectAll().where('id', '=', redemptionId).executeTakeFirst();
  return row ? redemptionFromRow(row) : null;
}

/**
 * A redemption. `online`: the server decides by checkRedemption against the resident's account,
 * the item's stock and the month's count (other kiosks' reserved limit units counted as used).
 * `kiosk-allowance`: a kiosk confirmed it offline from what was reserved for it, so it is taken
 * from those holds; holds that do not cover it mean a forged or broken kiosk.
 */
export async function redeem(scope: LedgerScope, input: RedeemInput): Promise<RedeemResult> {
  const { trx, stationId, now } = scope;
  await lockResident(scope, input.residentId);
  const existing = await storedRedemption(trx, input.redemptionId);
  if (existing) {
    if (existing.residentId !== input.residentId || existing.itemId !== input.itemId || existing.stationId !== stationId) {
      return { ok: false, refusal: 'forged', reason: '这个兑换编号已经用于另一笔兑换，没有兑换（数据可能被篡改）' };
    }
    const item = (await findItem(trx, stationId, existing.itemId))!;
    return { ok: true, redemption: existing, duplicate: true, item };
  }
  if (await trx.selectFrom('transfers').select('id').where('id', '=', input.transferId).executeTakeFirst()) {
    return { ok: false, refusal: 'forged', reason: '这个积分记录编号已经用过了，没有兑换（数据可能被篡改）' };
  }
  const item = await findItem(trx, stationId, input.itemId);
  const from = input.funding === 'online' ? residentAccount(input.residentId) : holdAccount(input.deviceId ?? '-', input.residentId);
  let month: string;
  let cost: number;

  if (input.funding === 'online') {
    month = stationMonth(now);
    const used = item?.monthlyLimit != null ? (await redeemedInMonth(trx, input.residentId, item.id, month)) + (await limitHeld(trx, input.residentId, item.id, month)) : 0;
    const check = checkRedemption({
      item,
      quantity: input.quantity,
      spendable: await balanceOf(trx, from),
      stockAvailable: item?.stock ?? 0,
      redeemedThisMonth: used,
      now,
    });
    if (!check.ok) return refused(check.refusal);
    cost = check.cost;
    // Conditional: of many concurrent redemptions only as many as there are units get through.
    const taken = await trx
      .updateTable('catalogue_items')
      .set((eb) => ({ stock: eb('stock', '-', input.quantity) }))
      .where('id', '=', item!.id)
      .where('stock', '>=', input.quantity)
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) !== 1) return refused('out-of-stock');
  } else {
    if (!item || input.deviceId === null) return { ok: false, refusal: 'forged', reason: '一体机离线兑换的商品在服务器上不存在，没有兑换（一体机数据可能有误）' };
    cost = input.cost ?? item.cost * input.quantity;
    // Check all three holds before writing any, so a refusal changes nothing. Only this kiosk's
    // pushes touch its holds, and they run one after another (device row lock / BEGIN IMMEDIATE).
    const stockHold = await trx.selectFrom('stock_holds').select('units').where('device_id', '=', input.deviceId).where('item_id', '=', item.id).executeTakeFirst();
    const limitHold =
      item.monthlyLimit === null
        ? null
        : await trx
            .selectFrom('limit_holds')
            .select(['units', 'month'])
            .where('device_id', '=', input.deviceId)
            .where('resident_id', '=', input.residentId)
            .where('item_id', '=', item.id)
            .executeTakeFirst();
    const pointsHeld = await balanceOf(trx, from);
    const short: string[] = [];
    if ((stockHold?.units ?? 0) < input.quantity) short.push('保留的库存');
    // No limit hold: the item had no monthly limit when the hold was granted (a renew records a
    // limit in force with a row, 0 units included). A limit added since applies to new holds only.
    if (item.monthlyLimit !== null && limitHold && limitHold.units < input.quantity) short.push('保留的每月兑换次数');
    if (pointsHeld < cost) short.push('保留的积分');
    if (short.length > 0) {
      return { ok: false, refusal: 'forged', reason: `这台一体机${short.join('、')}不够这笔离线兑换，没有兑换（一体机数据可能有误，请联系工作人员）` };
    }
    await trx
      .updateTable('stock_holds')
      .set((eb) => ({ units: eb('units', '-', input.quantity) }))
      .where('device_id', '=', input.deviceId)
      .where('item_id', '=', item.id)
      .execute();
    if (limitHold) {
      await trx
        .updateTable('limit_holds')
        .set((eb) => ({ units: eb('units', '-', input.quantity) }))
        .where('device_id', '=', input.deviceId)
        .where('resident_id', '=', input.residentId)
        .where('item_id', '=', item.id)
        .execute();
    }
    // The units were reserved from that month's limit, so the redemption counts against it.
    month = limitHold?.month ?? stationMonth(input.createdAt);
  }

  const moved = await transfer(scope, {
    id: input.transferId,
    kind: 'redeem',
    from,
    to: spentAccount(stationId),
    amount: cost,
    residentId: input.residentId,
    memo: `兑换 ${item!.name} ×${input.quantity}`,
    redemptionId: input.redemptionId,
  });
  // The balance was read under the resident lock (or the holds checked above): a shortfall here
  // is a bug, and throwing rolls back the stock already taken.
  if (moved.status !== 'applied') throw new Error(`redeem transfer ${input.transferId}: ${moved.status}`);
  const row: RedemptionsTable = {
    id: input.redemptionId,
    station_id: stationId,
    resident_id: input.residentId,
    item_id: item!.id,
    item_name: item!.name,
    quantity: input.quantity,
    cost,
    voucher_code: voucherCode(input.redemptionId),
    funding: input.funding,
    device_id: input.deviceId,
    status: 'confirmed',
    month,
    transfer_id: input.transferId,
    created_at: input.createdAt.toISOString(),
    handed_out_at: null,
    cancelled_at: null,
  };
  await trx.insertInto('redemptions').values(row).execute();
  const after = (await findItem(trx, stationId, item!.id))!;
  return { ok: true, redemption: redemptionFromRow(row), duplicate: false, item: after };
}

export type CancelResult =
  | { ok: true; redemption: Redemption; duplicate: boolean; item: CatalogueItem | null }
  | { ok: false; reason: string };

/**
 * Undo a redemption not yet handed out: a reversing transfer gives the points back to the
 * resident's own account and the units go back to the item's stock. Who may cancel, and until
 * when, is the caller's rule (resident within the undo window, staff any time).
 */
export async function cancelRedemption(scope: LedgerScope, redemptionId: string, reversalId: string, reason: string): Promise<CancelResult> {
  const { trx, stationId, now } = scope;
  const found = await storedRedemption(trx, redemptionId);
  if (!found || found.stationId !== stationId) return { ok: false, reason: '没有找到这笔兑换，没有取消' };
  await lockResident(scope, found.residentId);
  const current = (await storedRedemption(trx, redemptionId))!;
  if (current.status === 'cancelled') {
    const reversal = await trx.selectFrom('transfers').select('id').where('id', '=', reversalId).executeTakeFirst();
    if (reversal) return { ok: true, redemption: current, duplicate: true, item: await findItem(trx, stationId, current.itemId) };
    return { ok: false, reason: '这笔兑换已经取消过了' };
  }
  if (current.status === 'handed-out') return { ok: false, reason: '东西已经领走了，这笔兑换不能再取消' };
  if (await trx.selectFrom('transfers').select('id').where('id', '=', reversalId).executeTakeFirst()) {
    return { ok: false, reason: '这个冲正记录编号已经用过了，没有取消（数据可能被篡改）' };
  }
  const row = await trx.selectFrom('redemptions').select('transfer_id').where('id', '=', redemptionId).executeTakeFirstOrThrow();
  const alreadyReversed = await trx.selectFrom('transfers').select('id').where('reverses', '=', row.transfer_id).executeTakeFirst();
  if (alreadyReversed) return { ok: false, reason: '这笔兑换的积分已经退回过了，不能再取消' };
  const memoReason = reason.trim();
  // The units go back first: every ledger writer takes the item row before the station's spent
  // account, so two of them can never wait on each other (PostgreSQL row locks).
  await trx
    .updateTable('catalogue_items')
    .set((eb) => ({ stock: eb('stock', '+', current.quantity) }))
    .where('id', '=', current.itemId)
    .execute();
  const moved = await transfer(scope, {
    id: reversalId,
    kind: 'reversal',
    from: spentAccount(stationId),
    to: residentAccount(current.residentId),
    amount: current.cost,
    residentId: current.residentId,
    memo: `取消兑换 ${current.itemName} ×${current.quantity}${memoReason ? `：${memoReason}` : ''}`,
    redemptionId,
    reverses: row.transfer_id,
  });
  // Checked above that the id is new; a duplicate here is a bug, and throwing rolls back the stock.
  if (moved.status !== 'applied') throw new Error(`cancel transfer ${reversalId}: ${moved.status}`);
  const t = now.toISOString();
  await trx.updateTable('redemptions').set({ status: 'cancelled', cancelled_at: t }).where('id', '=', redemptionId).execute();
  return { ok: true, redemption: { ...current, status: 'cancelled', cancelledAt: t }, duplicate: false, item: await findItem(trx, stationId, current.itemId) };
}

export type HandoutResult = { ok: true; redemption: Redemption; duplicate: boolean } | { ok: false; reason: string };

export async function handOut(scope: LedgerScope, redemptionId: string): Promise<HandoutResult> {
  const { trx, stationId, now } = scope;
  const t = now.toISOString();
  // Conditional on the status: a cancel and a hand-out racing cannot both win.
  const updated = await trx
    .updateTable('redemptions')
    .set({ status: 'handed-out', handed_out_at: t })
    .where('id', '=', redemptionId)
    .where('station_id', '=', stationId)
    .where('status', '=', 'confirmed')
    .returningAll()
    .executeTakeFirst();
  if (updated) return { ok: true, redemption: redemptionFromRow(updated), duplicate: false };
  const found = await storedRedemption(trx, redemptionId);
  if (!found || found.stationId !== stationId) return { ok: false, reason: '没有找到这笔兑换' };
  if (found.status === 'handed-out') return { ok: true, redemption: found, duplicate: true };
  return { ok: false, reason: '这笔兑换已经取消了，不能领取' };
}

export type ReverseResult = { ok: true; transfer: Transfer; duplicate: boolean } | { ok: false; reason: string };

/** A staff correction: a transfer the other way, with a reason. Earnings only; redemptions are cancelled instead. */
export async function reverseTransfer(scope: LedgerScope, transferId: string, reversalId: string, reason: string): Promise<ReverseResult> {
  const { trx, stationId } = scope;
  const again = await trx.selectFrom('transfers').selectAll().where('id', '=', reversalId).executeTakeFirst();
  if (again) {
    if (again.reverses === transferId) return { ok: true, transfer: transferFromRow(again), duplicate: true };
    return { ok: false, reason: '这个冲正记录编号已经用过了，没有冲正（数据可能被篡改）' };
  }
  const originalRow = await trx.selectFrom('transfers').selectAll().where('id', '=', transferId).where('station_id', '=', stationId).executeTakeFirst();
  if (!originalRow) return { ok: false, reason: '没有找到这条积分记录，没有冲正' };
  const original = transferFromRow(originalRow);
  if (original.kind === 'hold' || original.kind === 'release') return { ok: false, reason: '一体机保留积分的记录不能冲正' };
  if (original.kind === 'reversal') return { ok: false, reason: '冲正记录不能再冲正，请重新发放积分' };
  if (original.kind === 'redeem') return { ok: false, reason: '兑换的积分请用“取消兑换”退回，没有冲正' };
  if (await trx.selectFrom('transfers').select('id').where('reverses', '=', transferId).executeTakeFirst()) {
    return { ok: false, reason: '这条积分记录已经冲正过了，不能再冲正' };
  }
  if (original.residentId) await lockResident(scope, original.residentId);
  const moved = await transfer(scope, {
    id: reversalId,
    kind: 'reversal',
    from: original.to,
    to: original.from,
    amount: original.amount,
    residentId: original.residentId,
    deed: original.deed,
    memo: `冲正：${reason.trim()}（原记录：${original.memo}）`.slice(0, 200),
    reverses: original.id,
  });
  if (moved.status === 'insufficient') {
    return { ok: false, reason: `居民现在的积分不够扣回 ${original.amount} 分（可能已经兑换掉了），没有冲正` };
  }
  return { ok: true, transfer: moved.transfer, duplicate: moved.status === 'duplicate' };
}

