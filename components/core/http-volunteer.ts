/**
 * Volunteering (志愿服务) over the station server's API, installed on a website source with
 * withVolunteer(): the public activities here, the resident's sign-in and sign-ups through
 * http-resident-auth.ts, loaded on the first sign-in.
 */
import type { PublicActivity } from '../../domain/volunteer-records.ts';
import { signedInCalls, type HttpBase } from './http-base.ts';
import { LinliSourceError } from './source.ts';
import { VOLUNTEER_ERROR_KINDS as KINDS } from './volunteer-source.ts';

/** Give `source` its `volunteer` (reading from the same API and station) and return it. */
export function withVolunteer<T extends HttpBase>(source: T): T {
  source.volunteer = {
    activities: async () => {
      const body = await source.get<{ activities?: PublicActivity[] }>('/volunteer/activities', false);
      if (!Array.isArray(body?.activities)) throw new LinliSourceError('server', 'no activities');
      return body.activities;
    },
    signIn: async (phone, pin) => (await signedInCalls()).send(source, '/residents/login', { stationId: source.stationId, phone, pin }, KINDS),
    mine: async (session) => (await signedInCalls()).send(source, '/residents/me/volunteer', undefined, KINDS, session),
    signUp: async (session, request) => (await signedInCalls()).send(source, '/residents/me/volunteer/sign-ups', request, KINDS, session),
    cancel: async (session, id) => (await signedInCalls()).send(source, `/residents/me/volunteer/sign-ups/${encodeURIComponent(id)}/cancel`, {}, KINDS, session),
  };
  return source;
}
