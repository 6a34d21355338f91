/**
 * Points commands at the kiosk. Each goes into the outbox together with its effect on the local
 * replica (one IndexedDB transaction): a redemption shows in 我的积分 at once (and, when it was
 * paid from the allowance, its spend is recorded with it), a hand-out or a catalogue edit shows as
 * 待同步 until the server answers.
 */
import {
  stationMonth,
  voucherCode,
  type CatalogueItem,
  type CatalogueItemDraft,
  type Command,
  type Deed,
  type Redemption,
} from '../../domain/index.ts';
import { enqueueForResident } from '../residents/resident-sign-in.ts';
import type { ResidentSession } from '../session/resident-session.ts';
import type { StaffSession } from '../staff/staff-sign-in.ts';
import type { AllowanceState, ReplicaCatalogueItem, ReplicaRedemption } from '../store/kiosk-db.ts';
import type { LocalWriteTx, Outbox } from '../sync/outbox.ts';
import { allowanceCovers, emptyAllowanceState, renewDue, withRenewQueued, withSpend } from './allowance.ts';
import { catalogueFromSave, catalogueWithoutLocalFields, redemptionWithoutLocalFields } from './points-replica.ts';
import './redeem-undo.ts';

/** Thrown inside the enqueue transaction when the allowance no longer covers: nothing is queued. */
export class AllowanceChanged extends Error {
  constructor() {
    super('the offline allowance no longer covers this redemption');
    this.name = 'AllowanceChanged';
  }
}

async function readAllowance(tx: LocalWriteTx): Promise<AllowanceState> {
  return ((await tx.objectStore('meta').get('allowance')) as AllowanceState | undefined) ?? emptyAllowanceState();
}

/**
 * Queue a points.redeem for the signed-in resident (or staff acting for them). `kiosk-allowance`:
 * the allowance is checked again inside the transaction and the spend recorded with the command,
 * so two quick redemptions can never both spend the same hold.
 */
export async function enqueueRedemption(
  outbox: Outbox,
  session: ResidentSession,
  item: CatalogueItem,
  quantity: number,
  funding: Redemption['funding'],
  now: Date,
): Promise<{ command: Command<'points.redeem'>; redemption: Redemption }> {
  const redemptionId = crypto.randomUUID();
  const [stationId, deviceId] = await Promise.all([outbox.db.getMeta('stationId'), outbox.db.getMeta('deviceId')]);
  let redemption: Redemption | null = null;
  const command = await enqueueForResident(
    outbox,
    session,
    {
      type: 'points.redeem',
      // Offline, the price this kiosk charged goes with it: a price raised meanwhile must not refuse it.
      payload: { redemptionId, transferId: crypto.randomUUID(), itemId: item.id, quantity, funding, ...(funding === 'kiosk-allowance' ? { cost: item.cost * quantity } : {}) },
    },
    async (tx, cmd) => {
      const cost = item.cost * quantity;
      if (funding === 'kiosk-allowance') {
        const state = await readAllowance(tx);
        if (!allowanceCovers(state, item, session.residentId, quantity, now).ok) throw new AllowanceChanged();
        await tx.objectStore('meta').put(
          withSpend(state, { commandId: cmd.id, residentId: session.residentId, itemId: item.id, quantity, cost, month: stationMonth(now) }),
          'allowance',
        );
      }
      redemption = {
        id: redemptionId,
        stationId: stationId ?? item.stationId,
        residentId: session.residentId,
        itemId: item.id,
        itemName: item.name,
        quantity,
        cost,
        voucherCode: voucherCode(redemptionId),
        funding,
        deviceId: deviceId ?? null,
        status: 'confirmed',
        createdAt: cmd.createdAt,
        handedOutAt: null,
        cancelledAt: null,
      };
      const record: ReplicaRedemption = { ...redemption, pendingCommandId: cmd.id, serverCopy: null };
      await tx.objectStore('redemptions').put(record);
    },
  );
  return { command, redemption: redemption! };
}

/** Staff hand the item over (after checking the voucher code). */
export async function handOut(outbox: Outbox, staff: StaffSession, redemption: ReplicaRedemption): Promise<Command<'points.handout'>> {
  return outbox.enqueue({ type: 'points.handout', payload: { redemptionId: redemption.id }, actor: { staffNo: staff.staffNo } }, async (tx, cmd) => {
    const store = tx.objectStore('redemptions');
    const local = (await store.get(redemption.id)) ?? redemption;
    const server = local.pendingCommandId ? (local.serverCopy ?? null) : redemptionWithoutLocalFields(local);
    await store.put({ ...redemptionWithoutLocalFields(local), status: 'handed-out', handedOutAt: cmd.createdAt, pendingCommandId: cmd.id, serverCopy: server });
  });
}

/** Staff reverse a passbook line (a correction with a reason); the server writes the reversing transfer. */
export async function reverseTransfer(outbox: Outbox, staff: StaffSession, transferId: string, reason: string): Promise<Command<'points.reverse'>> {
  return outbox.enqueue({ type: 'points.reverse', payload: { transferId, reversalId: crypto.randomUUID(), reason: reason.trim() }, actor: { staffNo: staff.staffNo } });
}

/** Staff award points to one resident or to many (one permanent transfer id each). */
export async function awardPoints(
  outbox: Outbox,
  staff: StaffSession,
  input: { residentIds: readonly string[]; deed: Deed; points: number | null; memo: string },
): Promise<Command<'points.award'>> {
  const awards = [...new Set(input.residentIds)].map((residentId) => ({ residentId, transferId: crypto.randomUUID() }));
  return outbox.enqueue({ type: 'points.award', payload: { awards, deed: input.deed, points: input.points, memo: input.memo.trim() }, actor: { staffNo: staff.staffNo } });
}

/** A resident leaves (or rejoins) the public ranking; shown at once in their account. */
export async function setRankingOptOut(outbox: Outbox, session: ResidentSession, optOut: boolean): Promise<Command<'resident.ranking-opt-out'>> {
  return enqueueForResident(outbox, session, { type: 'resident.ranking-opt-out', payload: { residentId: session.residentId, optOut } }, async (tx) => {
    const store = tx.objectStore('pointsAccounts');
    const account = (await store.get(session.residentId)) ?? { residentId: session.residentId, balance: 0, held: 0, lines: [], rankingOptOut: false };
    await store.put({ ...account, rankingOptOut: optOut });
  });
}

/**
 * Staff save a catalogue item (new: base null). Based on the revision of the record being edited
 * (for a record with a pending edit, the revision that edit will produce), like notices. An edit
 * moves the stock by `stockDelta` (补货 +N / 减少 −N) and never sends a stock to write: others
 * move it too (docs/architecture.md, "Points"). The local copy shows the base's stock moved by it.
 */
export async function saveCatalogueItem(
  outbox: Outbox,
  stationId: string,
  staff: StaffSession,
  base: ReplicaCatalogueItem | CatalogueItem | null,
  draft: CatalogueItemDraft,
  options: { itemId?: string; stockDelta?: number; alsoInTx?: (tx: LocalWriteTx) => Promise<void> } = {},
): Promise<Command<'catalogue.save'>> {
  const itemId = options.itemId ?? base?.id ?? crypto.randomUUID();
  const stockDelta = options.stockDelta ?? 0;
  const payload = base
    ? { itemId, baseRevision: base.revision, draft: { ...draft, stock: Math.max(0, base.stock + stockDelta) }, stockDelta }
    : { itemId, baseRevision: null, draft };
  return outbox.enqueue({ type: 'catalogue.save', payload, actor: { staffNo: staff.staffNo } }, async (tx, cmd) => {
    const store = tx.objectStore('catalogue');
    const existing = await store.get(itemId);
    const serverCopy = existing ? (existing.pendingCommandId ? (existing.serverCopy ?? null) : catalogueWithoutLocalFields(existing)) : null;
    await store.put({ ...catalogueFromSave(cmd, existing?.stationId ?? stationId), pendingCommandId: cmd.id, serverCopy });
    if (options.alsoInTx) await options.alsoInTx(tx);
  });
}

/**
 * Queue a points.allowance-renew (actor: the device itself) when one is due and none is waiting;
 * only at a station with a catalogue (nothing to redeem, nothing to hold). True when queued.
 */
export async function queueAllowanceRenewIfDue(outbox: Outbox, now: Date): Promise<boolean> {
  const db = outbox.db;
  const [state, items] = await Promise.all([
    db.getMeta('allowance') as Promise<AllowanceState | undefined>,
    db.run((conn) => conn.count('catalogue')),
  ]);
  if (items === 0 || !renewDue(state ?? emptyAllowanceState(), now)) return false;
  const waiting = (await outbox.pending()).some((r) => r.command.type === 'points.allowance-renew');
  if (waiting) return false;
  await outbox.enqueue(
    { type: 'points.allowance-renew', payload: { requestedAt: now.toISOString() }, actor: {} },
    async (tx, cmd) => {
      await tx.objectStore('meta').put(withRenewQueued(await readAllowance(tx), cmd.id), 'allowance');
    },
    { silent: true },
  );
  return true;
}
