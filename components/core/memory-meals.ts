/**
 * In-memory meals (老年助餐) for tests and demos. It decides with the same domain rules as the
 * server (checkMealBooking, priceBreakdown, alreadySubsidisedOn, canBookOrCancel), so a widget
 * test refused here is refused there too.
 */
import type { MealBookingRecord, MealSeats, PublicMealWeek } from '../../domain/meal-records.ts';
import {
  alreadySubsidisedOn,
  bookingCutoff,
  canBookOrCancel,
  checkMealBooking,
  cutoffRuleText,
  cutoffText,
  isDeliveryEligible,
  MEAL_BOOKING_REFUSALS,
  priceBreakdown,
  type MealResident,
  type Menu,
  type SubsidyPolicy,
} from '../../domain/meals.ts';
import { maskPhone } from '../../domain/personal-data.ts';
import { mondayOf, stationDateOf } from '../../domain/station-time.ts';
import { MealsError, type BookMealRequest, type MealChoice, type MealsSession, type MealsSource, type ResidentMeals } from './meals-source.ts';
import { RESIDENT_SESSION_MS } from './points-source.ts';

export interface MemoryMealResident extends MealResident {
  id: string;
  /** Full name: never returned except inside the session, where widgets mask it. */
  name: string;
  /** Full phone: only compared; the session carries it masked, as the server does. */
  phone: string;
  pin: string;
  building: string;
}

export interface MemoryMealsOptions {
  stationId?: string;
  menus?: Menu[];
  policy: SubsidyPolicy;
  residents?: MemoryMealResident[];
  bookings?: MealBookingRecord[];
  now?: () => Date;
  latency?: number;
}

export class MemoryMeals implements MealsSource {
  readonly menus: Menu[];
  readonly residents = new Map<string, MemoryMealResident>();
  readonly bookings: MealBookingRecord[];
  /** Every book request received, in order (tests check a retry re-sends the same id). */
  readonly bookRequests: BookMealRequest[] = [];
  /** While set, every call rejects with it before doing anything. */
  error: Error | null = null;
  /** Apply the next booking, then fail as if the answer was lost on the way back. */
  loseNextAnswer = false;
  private readonly options: MemoryMealsOptions;
  private readonly sessions = new Map<string, string>();

  constructor(options: MemoryMealsOptions) {
    this.options = options;
    this.menus = (options.menus ?? []).map((m) => structuredClone(m));
    for (const r of options.residents ?? []) this.residents.set(r.id, { ...r });
    this.bookings = (options.bookings ?? []).map((b) => structuredClone(b));
  }

  private now(): Date {
    return this.options.now ? this.options.now() : new Date();
  }

  private async call<T>(work: () => T): Promise<T> {
    await new Promise((resolve) => setTimeout(resolve, this.options.latency ?? 0));
    if (this.error) throw this.error;
    return structuredClone(work());
  }

  private resident(session: MealsSession): MemoryMealResident {
    const id = this.sessions.get(session.token);
    const r = id ? this.residents.get(id) : undefined;
    if (!r) throw new MealsError('signed-out', 'unknown token', 401);
    return r;
  }

  private taken(date: string, meal: string): number {
    return this.bookings.filter((b) => b.date === date && b.meal === meal && b.status === 'confirmed').length;
  }

  week(week?: string): Promise<PublicMealWeek> {
    return this.call(() => {
      const now = this.now();
      const weekStart = mondayOf(week ?? stationDateOf(now));
      const menu = this.menus.find((m) => m.weekStart === weekStart) ?? null;
      const seatsLeft: MealSeats[] = [];
      for (const day of menu?.days ?? []) {
        for (const m of day.meals) {
          const closes = bookingCutoff(menu!.cutoff, day.date);
          seatsLeft.push({
            date: day.date,
            meal: m.meal,
            capacity: m.capacity,
            left: Math.max(0, m.capacity - this.taken(day.date, m.meal)),
            closesAt: closes.toISOString(),
            closesText: cutoffText(menu!.cutoff, day.date),
            open: canBookOrCancel(menu!.cutoff, day.date, now),
          });
        }
      }
      return { weekStart, menu, cutoffText: menu ? cutoffRuleText(menu.cutoff) : null, seatsLeft };
    });
  }

  signIn(phone: string, pin: string): Promise<MealsSession> {
    return this.call(() => {
      const r = [...this.residents.values()].find((x) => x.phone === phone);
      if (!r || r.pin !== pin) throw new MealsError('wrong-pin', 'wrong pin', 401);
      const token = crypto.randomUUID();
      this.sessions.set(token, r.id);
      const expiresAt = new Date(this.now().getTime() + RESIDENT_SESSION_MS).toISOString();
      return { token, expiresAt, resident: { id: r.id, name: r.name, building: r.building, phone: maskPhone(r.phone) } };
    });
  }

  mine(session: MealsSession): Promise<ResidentMeals> {
    return this.call(() => {
      const r = this.resident(session);
      const today = stationDateOf(this.now());
      return { bookings: this.bookings.filter((b) => b.residentId === r.id), deliveryEligible: isDeliveryEligible(this.options.policy.delivery, r, today) };
    });
  }

  /** The domain's decision for `choice` by `r` now: the refusal, or the breakdown. */
  private decide(r: MemoryMealResident, choice: MealChoice) {
    const menu = this.menus.find((m) => m.weekStart === mondayOf(choice.date)) ?? null;
    const mine = this.bookings.filter((b) => b.residentId === r.id);
    const check = checkMealBooking({
      menu,
      ...choice,
      resident: r,
      deliveryRule: this.options.policy.delivery,
      seatsTaken: this.taken(choice.date, choice.meal),
      alreadyBooked: mine.some((b) => b.date === choice.date && b.meal === choice.meal && (b.status === 'confirmed' || b.status === 'provisional')),
      now: this.now(),
    });
    if (!check.ok) throw new MealsError(check.refusal, MEAL_BOOKING_REFUSALS[check.refusal], 409);
    return priceBreakdown(this.options.policy, {
      priceFen: check.set.priceFen,
      resident: r,
      date: choice.date,
      alreadySubsidisedThatDay: alreadySubsidisedOn(mine, choice.date),
      priceLabel: `${choice.set}套餐`,
    });
  }

  quote(session: MealsSession, choice: MealChoice): Promise<{ breakdown: ReturnType<MemoryMeals['decide']> }> {
    return this.call(() => ({ breakdown: this.decide(this.resident(session), choice) }));
  }

  book(session: MealsSession, request: BookMealRequest): Promise<{ booking: MealBookingRecord }> {
    return this.call(() => {
      this.bookRequests.push(structuredClone(request));
      const r = this.resident(session);
      const same = this.bookings.find((b) => b.id === request.bookingId);
      if (same && same.residentId !== r.id) throw new MealsError('booking-id-taken', 'id taken', 409);
      if (same) return { booking: same };
      const receipt = this.decide(r, request);
      const booking: MealBookingRecord = {
        id: request.bookingId,
        stationId: this.options.stationId ?? '',
        residentId: r.id,
        date: request.date,
        meal: request.meal,
        set: request.set,
        variant: request.variant,
        mode: request.mode,
        status: 'confirmed',
        receipt,
        delivery: null,
        createdAt: this.now().toISOString(),
        cancelledAt: null,
        refusal: null,
        reason: null,
        bookedBy: request.onBehalf ? 'family' : 'resident',
        channel: 'website',
      };
      this.bookings.push(booking);
      if (this.loseNextAnswer) {
        this.loseNextAnswer = false;
        throw new MealsError('network', 'answer lost');
      }
      return { booking };
    });
  }

  cancel(session: MealsSession, bookingId: string): Promise<{ booking: MealBookingRecord }> {
    return this.call(() => {
      const r = this.resident(session);
      const b = this.bookings.find((x) => x.id === bookingId && x.residentId === r.id);
      if (!b) throw new MealsError('not-found', 'no booking', 404);
      if (b.status === 'cancelled') return { booking: b };
      const menu = this.menus.find((m) => m.weekStart === mondayOf(b.date));
      if (b.status !== 'confirmed' || !menu || !canBookOrCancel(menu.cutoff, b.date, this.now())) throw new MealsError('cannot-cancel', 'too late', 409);
      b.status = 'cancelled';
      b.cancelledAt = this.now().toISOString();
      return { booking: b };
    });
  }
}
