/**
 * The optional meals (老年助餐) capability of a LinliSource: the public weekly menu with seats
 * left, and a resident's own bookings after signing in with phone + PIN (the same sign-in as the
 * points shop). A source without meals leaves `LinliSource.meals` undefined and the meal widget
 * says so in plain words.
 */
import type { MealBookingRecord, PublicMealWeek } from '../../domain/meal-records.ts';
import type { DietTag, MealBookingRefusal, MealKind, MealMode, MealSetCode, PriceBreakdown } from '../../domain/meals.ts';
import type { PointsSession } from './points-source.ts';
import { LinliSourceError, toKindError, type LinliSourceErrorKind } from './source.ts';

/** A signed-in resident (the token in memory only); the same shape the points shop keeps. */
export type MealsSession = PointsSession;

/** What a resident picks for one meal. */
export interface MealChoice {
  date: string;
  meal: MealKind;
  set: MealSetCode;
  /** null: the standard way. */
  variant: DietTag | null;
  mode: MealMode;
}

export interface BookMealRequest extends MealChoice {
  /** crypto.randomUUID() per decision; sent again unchanged when retrying after a network error. */
  bookingId: string;
  /** A family member books with the resident's phone + PIN (stored as booked by family). */
  onBehalf?: true;
}

export interface ResidentMeals {
  bookings: MealBookingRecord[];
  deliveryEligible: boolean;
}

export interface MealsSource {
  /** The week holding `week` (any day, YYYY-MM-DD; default this week), public, no personal data. */
  week(week?: string): Promise<PublicMealWeek>;
  /** Rejects with MealsError `wrong-pin` or `locked`. */
  signIn(phone: string, pin: string): Promise<MealsSession>;
  mine(session: MealsSession): Promise<ResidentMeals>;
  /** The price breakdown the resident would pay, or MealsError of a refusal kind. */
  quote(session: MealsSession, choice: MealChoice): Promise<{ breakdown: PriceBreakdown }>;
  /** Rejects with MealsError of a refusal kind when the station says no (nothing changes). */
  book(session: MealsSession, request: BookMealRequest): Promise<{ booking: MealBookingRecord }>;
  /** Rejects with MealsError `cannot-cancel` after the cut-off, `not-found` for an unknown id. */
  cancel(session: MealsSession, bookingId: string): Promise<{ booking: MealBookingRecord }>;
}

export type MealsErrorKind = LinliSourceErrorKind | MealBookingRefusal | 'wrong-pin' | 'locked' | 'signed-out' | 'cannot-cancel' | 'booking-id-taken';

const KINDS: ReadonlySet<string> = new Set<MealsErrorKind>([
  'no-such-meal',
  'no-such-set',
  'no-such-variant',
  'mode-not-offered',
  'cutoff-passed',
  'already-booked',
  'delivery-not-eligible',
  'full',
  'wrong-pin',
  'locked',
  'cannot-cancel',
  'booking-id-taken',
]);

/** The kinds a server's `{ error }` code may name for meals. */
export const MEALS_ERROR_KINDS: ReadonlySet<string> = KINDS;

/** Thrown by MealsSource methods. Widgets show a sentence per `kind`, never `message`. */
export type MealsError = LinliSourceError<MealsErrorKind>;
export const MealsError = LinliSourceError as new (kind: MealsErrorKind, message: string, status?: number) => MealsError;

/** Any thrown value as a MealsError (an unknown failure counts as a network problem). */
export function toMealsError(err: unknown): MealsError {
  return toKindError<MealsErrorKind>(err, KINDS);
}
