/**
 * Booking a meal at the kiosk (docs/architecture.md, "Meals"):
 *
 * 1. The replica's view is checked with checkMealBooking (seats from the replica's confirmed
 *    bookings): a refusal is said plainly and nothing is queued.
 * 2. Online: queued with provisional:false, pushed at once and the outcome awaited (about 8 s):
 *    applied → 订好了; rejected → the server's sentence, nothing kept; no answer → it stays queued
 *    and the resident is told 已登记，联网后确认.
 * 3. Offline: queued with provisional:true and shown as 已登记，联网后确认 (never 订好了); the server
 *    decides when the push arrives and 我的 shows the outcome (confirmed, or refused with the reason).
 *
 * Cancelling (before the cut-off) is a meal.cancel; 撤销 within 10 minutes goes through the undo
 * registry (unsent → withdrawn from the outbox).
 */
import { NO_SUBSIDY_POLICY, type MealBookingRecord, type MealResidentFlags } from '../../domain/meal-records.ts';
import {
  alreadySubsidisedOn,
  canBookOrCancel,
  checkMealBooking,
  findMenuSet,
  isDeliveryEligible,
  MEAL_BOOKING_REFUSALS,
  priceBreakdown,
  type DietTag,
  type MealKind,
  type MealMode,
  type MealResident,
  type MealSetCode,
  type Menu,
  type PriceBreakdown,
  type SubsidyPolicy,
} from '../../domain/meals.ts';
import { mondayOf, stationDateOf } from '../../domain/station-time.ts';
import type { KioskServices } from '../kiosk-services.ts';
import { looksOnline, waitForOutcome } from '../sync/push-and-wait.ts';
import { enqueueForResident } from '../residents/resident-sign-in.ts';
import type { ResidentSession } from '../session/resident-session.ts';
import type { KioskDb, ReplicaMealBooking } from '../store/kiosk-db.ts';
import { markCancelled } from './meal-undo.ts';
import { bookingWithoutLocalFields, menuWithoutLocalFields } from './meals-replica.ts';

export const ONLINE_BOOK_WAIT_MS = 8_000;

export interface MealChoice {
  date: string;
  meal: MealKind;
  set: MealSetCode;
  variant: DietTag | null;
  mode: MealMode;
}

export type BookResult =
  | { kind: 'booked'; booking: MealBookingRecord }
  /** Refused here by the rule, or by the server online: nothing kept. */
  | { kind: 'refused'; message: string }
  /** Offline, or no answer yet: 已登记，联网后确认. */
  | { kind: 'provisional'; booking: MealBookingRecord };

export type MealServices = Pick<KioskServices, 'db' | 'outbox' | 'engine' | 'now'>;

/** The menus of this week and the next (station time), oldest first. */
export async function currentMenus(db: KioskDb, now: Date): Promise<Menu[]> {
  const monday = mondayOf(stationDateOf(now));
  const all = await db.run((conn) => conn.getAll('menus'));
  return all
    .map(menuWithoutLocalFields)
    .filter((m) => m.weekStart >= monday)
    .sort((a, b) => (a.weekStart < b.weekStart ? -1 : 1))
    .slice(0, 2);
}

export async function subsidyPolicy(db: KioskDb): Promise<SubsidyPolicy> {
  const stored = (await db.getMeta('subsidyPolicy')) as { policy: SubsidyPolicy } | undefined;
  return stored?.policy ?? NO_SUBSIDY_POLICY;
}

export async function residentBookings(db: KioskDb, residentId: string): Promise<ReplicaMealBooking[]> {
  return db.run((conn) => conn.getAllFromIndex('mealBookings', 'byResident', residentId));
}

export async function bookingsOn(db: KioskDb, date: string): Promise<ReplicaMealBooking[]> {
  return db.run((conn) => conn.getAllFromIndex('mealBookings', 'byDate', date));
}

/** The resident as the meal rules see them: birth year from the replica, groups and flag from the staff-only flags. */
export async function mealResident(db: KioskDb, residentId: string): Promise<{ resident: MealResident; flags: MealResidentFlags | null }> {
  const [record, flags] = await db.run((conn) => Promise.all([conn.get('residents', residentId), conn.get('mealResidents', residentId)]));
  return {
    resident: { birthYear: record?.birthYear ?? new Date().getFullYear(), groups: flags?.groups ?? [], deliveryFlag: flags?.deliveryFlag ?? false },
    flags: flags ?? null,
  };
}

/** Seats left for a meal from the replica's confirmed bookings (the server counts the same way). */
export function seatsLeft(capacity: number, bookings: readonly MealBookingRecord[], date: string, meal: MealKind): number {
  const taken = bookings.filter((b) => b.date === date && b.meal === meal && b.status === 'confirmed').length;
  return Math.max(0, capacity - taken);
}

const live = (b: MealBookingRecord): boolean => b.status === 'confirmed' || b.status === 'provisional';

/** The price breakdown the resident will see and that goes with the booking. */
export async function quote(db: KioskDb, residentId: string, menu: Menu, choice: MealChoice): Promise<PriceBreakdown | null> {
  const set = findMenuSet(menu, choice.date, choice.meal, choice.set);
  if (!set) return null;
  const [policy, { resident }, mine] = await Promise.all([subsidyPolicy(db), mealResident(db, residentId), residentBookings(db, residentId)]);
  return priceBreakdown(policy, {
    priceFen: set.priceFen,
    resident,
    date: choice.date,
    alreadySubsidisedThatDay: alreadySubsidisedOn(mine.map(bookingWithoutLocalFields), choice.date),
    priceLabel: `${set.code}套餐`,
  });
}

export async function deliveryAllowed(db: KioskDb, residentId: string, date: string): Promise<boolean> {
  const [policy, { resident }] = await Promise.all([subsidyPolicy(db), mealResident(db, residentId)]);
  return isDeliveryEligible(policy.delivery, resident, date);
}

/** Check against the replica; null when the rule lets it through. */
export async function precheck(db: KioskDb, residentId: string, menu: Menu, choice: MealChoice, now: Date): Promise<string | null> {
  const [policy, { resident }, mine, sameDay] = await Promise.all([subsidyPolicy(db), mealResident(db, residentId), residentBookings(db, residentId), bookingsOn(db, choice.date)]);
  const check = checkMealBooking({
    menu,
    ...choice,
    resident,
    deliveryRule: policy.delivery,
    seatsTaken: sameDay.filter((b) => b.meal === choice.meal && b.status === 'confirmed').length,
    alreadyBooked: mine.some((b) => b.date === choice.date && b.meal === choice.meal && live(b)),
    now,
  });
  return check.ok ? null : MEAL_BOOKING_REFUSALS[check.refusal];
}

export async function bookMeal(services: MealServices, session: ResidentSession, menu: Menu, choice: MealChoice, waitMs = ONLINE_BOOK_WAIT_MS): Promise<BookResult> {
  const db = services.db;
  const now = services.now();
  const refusal = await precheck(db, session.residentId, menu, choice, now);
  if (refusal) return { kind: 'refused', message: refusal };
  const receipt = await quote(db, session.residentId, menu, choice);
  if (!receipt) return { kind: 'refused', message: MEAL_BOOKING_REFUSALS['no-such-set'] };
  const online = looksOnline(services);
  const { flags } = await mealResident(db, session.residentId);
  const bookingId = crypto.randomUUID();
  const stationId = (await db.getMeta('stationId')) ?? menu.stationId;
  const booking: MealBookingRecord = {
    id: bookingId,
    stationId,
    residentId: session.residentId,
    ...choice,
    status: 'provisional',
    receipt,
    delivery: choice.mode === 'delivery' ? { building: '', address: flags?.address ?? '', notes: flags?.notes ?? '' } : null,
    createdAt: now.toISOString(),
    cancelledAt: null,
    refusal: null,
    reason: null,
    bookedBy: session.proxyStaffNo ? 'proxy' : 'resident',
    channel: 'kiosk',
  };
  const command = await enqueueForResident(
    services.outbox,
    session,
    { type: 'meal.book', payload: { bookingId, ...choice, provisional: !online } },
    async (tx, cmd) => {
      await tx.objectStore('mealBookings').put({ ...booking, pendingCommandId: cmd.id, serverCopy: null });
    },
  );
  if (!online) return { kind: 'provisional', booking };
  void services.engine.syncNow();
  const outcome = await waitForOutcome(services, command.id, waitMs);
  if (!outcome) return { kind: 'provisional', booking };
  if (outcome.status === 'applied') {
    const stored = await db.run((conn) => conn.get('mealBookings', bookingId));
    const record = stored ? bookingWithoutLocalFields(stored) : { ...booking, status: 'confirmed' as const };
    if (record.status === 'refused') return { kind: 'refused', message: record.reason ?? MEAL_BOOKING_REFUSALS.full };
    return { kind: 'booked', booking: record };
  }
  return { kind: 'refused', message: outcome.reason ?? MEAL_BOOKING_REFUSALS.full };
}

/** Cancel a booking from 我的 (before the cut-off); the booking shows as cancelled at once. */
export async function cancelMeal(services: MealServices, session: ResidentSession, booking: MealBookingRecord, menu: Menu | null, reason = '居民退订'): Promise<'queued' | 'too-late'> {
  if (!menu || !canBookOrCancel(menu.cutoff, booking.date, services.now())) return 'too-late';
  await enqueueForResident(services.outbox, session, { type: 'meal.cancel', payload: { bookingId: booking.id, reason } }, async (tx, cmd) => {
    await markCancelled(tx, cmd, booking.id);
  });
  void services.engine.syncNow();
  return 'queued';
}
