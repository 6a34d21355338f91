/**
 * Redeeming at the kiosk, the one decision (docs/architecture.md, "The points ledger"):
 *
 * 1. The kiosk's allowance covers it (checkRedemption against what is left of this kiosk's holds):
 *    queued as `kiosk-allowance` and the voucher is shown at once, online or not — the server has
 *    reserved the points and the stock, so it will accept it.
 * 2. Otherwise the replica's own view (balance, stock, this month's redemptions) is checked with the
 *    same rule: a refusal is said plainly and nothing is queued.
 * 3. Online: queued as `online`, pushed at once, and the outcome awaited (about 8 s): applied → the
 *    voucher; rejected → the server's plain reason, nothing changed; no answer → 已提交，联网后确认
 *    (in 我的 and 我的积分 until the answer comes; never shown as confirmed, never dropped).
 * 4. Offline and not covered: a plain sentence, nothing queued.
 */
import { checkRedemption, REDEEM_REFUSALS, type Redemption, type RedeemRefusal } from '../../domain/index.ts';
import type { KioskServices } from '../kiosk-services.ts';
import { looksOnline, waitForOutcome } from '../sync/push-and-wait.ts';
import type { ResidentSession } from '../session/resident-session.ts';
import { allowanceCovers } from './allowance.ts';
import { AllowanceChanged, enqueueRedemption } from './points-commands.ts';
import { allowanceState, catalogueItem, ownedPoints, pointsAccount, redeemedThisMonth, residentRedemptions, spendableOnline } from './points-data.ts';
import { catalogueWithoutLocalFields } from './points-replica.ts';

/** How long the kiosk waits for the server's answer to an online redemption. */
export const ONLINE_REDEEM_WAIT_MS = 8_000;

export const OFFLINE_NOT_COVERED = '现在没有联网，这件商品要等联网后才能兑换，没有兑换';

export type RedeemResult =
  /** Confirmed: from the allowance, or the server applied it. */
  | { kind: 'voucher'; redemption: Redemption }
  /** Refused here by the rule; nothing queued. */
  | { kind: 'refused'; refusal: RedeemRefusal; message: string }
  /** Offline and not covered by the allowance; nothing queued. */
  | { kind: 'offline'; message: string }
  /** The server refused it; nothing changed. */
  | { kind: 'rejected'; message: string }
  /** Sent, no answer yet: 已提交，联网后确认. */
  | { kind: 'submitted'; redemption: Redemption };

export type RedeemServices = Pick<KioskServices, 'db' | 'outbox' | 'engine' | 'now'>;

export async function redeem(services: RedeemServices, session: ResidentSession, itemId: string, quantity: number, waitMs = ONLINE_REDEEM_WAIT_MS): Promise<RedeemResult> {
  const now = services.now();
  const db = services.db;
  const [record, state, account, redemptions] = await Promise.all([
    catalogueItem(db, itemId),
    allowanceState(db),
    pointsAccount(db, session.residentId),
    residentRedemptions(db, session.residentId),
  ]);
  const item = record ? catalogueWithoutLocalFields(record) : null;

  if (item && allowanceCovers(state, item, session.residentId, quantity, now).ok) {
    try {
      const { redemption } = await enqueueRedemption(services.outbox, session, item, quantity, 'kiosk-allowance', now);
      return { kind: 'voucher', redemption };
    } catch (error) {
      if (!(error instanceof AllowanceChanged)) throw error;
      // Spent meanwhile (a second tap, another screen): decide again below.
    }
  }

  const check = checkRedemption({
    item,
    quantity,
    spendable: spendableOnline(account, redemptions),
    stockAvailable: item?.stock ?? 0,
    redeemedThisMonth: redeemedThisMonth(redemptions, itemId, now),
    now,
  });
  if (!check.ok) return { kind: 'refused', refusal: check.refusal, message: REDEEM_REFUSALS[check.refusal] };
  if (!item || !looksOnline(services)) return { kind: 'offline', message: OFFLINE_NOT_COVERED };

  const { command, redemption } = await enqueueRedemption(services.outbox, session, item, quantity, 'online', now);
  void services.engine.syncNow();
  const outcome = await waitForOutcome(services, command.id, waitMs);
  if (!outcome) return { kind: 'submitted', redemption };
  if (outcome.status === 'applied') {
    const stored = await db.run((conn) => conn.get('redemptions', redemption.id));
    return { kind: 'voucher', redemption: stored ? { ...redemption, ...stripLocal(stored) } : redemption };
  }
  return { kind: 'rejected', message: outcome.reason ?? REDEEM_REFUSALS['insufficient-points'] };
}

function stripLocal<T extends { pendingCommandId?: string; serverCopy?: unknown }>(r: T): Omit<T, 'pendingCommandId' | 'serverCopy'> {
  const { pendingCommandId: _p, serverCopy: _s, ...plain } = r;
  return plain;
}

export type RedeemPreview = { ok: true; cost: number; left: number } | { ok: false; refusal: RedeemRefusal; message: string };

/**
 * Before the confirm sheet: would this redemption pass (from the allowance, or by the replica's
 * view)? And what would the resident have left (兑换后还剩)? Nothing is written.
 */
export async function previewRedemption(services: Pick<KioskServices, 'db' | 'now'>, session: ResidentSession, itemId: string, quantity: number): Promise<RedeemPreview> {
  const now = services.now();
  const db = services.db;
  const [record, state, account, redemptions] = await Promise.all([
    catalogueItem(db, itemId),
    allowanceState(db),
    pointsAccount(db, session.residentId),
    residentRedemptions(db, session.residentId),
  ]);
  const item = record ? catalogueWithoutLocalFields(record) : null;
  const owned = ownedPoints(account, redemptions);
  const covered = allowanceCovers(state, item, session.residentId, quantity, now);
  if (covered.ok) return { ok: true, cost: covered.cost, left: Math.max(0, owned - covered.cost) };
  const check = checkRedemption({
    item,
    quantity,
    spendable: spendableOnline(account, redemptions),
    stockAvailable: item?.stock ?? 0,
    redeemedThisMonth: redeemedThisMonth(redemptions, itemId, now),
    now,
  });
  if (!check.ok) return { ok: false, refusal: check.refusal, message: REDEEM_REFUSALS[check.refusal] };
  return { ok: true, cost: check.cost, left: Math.max(0, owned - check.cost) };
}
