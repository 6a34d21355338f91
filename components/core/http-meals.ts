/**
 * Meals (老年助餐) over the station server's API, installed on a website source with withMeals():
 * the public week here, the resident's sign-in and bookings in http-resident-auth.ts, loaded on the
 * first sign-in (reading the menu never needs it).
 */
import type { PublicMealWeek } from '../../domain/meal-records.ts';
import { signedInCalls, type HttpBase } from './http-base.ts';
import { MEALS_ERROR_KINDS as KINDS } from './meals-source.ts';
import { LinliSourceError } from './source.ts';

/** Give `source` its `meals` (reading from the same API and station) and return it. */
export function withMeals<T extends HttpBase>(source: T): T {
  source.meals = {
    week: async (week) => {
      const body = await source.get<PublicMealWeek>(`/meals/menus${week && /^\d{4}-\d{2}-\d{2}$/.test(week) ? `?week=${week}` : ''}`, false);
      if (!body || !Array.isArray(body.seatsLeft)) throw new LinliSourceError('server', 'no meal week');
      return body;
    },
    signIn: async (phone, pin) => (await signedInCalls()).send(source, '/residents/login', { stationId: source.stationId, phone, pin }, KINDS),
    mine: async (session) => (await signedInCalls()).send(source, '/residents/me/meals', undefined, KINDS, session),
    quote: async (session, choice) => (await signedInCalls()).send(source, '/residents/me/meals/quote', choice, KINDS, session),
    book: async (session, request) => (await signedInCalls()).send(source, '/residents/me/meals', request, KINDS, session),
    cancel: async (session, id) => (await signedInCalls()).send(source, `/residents/me/meals/${encodeURIComponent(id)}/cancel`, {}, KINDS, session),
  };
  return source;
}
