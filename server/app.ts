/**
 * The station server as a Fastify instance: public reads, staff, kiosk devices and sync, plus
 * the static kiosk, widgets and demo site. main.ts runs it; tests build it around a test database.
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Kysely } from 'kysely';
import { installStaffRouteRules } from './auth/route-permissions.ts';
import type { Clock, ServerContext } from './context.ts';
import type { Database, DialectName } from './db/schema.ts';
import { ChangeNotifier } from './events/change-notifier.ts';
import type { CorsOrigins } from './http/cors.ts';
import { BODY_LIMIT_BYTES, frameworkErrorReply, installErrorReplies } from './http/error-replies.ts';
import { registerStaticSites, type StaticRoots } from './http/static-sites.ts';
import { typeboxValidatorCompiler } from './http/validation.ts';
import { deviceRoutes } from './routes/devices.ts';
import { EventStreams } from './routes/event-stream.ts';
import { mealRoutes } from './routes/meals.ts';
import { publicReadRoutes } from './routes/public-read.ts';
import { residentRoutes } from './routes/residents.ts';
import { staffDeviceRoutes } from './routes/staff-devices.ts';
import { staffRoutes } from './routes/staff.ts';
import { volunteerRoutes } from './routes/volunteer.ts';

export type { StaticRoots } from './http/static-sites.ts';

export interface BuildAppOptions {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Origins allowed to read the public API from browsers; default '*'. */
  corsOrigins?: string[] | '*';
  staticRoots?: StaticRoots;
  /** Request logs (LINLI_LOG=1): true for stdout, or a stream to write the JSON lines to (tests). */
  logger?: boolean | { stream: { write(line: string): void } };
  /** The time source; tests move it forward (lockouts, schedules). */
  clock?: Clock;
  /** Share one notifier between apps (tests); a new one otherwise. */
  notifier?: ChangeNotifier;
}

/**
 * What a request log line may hold: method, path and status, never headers (Authorization) or
 * bodies (PINs, pairing codes). The query string is dropped too: it is not needed to follow a
 * request, and so no future route can leak a secret through it.
 */
const LOG_SERIALIZERS = {
  req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, path: req.url.split('?')[0], ip: req.ip }),
  res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
};

function requestLogger(logger: BuildAppOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  return { level: 'info', serializers: LOG_SERIALIZERS, ...(logger === true ? {} : { stream: logger.stream }) };
}

export function buildApp(options: BuildAppOptions): FastifyInstance {
  const corsOrigins: CorsOrigins = options.corsOrigins ?? '*';
  const ctx: ServerContext = {
    db: options.db,
    dialect: options.dialect,
    clock: options.clock ?? (() => new Date()),
    notifier: options.notifier ?? new ChangeNotifier(),
    streams: new EventStreams(),
    corsOrigins,
  };

  const app = Fastify({
    logger: requestLogger(options.logger),
    bodyLimit: BODY_LIMIT_BYTES,
    frameworkErrors: frameworkErrorReply,
    // __proto__ / constructor.prototype in a JSON body is an attack, not data.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  });
  app.setValidatorCompiler(typeboxValidatorCompiler);
  // JSON only: a text/plain body is answered 415 rather than reaching a schema as a string.
  app.removeContentTypeParser(['text/plain']);
  installErrorReplies(app, !options.logger);
  // Event streams never end by themselves; end them so close() does not wait for clients.
  app.addHook('preClose', async () => ctx.streams.closeAll());

  // The role table for every /api/staff route, before any route's own hooks.
  installStaffRouteRules(app, ctx);
  app.register(publicReadRoutes(ctx));
  app.register(staffRoutes(ctx));
  app.register(deviceRoutes(ctx));
  app.register(staffDeviceRoutes(ctx));
  app.register(residentRoutes(ctx));
  app.register(mealRoutes(ctx));
  app.register(volunteerRoutes(ctx));
  if (options.staticRoots) registerStaticSites(app, options.staticRoots, corsOrigins);

  return app;
}
