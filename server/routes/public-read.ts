/** Public reads for widgets and district websites: cacheable and CORS-enabled. */
import type { FastifyInstance } from 'fastify';
import type { Static } from '@sinclair/typebox';
import { NoticeListQuerySchema, NoticeParamsSchema, StationParamsSchema } from '../../domain/index.ts';
import type { ServerContext } from '../context.ts';
import { findStation } from '../content/stations.ts';
import { visibleNotice, visibleNotices } from '../content/notices.ts';
import { sendCacheable } from '../http/cacheable.ts';
import { PublicReadCache, sendPrepared } from '../http/public-read-cache.ts';
import { registerCors } from '../http/cors.ts';
import { notFound } from '../http/http-error.ts';
import { openEventStream } from './event-stream.ts';
import { registerPublicPointsRoutes } from './points.ts';

const STATION_NOT_FOUND = '没有找到这个服务站';

export function publicReadRoutes(ctx: ServerContext) {
  const feeds = new PublicReadCache();
  return async function register(app: FastifyInstance): Promise<void> {
    registerCors(app, ctx.corsOrigins, '/api/stations/*');
    registerPublicPointsRoutes(app, ctx);

    app.get<{ Params: Static<typeof StationParamsSchema> }>(
      '/api/stations/:stationId',
      { schema: { params: StationParamsSchema } },
      async (request, reply) => {
        const station = await findStation(ctx.db, request.params.stationId);
        if (!station) throw notFound(STATION_NOT_FOUND);
        return sendCacheable(request, reply, station);
      },
    );

    app.get<{ Params: Static<typeof StationParamsSchema>; Querystring: Static<typeof NoticeListQuerySchema> }>(
      '/api/stations/:stationId/notices',
      { schema: { params: StationParamsSchema, querystring: NoticeListQuerySchema } },
      async (request, reply) => {
        const { stationId } = request.params;
        const { board, limit } = request.query;
        const key = `notices ${JSON.stringify([board ?? null, limit ?? null])}`;
        const feed = await feeds.read(ctx, stationId, key, async () => ({ notices: await visibleNotices(ctx.db, stationId, { boards: board, limit }, ctx.clock()) }));
        if (!feed) throw notFound(STATION_NOT_FOUND);
        return sendPrepared(request, reply, feed);
      },
    );

    app.get<{ Params: Static<typeof NoticeParamsSchema> }>(
      '/api/stations/:stationId/notices/:noticeId',
      { schema: { params: NoticeParamsSchema } },
      async (request, reply) => {
        const notice = await visibleNotice(ctx.db, request.params.stationId, request.params.noticeId, ctx.clock());
        if (!notice) throw notFound('没有找到这条公告，可能已经下架');
        return sendCacheable(request, reply, notice);
      },
    );

    app.get<{ Params: Static<typeof StationParamsSchema> }>(
      '/api/stations/:stationId/events',
      { schema: { params: StationParamsSchema } },
      async (request, reply) => {
        const station = await ctx.db
          .selectFrom('stations')
          .select('change_seq')
          .where('id', '=', request.params.stationId)
          .executeTakeFirst();
        if (!station) throw notFound(STATION_NOT_FOUND);
        openEventStream(ctx, request, reply, request.params.stationId, station.change_seq);
      },
    );
  };
}
