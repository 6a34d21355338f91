/**
 * Meal fixtures for the kiosk tests: the week of NOW (Monday 2026-11-23, station time 16:00, so
 * the 23rd is past its cut-off — the day before at 17:00 — and the 24th is open for another hour),
 * the example subsidy policy, staff-only flags, and a fake server that answers meal commands like
 * the real one: confirmed, or a refusal (online: rejected with the sentence; provisional: applied
 * with the booking refused and its reason).
 */
import type { Command, CommandOutcome, PushRequest, PushResponse } from '../../domain/index.ts';
import type { MealBookingRecord, MealResidentFlags } from '../../domain/meal-records.ts';
import { EXAMPLE_SUBSIDY_POLICY, MEAL_BOOKING_REFUSALS, type MealBookingRefusal, type Menu, type MenuMeal } from '../../domain/meals.ts';
import type { KioskDb } from '../../kiosk/store/kiosk-db.ts';
import { NOW } from './kiosk-fixtures.ts';

function meal(kind: 'lunch' | 'dinner', capacity: number, dishName = '红烧狮子头'): MenuMeal {
  return {
    meal: kind,
    capacity,
    modes: kind === 'lunch' ? ['dine-in', 'pick-up', 'delivery'] : ['dine-in', 'pick-up'],
    sets: [
      {
        code: 'A',
        priceFen: 1500,
        dishes: [
          { name: dishName, photo: null, dietTags: ['低盐'], healthLabel: 'amber' },
          { name: '清炒菠菜', photo: null, dietTags: ['素食', '低脂'], healthLabel: 'green' },
        ],
        variants: ['软食'],
      },
      { code: 'B', priceFen: 1200, dishes: [{ name: '清蒸鲈鱼', photo: null, dietTags: ['低盐', '低脂'], healthLabel: 'green' }], variants: [] },
    ],
  };
}

export function weekMenu(over: Partial<Menu> & { dishName?: string } = {}): Menu {
  const { dishName, ...rest } = over;
  const dates = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'];
  return {
    id: 'menu-w48',
    stationId: 's1',
    weekStart: '2026-11-23',
    cutoff: { kind: 'day-before', time: '17:00' },
    days: dates.map((date) => ({ date, meals: [meal('lunch', 40, dishName), meal('dinner', 2, dishName)] })),
    revision: 1,
    updatedAt: NOW.toISOString(),
    ...rest,
  };
}

export function flags(over: Partial<MealResidentFlags> & { residentId: string }): MealResidentFlags {
  return { stationId: 's1', groups: [], deliveryFlag: false, address: '', notes: '', revision: 1, updatedAt: NOW.toISOString(), ...over };
}

export function booking(over: Partial<MealBookingRecord> & { id: string }): MealBookingRecord {
  return {
    stationId: 's1',
    residentId: 'r-li',
    date: '2026-11-24',
    meal: 'lunch',
    set: 'A',
    variant: null,
    mode: 'dine-in',
    status: 'confirmed',
    receipt: { lines: [], grossFen: 1500, subsidyFen: 0, toPayFen: 1500, notes: [] },
    delivery: null,
    createdAt: NOW.toISOString(),
    cancelledAt: null,
    refusal: null,
    reason: null,
    bookedBy: 'resident',
    channel: 'kiosk',
    ...over,
  };
}

/** Menu, policy, flags and bookings straight into the replica. 张秀英 (85) may have delivery; 王建华 (76) may not. */
export async function seedMeals(db: KioskDb, o: { menus?: Menu[]; bookings?: MealBookingRecord[]; flags?: MealResidentFlags[] } = {}): Promise<void> {
  await db.run(async (conn) => {
    const tx = conn.transaction(['menus', 'mealBookings', 'mealResidents', 'meta'], 'readwrite');
    for (const m of o.menus ?? [weekMenu()]) await tx.objectStore('menus').put(m);
    for (const b of o.bookings ?? []) await tx.objectStore('mealBookings').put(b);
    for (const f of o.flags ?? [flags({ residentId: 'r-zhang', groups: ['disabled'], address: '3 号楼 2 单元 301', notes: '敲门声音大一点' })]) await tx.objectStore('mealResidents').put(f);
    await tx.objectStore('meta').put({ stationId: 's1', policy: EXAMPLE_SUBSIDY_POLICY, revision: 1, updatedAt: NOW.toISOString() }, 'subsidyPolicy');
    await tx.done;
  });
  db.notifyChanged();
}

/** Answers meal commands like the station server; `refuse` names the refusal for a command. */
export function mealServer(o: { refuse?: (c: Command) => MealBookingRefusal | null; lastSeq?: { n: number } } = {}) {
  const last = o.lastSeq ?? { n: 0 };
  return (body: PushRequest): PushResponse => {
    const outcomes: CommandOutcome[] = [];
    for (const c of body.commands) {
      if (c.seq <= last.n) continue;
      last.n = c.seq;
      if (c.type === 'meal.book') {
        const p = c.payload;
        const refusal = o.refuse?.(c) ?? null;
        const base = booking({ id: p.bookingId, residentId: c.actor.residentId ?? '', date: p.date, meal: p.meal, set: p.set, variant: p.variant, mode: p.mode, createdAt: c.createdAt });
        if (refusal && !p.provisional) {
          outcomes.push({ seq: c.seq, commandId: c.id, status: 'rejected', reason: MEAL_BOOKING_REFUSALS[refusal], mealRefusal: refusal });
        } else if (refusal) {
          outcomes.push({ seq: c.seq, commandId: c.id, status: 'applied', mealRefusal: refusal, mealBooking: { ...base, status: 'refused', refusal, reason: MEAL_BOOKING_REFUSALS[refusal] } });
        } else {
          outcomes.push({ seq: c.seq, commandId: c.id, status: 'applied', mealBooking: base });
        }
        continue;
      }
      outcomes.push({ seq: c.seq, commandId: c.id, status: 'applied' });
    }
    return { outcomes, lastSeq: last.n };
  };
}
