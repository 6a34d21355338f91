/** Helpers for the meal tests: demo residents signing in, dates relative to the fixture's clock, commands. */
import {
  addCalendarDays,
  mondayOf,
  stationDateOf,
  type Command,
  type MealBookPayload,
  type MenuDraft,
  type ResidentLoginResponse,
} from '../../domain/index.ts';
import { DEMO_RESIDENTS } from '../../server/seed/demo-data.ts';
import { demoMenuDraft } from '../../server/seed/demo-meals.ts';
import type { Fixture } from './station-fixture.ts';

export const RESIDENT = (name: string) => {
  const r = DEMO_RESIDENTS.find((x) => x.name === name);
  if (!r) throw new Error(`no demo resident ${name}`);
  return r;
};

/** The Monday of the fixture's current station week, plus `days`. */
export function weekDay(f: Fixture, days: number): string {
  return addCalendarDays(mondayOf(stationDateOf(new Date(f.now()))), days);
}

export async function residentToken(f: Fixture, name: string): Promise<string> {
  const r = RESIDENT(name);
  const res = await f.app.inject({ method: 'POST', url: '/api/residents/login', payload: { stationId: r.stationId, phone: r.phone, pin: r.pin } });
  if (res.statusCode !== 200) throw new Error(`resident login ${name}: ${res.statusCode} ${res.body}`);
  return res.json<ResidentLoginResponse>().token;
}

export function bookCommand(seq: number, payload: Partial<MealBookPayload> & Pick<MealBookPayload, 'date'>, actor: Command['actor'], id: string = crypto.randomUUID()): Command<'meal.book'> {
  return {
    id,
    seq,
    type: 'meal.book',
    payload: { bookingId: crypto.randomUUID(), meal: 'lunch', set: 'A', variant: null, mode: 'dine-in', provisional: false, ...payload },
    actor,
    createdAt: new Date().toISOString(),
  };
}

export function menuSaveCommand(seq: number, menuId: string, baseRevision: number | null, draft: MenuDraft, actor: Command['actor'] = { staffNo: '1001' }): Command<'menu.save'> {
  return { id: crypto.randomUUID(), seq, type: 'menu.save', payload: { menuId, baseRevision, draft }, actor, createdAt: new Date().toISOString() };
}

/** A week's demo menu with every meal's capacity set. */
export function menuWithCapacity(weekStart: string, capacity: number): MenuDraft {
  const draft = demoMenuDraft(weekStart);
  for (const day of draft.days) for (const meal of day.meals) meal.capacity = capacity;
  return draft;
}
