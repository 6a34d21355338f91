/**
 * The kiosk's offline points allowance (docs/architecture.md, "The points ledger"). Pure rules over
 * the stored AllowanceState; the reads and writes around them are in points-data.ts.
 *
 * What this kiosk may still spend offline for resident R = allowance.points[R] minus the cost of
 * every allowance redemption for R queued after the renew that granted it (the `spent` list; a
 * renew's outcome covers — and so removes — the spends queued before that renew). The same for the
 * stock of an item and a resident's monthly limit of an item (the latter only in the allowance's
 * month). A cancellation never gives allowance back: the server puts those points in the
 * resident's own account, not in this kiosk's hold.
 *
 * This rule is kiosk-only (the server never needs "what is left of a kiosk's hold minus commands it
 * has not seen yet"), so it lives here and calls the domain's checkRedemption for the decision.
 */
import {
  allowanceTarget,
  checkRedemption,
  limitHoldTarget,
  stationMonth,
  stockHoldTarget,
  type CatalogueItem,
  type KioskAllowance,
  type RedeemRefusal,
} from '../../domain/index.ts';
import type { AllowanceSpend, AllowanceState } from '../store/kiosk-db.ts';

/** A renew is asked for when the last one is older than this. */
export const ALLOWANCE_RENEW_MS = 5 * 60_000;

export function emptyAllowanceState(): AllowanceState {
  return { allowance: null, renewSeq: null, receivedAt: null, spent: [], renewing: null, dirty: false };
}

export interface AllowanceRemaining {
  points: number;
  stock: number;
  /** Units of the item this resident may still take this month from the hold (0 outside the allowance's month). */
  limit: number;
}

const sum = (spends: readonly AllowanceSpend[], pick: (s: AllowanceSpend) => number): number => spends.reduce((n, s) => n + pick(s), 0);

/**
 * What is left of this kiosk's holds for a resident and an item, now.
 *
 * While a renew waits for its answer, the server will settle the old holds and grant new ones
 * before it sees the spends queued after the renew; those must fit the new holds. The new hold is
 * never less than the domain's target for what was left of the old one with nothing else owned
 * (allowanceTarget(0, left), stockHoldTarget(0, left), limitHoldTarget(left)), so spends queued
 * after a waiting renew are kept within that.
 */
export function remainingAllowance(state: AllowanceState, residentId: string, itemId: string, now: Date): AllowanceRemaining {
  const a: KioskAllowance | null = state.allowance;
  if (!a) return { points: 0, stock: 0, limit: 0 };
  const covered = new Set(state.renewing?.covers ?? []);
  const before = state.spent.filter((s) => covered.has(s.commandId));
  const after = state.spent.filter((s) => !covered.has(s.commandId));
  const month = stationMonth(now);
  const mine = (s: AllowanceSpend): boolean => s.residentId === residentId;
  const ofItem = (s: AllowanceSpend): boolean => s.itemId === itemId;
  const limited = (s: AllowanceSpend): boolean => mine(s) && ofItem(s) && s.month === month;
  const left = (granted: number, pick: (s: AllowanceSpend) => boolean, amount: (s: AllowanceSpend) => number, target: (left: number) => number): number => {
    const rest = granted - sum(before.filter(pick), amount);
    const usable = state.renewing ? Math.min(rest, target(Math.max(0, rest))) : rest;
    return Math.max(0, usable - sum(after.filter(pick), amount));
  };
  return {
    points: left(a.points[residentId] ?? 0, mine, (s) => s.cost, (r) => allowanceTarget(0, r)),
    stock: left(a.stock[itemId] ?? 0, ofItem, (s) => s.quantity, (r) => stockHoldTarget(0, r)),
    limit: a.month === month ? left(a.limits[`${residentId}:${itemId}`] ?? 0, limited, (s) => s.quantity, (r) => limitHoldTarget(r)) : 0,
  };
}

/**
 * May this redemption be confirmed from the allowance (offline, and certain to be accepted)?
 * The domain's checkRedemption with the remaining holds standing in for balance, stock and limit.
 */
export function allowanceCovers(
  state: AllowanceState,
  item: CatalogueItem | null | undefined,
  residentId: string,
  quantity: number,
  now: Date,
): { ok: true; cost: number } | { ok: false; refusal: RedeemRefusal } {
  const left = remainingAllowance(state, residentId, item?.id ?? '', now);
  const limited = item?.monthlyLimit ?? null;
  return checkRedemption({
    item,
    quantity,
    spendable: left.points,
    stockAvailable: left.stock,
    // The limit hold is what may still be taken; as "already redeemed" it is the rest of the limit.
    redeemedThisMonth: limited === null ? 0 : Math.max(0, limited - left.limit),
    now,
  });
}

/** Should a points.allowance-renew be queued now (online)? Never while one is waiting. */
export function renewDue(state: AllowanceState, now: Date): boolean {
  if (state.renewing) return false;
  if (state.dirty || !state.receivedAt) return true;
  return now.getTime() - Date.parse(state.receivedAt) >= ALLOWANCE_RENEW_MS;
}

/** A spend from the holds, queued with its redemption (same transaction). */
export function withSpend(state: AllowanceState, spend: AllowanceSpend): AllowanceState {
  return { ...state, spent: [...state.spent, spend], dirty: true };
}

/** A spend withdrawn unsent (the server never sees it): its holds are free again. */
export function withoutSpend(state: AllowanceState, commandId: string): AllowanceState {
  return {
    ...state,
    spent: state.spent.filter((s) => s.commandId !== commandId),
    renewing: state.renewing ? { ...state.renewing, covers: state.renewing.covers.filter((id) => id !== commandId) } : null,
  };
}

/** A renew was queued: its outcome will cover every spend queued before it. */
export function withRenewQueued(state: AllowanceState, commandId: string): AllowanceState {
  return { ...state, renewing: { commandId, covers: state.spent.map((s) => s.commandId) }, dirty: false };
}

/** The renew's outcome: the new allowance replaces the old; the spends it covered are settled. */
export function withRenewOutcome(state: AllowanceState, commandId: string, seq: number, allowance: KioskAllowance | null, at: Date): AllowanceState {
  if (!state.renewing || state.renewing.commandId !== commandId) return state;
  if (!allowance) return { ...state, renewing: null };
  const covered = new Set(state.renewing.covers);
  return { ...state, allowance, renewSeq: seq, receivedAt: at.toISOString(), spent: state.spent.filter((s) => !covered.has(s.commandId)), renewing: null };
}
