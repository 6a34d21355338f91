/**
 * What staff and the public read about meals. The sums and orders are the domain's
 * (kitchenCounts, deliveryList, settlementReport, settlementCsv); this file picks the bookings.
 */
import {
  addCalendarDays,
  bookingCutoff,
  canBookOrCancel,
  cutoffRuleText,
  cutoffText,
  deliveryList,
  isDeliveryEligible,
  kitchenCounts,
  MEAL_KINDS,
  settlementCsv,
  settlementReport,
  stationDateOf,
  type KitchenCount,
  type MealBookingRecord,
  type MealKind,
  type MealSeats,
  type PublicMealWeek,
  type SettlementReport,
} from '../../domain/index.ts';
import { bookingFromRow, mealPerson, menuOfWeek, stationPolicy, type Db } from './meal-store.ts';

/** A week's menu with seats left per date and meal: no personal data at all. */
export async function publicMealWeek(db: Db, stationId: string, weekStart: string, now: Date): Promise<PublicMealWeek> {
  const menu = await menuOfWeek(db, stationId, weekStart);
  if (!menu) return { weekStart, menu: null, cutoffText: null, seatsLeft: [] };
  const taken = await db
    .selectFrom('meal_bookings')
    .select(['date', 'meal'])
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('station_id', '=', stationId)
    .where('date', '>=', weekStart)
    .where('date', '<=', addCalendarDays(weekStart, 6))
    .where('status', 'in', ['confirmed', 'provisional'])
    .groupBy(['date', 'meal'])
    .execute();
  const takenOf = (date: string, meal: MealKind) => Number(taken.find((t) => t.date === date && t.meal === meal)?.n ?? 0);
  const seatsLeft: MealSeats[] = [];
  for (const day of menu.days) {
    for (const m of day.meals) {
      seatsLeft.push({
        date: day.date,
        meal: m.meal,
        capacity: m.capacity,
        left: Math.max(0, m.capacity - takenOf(day.date, m.meal)),
        closesAt: bookingCutoff(menu.cutoff, day.date).toISOString(),
        closesText: cutoffText(menu.cutoff, day.date),
        open: canBookOrCancel(menu.cutoff, day.date, now),
      });
    }
  }
  return { weekStart, menu, cutoffText: cutoffRuleText(menu.cutoff), seatsLeft };
}

async function bookingsBetween(db: Db, stationId: string, from: string, to: string): Promise<MealBookingRecord[]> {
  const rows = await db
    .selectFrom('meal_bookings')
    .selectAll()
    .where('station_id', '=', stationId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('date')
    .orderBy('id')
    .execute();
  return rows.map(bookingFromRow);
}

export async function kitchenOf(db: Db, stationId: string, date: string): Promise<KitchenCount[]> {
  return kitchenCounts(await bookingsBetween(db, stationId, date, date));
}

export interface DeliveryListStop {
  stop: number;
  bookingId: string;
  residentId: string;
  /** Staff-only printout: the full name and phone are what the driver needs. */
  name: string;
  phone: string;
  set: MealBookingRecord['set'];
  variant: MealBookingRecord['variant'];
  building: string;
  address: string;
  notes: string;
  toPayFen: number;
}

export async function deliveryOf(db: Db, stationId: string, date: string, meal: MealKind): Promise<DeliveryListStop[]> {
  const stops = deliveryList(await bookingsBetween(db, stationId, date, date), date, meal);
  const ids = [...new Set(stops.map((s) => s.booking.residentId))];
  const people = ids.length === 0 ? [] : await db.selectFrom('residents').select(['id', 'name', 'phone']).where('id', 'in', ids).execute();
  return stops.map(({ stop, booking }) => {
    const person = people.find((p) => p.id === booking.residentId);
    return {
      stop,
      bookingId: booking.id,
      residentId: booking.residentId,
      name: person?.name ?? '',
      phone: person?.phone ?? '',
      set: booking.set,
      variant: booking.variant,
      building: booking.delivery?.building ?? '',
      address: booking.delivery?.address ?? '',
      notes: booking.delivery?.notes ?? '',
      toPayFen: booking.receipt.toPayFen,
    };
  });
}

export async function settlementOf(db: Db, stationId: string, month: string): Promise<{ report: SettlementReport; csv: string }> {
  const bookings = await bookingsBetween(db, stationId, `${month}-01`, `${month}-31`);
  const report = settlementReport(bookings, month);
  return { report, csv: settlementCsv(report) };
}

/** A resident's own bookings (from 31 days back) and whether they may choose delivery today. */
export async function residentMeals(db: Db, stationId: string, residentId: string, now: Date): Promise<{ bookings: MealBookingRecord[]; deliveryEligible: boolean }> {
  const today = stationDateOf(now);
  const rows = await db
    .selectFrom('meal_bookings')
    .selectAll()
    .where('resident_id', '=', residentId)
    .where('date', '>=', addCalendarDays(today, -31))
    .orderBy('date')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  // Lunch before dinner within a day (the stored words would sort the other way).
  const bookings = rows.map(bookingFromRow).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : MEAL_KINDS.indexOf(a.meal) - MEAL_KINDS.indexOf(b.meal)));
  const person = await mealPerson(db, stationId, residentId);
  const { policy } = await stationPolicy(db, stationId);
  return { bookings, deliveryEligible: person ? isDeliveryEligible(policy.delivery, person.rules, today) : false };
}
