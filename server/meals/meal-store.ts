/**
 * Meals in the database: row mapping, and the reads every meal action shares (a week's menu, the
 * station's policy, a resident's meal facts). Times are ISO-8601 UTC text; JSON is stored as text.
 */
import type { Kysely } from 'kysely';
import {
  mondayOf,
  NO_SUBSIDY_POLICY,
  type CutoffRule,
  type DeliveryAddress,
  type DietTag,
  type MealBookingRecord,
  type MealBookingRefusal,
  type MealResident,
  type MealResidentFlags,
  type MealSetCode,
  type Menu,
  type MenuDay,
  type PriceBreakdown,
  type ResidentGroup,
  type StationSubsidyPolicy,
  type SubsidyPolicy,
} from '../../domain/index.ts';
import { lockStation } from '../db/lock-order.ts';
import type { Database, DialectName, MealBookingsTable, MealResidentsTable, MenusTable } from '../db/schema.ts';

export type Db = Kysely<Database>;

export function menuFromRow(row: MenusTable): Menu {
  return {
    id: row.id,
    stationId: row.station_id,
    weekStart: row.week_start,
    cutoff: JSON.parse(row.cutoff) as CutoffRule,
    days: JSON.parse(row.days) as MenuDay[],
    revision: row.revision,
    updatedAt: row.updated_at,
  };
}

export function bookingFromRow(row: MealBookingsTable): MealBookingRecord {
  return {
    id: row.id,
    stationId: row.station_id,
    residentId: row.resident_id,
    date: row.date,
    meal: row.meal,
    set: row.set_code as MealSetCode,
    variant: row.variant as DietTag | null,
    mode: row.mode,
    status: row.status,
    receipt: JSON.parse(row.receipt) as PriceBreakdown,
    delivery: row.delivery === null ? null : (JSON.parse(row.delivery) as DeliveryAddress),
    createdAt: row.created_at,
    cancelledAt: row.cancelled_at,
    refusal: row.refusal as MealBookingRefusal | null,
    reason: row.reason,
    bookedBy: row.booked_by,
    channel: row.channel,
  };
}

export function flagsFromRow(row: MealResidentsTable): MealResidentFlags {
  return {
    residentId: row.resident_id,
    stationId: row.station_id,
    groups: JSON.parse(row.groups) as ResidentGroup[],
    deliveryFlag: row.delivery_flag === 1,
    address: row.address,
    notes: row.notes,
    revision: row.revision,
    updatedAt: row.updated_at,
  };
}

export async function menuOfWeek(db: Db, stationId: string, weekStart: string): Promise<Menu | null> {
  const row = await db.selectFrom('menus').selectAll().where('station_id', '=', stationId).where('week_start', '=', weekStart).executeTakeFirst();
  return row ? menuFromRow(row) : null;
}

/** The menu whose week holds `date` (menus run Monday to Sunday). */
export function menuForDate(db: Db, stationId: string, date: string): Promise<Menu | null> {
  return menuOfWeek(db, stationId, mondayOf(date));
}

export async function stationPolicy(db: Db, stationId: string): Promise<StationSubsidyPolicy> {
  const row = await db.selectFrom('meal_policies').selectAll().where('station_id', '=', stationId).executeTakeFirst();
  if (!row) return { stationId, policy: NO_SUBSIDY_POLICY, revision: 0, updatedAt: null };
  return { stationId, policy: JSON.parse(row.policy) as SubsidyPolicy, revision: row.revision, updatedAt: row.updated_at };
}

export interface MealPerson {
  id: string;
  stationId: string;
  building: string;
  rules: MealResident;
  flags: MealResidentFlags | null;
}

/** An active resident of the station with their meal flags, or null. */
export async function mealPerson(db: Db, stationId: string, residentId: string): Promise<MealPerson | null> {
  const row = await db
    .selectFrom('residents')
    .select(['id', 'station_id', 'birth_year', 'building', 'active'])
    .where('id', '=', residentId)
    .where('station_id', '=', stationId)
    .executeTakeFirst();
  if (!row || row.active !== 1) return null;
  const flagsRow = await db.selectFrom('meal_residents').selectAll().where('resident_id', '=', residentId).executeTakeFirst();
  const flags = flagsRow ? flagsFromRow(flagsRow) : null;
  return {
    id: row.id,
    stationId: row.station_id,
    building: row.building,
    rules: { birthYear: row.birth_year, groups: flags?.groups ?? [], deliveryFlag: flags?.deliveryFlag ?? false },
    flags,
  };
}

/**
 * The lock that makes "count the seats, then insert" one step. SQLite: BEGIN IMMEDIATE already
 * holds the write lock. PostgreSQL: the station row — the same row every replicated write locks
 * anyway (recordChange bumps its change_seq), taken first, as the lock order says
 * (server/db/lock-order.ts), so bookings cannot deadlock with pushes.
 */
export async function lockStationForMeals(db: Db, dialect: DialectName, stationId: string): Promise<void> {
  await lockStation(db, dialect, stationId);
}

/** Seats taken for a date and meal: confirmed (and, were any stored, provisional) bookings. */
export async function seatsTaken(db: Db, stationId: string, date: string, meal: string): Promise<number> {
  const row = await db
    .selectFrom('meal_bookings')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('station_id', '=', stationId)
    .where('date', '=', date)
    .where('meal', '=', meal as 'lunch')
    .where('status', 'in', ['confirmed', 'provisional'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A resident's bookings on one date (all statuses). */
export async function bookingsOn(db: Db, residentId: string, date: string): Promise<MealBookingRecord[]> {
  const rows = await db.selectFrom('meal_bookings').selectAll().where('resident_id', '=', residentId).where('date', '=', date).execute();
  return rows.map(bookingFromRow);
}

export async function findBooking(db: Db, bookingId: string): Promise<MealBookingRecord | null> {
  const row = await db.selectFrom('meal_bookings').selectAll().where('id', '=', bookingId).executeTakeFirst();
  return row ? bookingFromRow(row) : null;
}

export function bookingRow(b: MealBookingRecord, deviceId: string | null, updatedAt: string): MealBookingsTable {
  return {
    id: b.id,
    station_id: b.stationId,
    resident_id: b.residentId,
    date: b.date,
    meal: b.meal,
    set_code: b.set,
    variant: b.variant,
    mode: b.mode,
    status: b.status,
    refusal: b.refusal,
    reason: b.reason,
    receipt: JSON.stringify(b.receipt),
    delivery: b.delivery === null ? null : JSON.stringify(b.delivery),
    booked_by: b.bookedBy,
    channel: b.channel,
    device_id: deviceId,
    created_at: b.createdAt,
    cancelled_at: b.cancelledAt,
    updated_at: updatedAt,
  };
}
