/**
 * The station server as a Fastify instance: public reads, staff, kiosk devices and sync, plus
 * the static kiosk, widgets and demo site. main.ts runs it; tests build it around a test database.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
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
import { staffRoutes } from './routes/staff.ts';
import { volunteerRoutes } from './routes/volunteer.ts';

export type { StaticRoots } from './http/static-sites.ts';

export interface BuildAppOptions {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Origins allowed to read the public API from browsers; default '*'. */
  corsOrigins?: string[] | '*';
  staticRoots?: StaticRoots;
  logger?: boolean;
  /** The time source; tests move it forward (lockouts, schedules). */
  clock?: Clock;
  /** Share one notifier between apps (tests); a new one otherwise. */
  notifier?: ChangeNotifier;
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
    logger: options.logger ?? false,
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

  app.register(publicReadRoutes(ctx));
  app.register(staffRoutes(ctx));
  app.register(deviceRoutes(ctx));
  app.register(residentRoutes(ctx));
  app.register(mealRoutes(ctx));
  app.register(volunteerRoutes(ctx));
  if (options.staticRoots) registerStaticSites(app, options.staticRoots, corsOrigins);

  return app;
}
