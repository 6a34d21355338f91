/**
 * Booking and cancelling a meal, the one place the server decides. Both the sync commands and the
 * website routes call these inside their own transaction. The rules are the domain's
 * (checkMealBooking, priceBreakdown, alreadySubsidisedOn, canBookOrCancel); this file only gathers
 * their inputs under the lock, so the seat count and the insert are one step.
 */
import {
  alreadySubsidisedOn,
  canBookOrCancel,
  checkMealBooking,
  cutoffText,
  isCalendarDate,
  MEAL_BOOKING_REFUSALS,
  MEAL_KIND_LABELS,
  priceBreakdown,
  type DeliveryAddress,
  type DietTag,
  type MealBookedBy,
  type MealBookingChannel,
  type MealBookingRecord,
  type MealBookingRefusal,
  type MealKind,
  type MealMode,
  type MealSetCode,
  type Menu,
  type PriceBreakdown,
} from '../../domain/index.ts';
import type { DialectName } from '../db/schema.ts';
import { bookingRow, bookingsOn, findBooking, lockStationForMeals, mealPerson, menuForDate, seatsTaken, stationPolicy, type Db, type MealPerson } from './meal-store.ts';

export interface MealChoice {
  date: string;
  meal: MealKind;
  set: MealSetCode;
  variant: DietTag | null;
  mode: MealMode;
}

export interface BookingRequest extends MealChoice {
  bookingId: string;
  stationId: string;
  residentId: string;
  /** Offline kiosk booking: a refusal is stored too, so the resident sees it in 我的. */
  provisional: boolean;
  bookedBy: MealBookedBy;
  channel: MealBookingChannel;
  deviceId: string | null;
  now: Date;
}

export type BookingResult =
  | { kind: 'booked'; booking: MealBookingRecord }
  /** The same booking id again (a retry): what is stored. */
  | { kind: 'duplicate'; booking: MealBookingRecord }
  /** `booking` is the stored refused booking (provisional) or null (nothing stored). */
  | { kind: 'refused'; refusal: MealBookingRefusal; booking: MealBookingRecord | null }
  /** The id belongs to another resident's booking: a broken or forged client. */
  | { kind: 'id-taken' }
  | { kind: 'unknown-resident' };

const NO_RECEIPT: PriceBreakdown = { lines: [], grossFen: 0, subsidyFen: 0, toPayFen: 0, notes: [] };

function priceLabel(choice: MealChoice): string {
  return `${MEAL_KIND_LABELS[choice.meal]} ${choice.set} 套餐${choice.variant ? `（${choice.variant}）` : ''}`;
}

function deliveryOf(person: MealPerson, mode: MealMode): DeliveryAddress | null {
  if (mode !== 'delivery') return null;
  return { building: person.building, address: person.flags?.address ?? '', notes: person.flags?.notes ?? '' };
}

interface Decision {
  menu: Menu | null;
  check: ReturnType<typeof checkMealBooking>;
  receipt: PriceBreakdown;
}

/** Gather the rule inputs and ask the domain; the caller holds the lock when it will insert. */
async function decide(db: Db, stationId: string, person: MealPerson, choice: MealChoice, now: Date): Promise<Decision> {
  // A date that does not exist (2026-02-30) has no menu: refused as no-such-meal, never a thrown error.
  const menu = isCalendarDate(choice.date) ? await menuForDate(db, stationId, choice.date) : null;
  const { policy } = await stationPolicy(db, stationId);
  const dayBookings = await bookingsOn(db, person.id, choice.date);
  const live = dayBookings.filter((b) => b.status === 'confirmed' || b.status === 'provisional');
  const check = checkMealBooking({
    menu,
    date: choice.date,
    meal: choice.meal,
    set: choice.set,
    variant: choice.variant,
    mode: choice.mode,
    resident: person.rules,
    deliveryRule: policy.delivery,
    seatsTaken: await seatsTaken(db, stationId, choice.date, choice.meal),
    alreadyBooked: live.some((b) => b.meal === choice.meal),
    now,
  });
  const receipt = check.ok
    ? priceBreakdown(policy, {
        priceFen: check.set.priceFen,
        resident: person.rules,
        date: choice.date,
        alreadySubsidisedThatDay: alreadySubsidisedOn(dayBookings, choice.date),
        priceLabel: priceLabel(choice),
      })
    : NO_RECEIPT;
  return { menu, check, receipt };
}

/** The price breakdown before confirming (no lock, nothing written), or why it cannot be booked. */
export async function quoteMeal(
  db: Db,
  stationId: string,
  residentId: string,
  choice: MealChoice,
  now: Date,
): Promise<{ ok: true; breakdown: PriceBreakdown } | { ok: false; refusal: MealBookingRefusal } | null> {
  const person = await mealPerson(db, stationId, residentId);
  if (!person) return null;
  const { check, receipt } = await decide(db, stationId, person, choice, now);
  return check.ok ? { ok: true, breakdown: receipt } : { ok: false, refusal: check.refusal };
}

/** Book inside the caller's transaction `trx`; the seat check and the insert happen under one lock. */
export async function bookMeal(trx: Db, dialect: DialectName, req: BookingRequest): Promise<BookingResult> {
  await lockStationForMeals(trx, dialect, req.stationId);
  const existing = await findBooking(trx, req.bookingId);
  if (existing) {
    return existing.residentId === req.residentId && existing.stationId === req.stationId ? { kind: 'duplicate', booking: existing } : { kind: 'id-taken' };
  }
  const person = await mealPerson(trx, req.stationId, req.residentId);
  if (!person) return { kind: 'unknown-resident' };
  const { check, receipt } = await decide(trx, req.stationId, person, req, req.now);
  if (!check.ok && !req.provisional) return { kind: 'refused', refusal: check.refusal, booking: null };

  const t = req.now.toISOString();
  const booking: MealBookingRecord = {
    id: req.bookingId,
    stationId: req.stationId,
    residentId: req.residentId,
    date: req.date,
    meal: req.meal,
    set: req.set,
    variant: req.variant,
    mode: req.mode,
    status: check.ok ? 'confirmed' : 'refused',
    receipt,
    delivery: check.ok ? deliveryOf(person, req.mode) : null,
    createdAt: t,
    cancelledAt: null,
    refusal: check.ok ? null : check.refusal,
    reason: check.ok ? null : MEAL_BOOKING_REFUSALS[check.refusal],
    bookedBy: req.bookedBy,
    channel: req.channel,
  };
  await trx.insertInto('meal_bookings').values(bookingRow(booking, req.deviceId, t)).execute();
  return check.ok ? { kind: 'booked', booking } : { kind: 'refused', refusal: check.refusal, booking };
}

export interface CancelRequest {
  stationId: string;
  bookingId: string;
  reason: string;
  /** A resident alone may cancel only their own booking; staff (or proxy) anyone's of the station. */
  residentOnly: string | null;
  now: Date;
}

export type CancelResult =
  | { kind: 'cancelled'; booking: MealBookingRecord }
  /** Already cancelled: what is stored (a retry must not fail). */
  | { kind: 'duplicate'; booking: MealBookingRecord }
  | { kind: 'not-found' }
  | { kind: 'cannot'; message: string };

export async function cancelMeal(trx: Db, dialect: DialectName, req: CancelRequest): Promise<CancelResult> {
  await lockStationForMeals(trx, dialect, req.stationId);
  const booking = await findBooking(trx, req.bookingId);
  if (!booking || booking.stationId !== req.stationId) return { kind: 'not-found' };
  if (req.residentOnly !== null && booking.residentId !== req.residentOnly) return { kind: 'not-found' };
  if (booking.status === 'cancelled') return { kind: 'duplicate', booking };
  if (booking.status === 'refused') return { kind: 'cannot', message: '这份订餐没有订上，不用退订' };
  const menu = await menuForDate(trx, req.stationId, booking.date);
  if (menu && !canBookOrCancel(menu.cutoff, booking.date, req.now)) {
    return { kind: 'cannot', message: `退订时间已经过了（${cutoffText(menu.cutoff, booking.date)}），不能退订了，请找工作人员` };
  }
  const t = req.now.toISOString();
  const reason = req.reason.trim() === '' ? null : req.reason.trim();
  await trx.updateTable('meal_bookings').set({ status: 'cancelled', cancelled_at: t, reason, updated_at: t }).where('id', '=', booking.id).execute();
  return { kind: 'cancelled', booking: { ...booking, status: 'cancelled', cancelledAt: t, reason } };
}
