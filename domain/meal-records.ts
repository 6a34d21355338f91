/**
 * What the station server stores and replicates for elderly meals, around the pure rules of
 * meals.ts: a station's policy as a record, a resident's staff-only meal flags, and a booking as
 * the server keeps it (the domain MealBooking plus why it was refused or cancelled and who booked).
 * Types and constants only; the rules stay in meals.ts.
 */
import type { MealBooking, MealBookingRefusal, MealKind, Menu, ResidentGroup, SubsidyPolicy } from './meals.ts';

/** A station that has not set a policy yet: no subsidy lines, delivery only for flagged residents. */
export const NO_SUBSIDY_POLICY: SubsidyPolicy = { ageBands: [], fixedDaily: null, extras: [], delivery: { minAge: null, groups: [] } };

/** Replicated as entity `subsidy-policy`, id = station id. */
export interface StationSubsidyPolicy {
  stationId: string;
  policy: SubsidyPolicy;
  /** 0: never set (NO_SUBSIDY_POLICY applies). */
  revision: number;
  updatedAt: string | null;
}

/**
 * Staff-only facts about a resident for meals (sensitive under PIPL: never on a public page).
 * Replicated to the station's kiosks as entity `meal-resident`, id = resident id.
 */
export interface MealResidentFlags {
  residentId: string;
  stationId: string;
  groups: ResidentGroup[];
  /** Staff flagged this resident for delivery whatever their age. */
  deliveryFlag: boolean;
  /** Where deliveries go (the building comes from the resident record). */
  address: string;
  /** e.g. "敲门声音大一点，老人耳背". */
  notes: string;
  revision: number;
  updatedAt: string;
}

/** Who made a booking: the resident, staff for them (proxy), or a family member with their PIN on a website. */
export type MealBookedBy = 'resident' | 'proxy' | 'family';
export type MealBookingChannel = 'kiosk' | 'website';

/**
 * A booking as the server stores it and replicates it (entity `meal-booking`). The server never
 * stores `provisional`: a kiosk's provisional booking is decided when its push arrives and becomes
 * `confirmed` or `refused` (with the refusal sentence in `reason`), which the resident sees in 我的.
 */
export interface MealBookingRecord extends MealBooking {
  /** Set when status is `refused`. */
  refusal: MealBookingRefusal | null;
  /** Refused: the MEAL_BOOKING_REFUSALS sentence. Cancelled: why (staff or resident words). */
  reason: string | null;
  bookedBy: MealBookedBy;
  channel: MealBookingChannel;
}

/** Seats of one meal on one day, for the public menu. */
export interface MealSeats {
  date: string;
  meal: MealKind;
  capacity: number;
  /** capacity − confirmed bookings, never below zero. */
  left: number;
  /** When booking and cancelling close (ISO-8601 UTC). */
  closesAt: string;
  /** "11月22日（周日）17:00 截止". */
  closesText: string;
  /** Booking still open at the time of the answer. */
  open: boolean;
}

/** GET /api/stations/:stationId/meals/menus?week=… — no personal data. */
export interface PublicMealWeek {
  weekStart: string;
  /** null: no menu published for that week yet. */
  menu: Menu | null;
  /** "前一天 17:00 前可以订餐和退订", or null without a menu. */
  cutoffText: string | null;
  seatsLeft: MealSeats[];
}
