/**
 * Points (积分) over the station server's API, installed on a website source with withPoints():
 * the public catalogue and ranking here, the resident's sign-in, account and redemptions in
 * http-resident-auth.ts, loaded on the first sign-in (a ranking never needs it).
 *
 * An add-on rather than methods of HttpSource so the notice board, which builds its own
 * HttpSource, carries none of it. The provider and the points widgets install it.
 */
import type { CatalogueItem, PointsRanking } from '../../domain/points.ts';
import { signedInCalls, type HttpBase } from './http-base.ts';
import { POINTS_ERROR_KINDS as KINDS, type RankingPeriod } from './points-source.ts';
import { LinliSourceError } from './source.ts';

/** Give `source` its `points` (reading from the same API and station) and return it. */
export function withPoints<T extends HttpBase>(source: T): T {
  source.points = {
    catalogue: async () => {
      const body = await source.get<{ items?: unknown }>('/points/catalogue', false);
      if (!Array.isArray(body?.items)) throw new LinliSourceError('server', 'no catalogue');
      return body.items as CatalogueItem[];
    },
    ranking: async (period: RankingPeriod) => {
      const body = await source.get<PointsRanking>(`/points/ranking?period=${period === 'month' ? 'month' : 'year'}`, false);
      if (!Array.isArray(body?.residents) || !Array.isArray(body.buildings)) throw new LinliSourceError('server', 'no ranking');
      return body;
    },
    signIn: async (phone, pin) => (await signedInCalls()).send(source, '/residents/login', { stationId: source.stationId, phone, pin }, KINDS),
    account: async (session) => (await signedInCalls()).send(source, '/residents/me/points', undefined, KINDS, session),
    redeem: async (session, request) => (await signedInCalls()).send(source, '/residents/me/redemptions', request, KINDS, session),
    cancel: async (session, id) => (await signedInCalls()).send(source, `/residents/me/redemptions/${encodeURIComponent(id)}/cancel`, {}, KINDS, session),
  };
  return source;
}
