/**
 * Reads of the points replica for the screens: the catalogue, a resident's account and
 * redemptions, the allowance, the deed-points table; and what a resident owns as this kiosk knows
 * it (the server's account, less what was redeemed here and not yet seen by the server).
 */
import { DEFAULT_DEED_POINTS, stationMonth, type Deed, type PointsAccountView } from '../../domain/index.ts';
import type { AllowanceState, KioskDb, ReplicaCatalogueItem, ReplicaRedemption } from '../store/kiosk-db.ts';
import { emptyAllowanceState } from './allowance.ts';

export async function allowanceState(db: KioskDb): Promise<AllowanceState> {
  return ((await db.getMeta('allowance')) as AllowanceState | undefined) ?? emptyAllowanceState();
}

/** Every catalogue item in the replica (retired ones too: staff see them), by name. */
export async function catalogueItems(db: KioskDb): Promise<ReplicaCatalogueItem[]> {
  const all = await db.run((conn) => conn.getAll('catalogue'));
  return all.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || (a.id < b.id ? -1 : 1));
}

export async function catalogueItem(db: KioskDb, id: string): Promise<ReplicaCatalogueItem | null> {
  return (await db.run((conn) => conn.get('catalogue', id))) ?? null;
}

export async function pointsAccount(db: KioskDb, residentId: string): Promise<PointsAccountView | null> {
  return (await db.run((conn) => conn.get('pointsAccounts', residentId))) ?? null;
}

/** This resident's redemptions, newest first. Never anyone else's. */
export async function residentRedemptions(db: KioskDb, residentId: string): Promise<ReplicaRedemption[]> {
  const list = await db.run((conn) => conn.getAllFromIndex('redemptions', 'byResident', residentId));
  return list.filter((r) => r.residentId === residentId).sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

export async function redemptionsByVoucher(db: KioskDb, code: string): Promise<ReplicaRedemption[]> {
  return db.run((conn) => conn.getAllFromIndex('redemptions', 'byVoucher', code));
}

export async function deedPoints(db: KioskDb): Promise<Record<Deed, number>> {
  const table = await db.getMeta('deedPoints');
  return { ...DEFAULT_DEED_POINTS, ...(table?.points ?? {}) };
}

/** Made here and not yet seen by the server (no copy of it has come back). */
function unseen(r: ReplicaRedemption): boolean {
  return r.pendingCommandId !== undefined && !r.serverCopy;
}

/**
 * What the resident owns as this kiosk knows it: the server's balance + held, less redemptions made
 * here the server has not seen, plus cancellations made here the server has not seen.
 */
export function ownedPoints(account: PointsAccountView | null, redemptions: readonly ReplicaRedemption[]): number {
  let owned = account ? account.balance + account.held : 0;
  for (const r of redemptions) {
    if (unseen(r) && r.status !== 'cancelled') owned -= r.cost;
    else if (r.pendingCommandId && r.status === 'cancelled' && r.serverCopy?.status === 'confirmed') owned += r.cost;
  }
  return Math.max(0, owned);
}

/** What the server would let the resident spend online: the balance less online redemptions it has not seen. */
export function spendableOnline(account: PointsAccountView | null, redemptions: readonly ReplicaRedemption[]): number {
  let spendable = account ? account.balance : 0;
  for (const r of redemptions) if (unseen(r) && r.status !== 'cancelled' && r.funding === 'online') spendable -= r.cost;
  return Math.max(0, spendable);
}

/** Units of an item this resident redeemed (not cancelled) in this station month, as this kiosk knows. */
export function redeemedThisMonth(redemptions: readonly ReplicaRedemption[], itemId: string, now: Date): number {
  const month = stationMonth(now);
  return redemptions.filter((r) => r.itemId === itemId && r.status !== 'cancelled' && stationMonth(r.createdAt) === month).reduce((n, r) => n + r.quantity, 0);
}
