/**
 * The station server as a Fastify instance: public reads, staff, kiosk devices and sync, plus
 * the static kiosk, widgets and demo site. main.ts runs it; tests build it around a test database.
 */
import { deviceTokenPolicy, type DeviceTokenPolicy } from './auth/device-tokens.ts';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Kysely } from 'kysely';
import { verifyPin } from '../domain/index.ts';
import { loginAdmission, loginLimitsWith, type LoginLimits } from './auth/login-limits.ts';
import { installStaffRouteRules } from './auth/route-permissions.ts';
import type { Clock, ServerContext } from './context.ts';
import type { Database, DialectName } from './db/schema.ts';
import { ChangeNotifier } from './events/change-notifier.ts';
import { httpLimitsWith, serverTimeoutOptions, type HttpLimits } from './http/connection-limits.ts';
import { registerOriginGuard, residentOrigins, type CorsOrigins } from './http/cors.ts';
import { BODY_LIMIT_BYTES, frameworkErrorReply, installErrorReplies } from './http/error-replies.ts';
import { registerStaticSites, type StaticRoots } from './http/static-sites.ts';
import { typeboxValidatorCompiler } from './http/validation.ts';
import { deviceRoutes } from './routes/devices.ts';
import { kioskResidentSignInRoutes } from './routes/kiosk-resident-sign-in.ts';
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
  /**
   * LINLI_CORS_ORIGINS: origins allowed on the public API ('*', the default, for any) and on
   * resident routes (only a list; '*' allows none there).
   */
  corsOrigins?: string[] | '*';
  staticRoots?: StaticRoots;
  /** Request logs (LINLI_LOG=1): true for stdout, or a stream to write the JSON lines to (tests). */
  logger?: boolean | { stream: { write(line: string): void } };
  /** The time source; tests move it forward (lockouts, schedules). */
  clock?: Clock;
  /** Share one notifier between apps (tests); a new one otherwise. */
  notifier?: ChangeNotifier;
  /** Login rate limits (server/auth/login-limits.ts); defaults DEFAULT_LOGIN_LIMITS. */
  loginLimits?: Partial<LoginLimits>;
  /** The PIN check; tests pass a counting wrapper of domain verifyPin. */
  verifyPin?: (pin: string, stored: string) => Promise<boolean>;
  /** Timeouts and connection limits (server/http/connection-limits.ts); tests use small ones. */
  http?: Partial<HttpLimits>;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (LINLI_TRUST_PROXY). */
  trustProxy?: boolean | string;
  /** Device token expiry and rotation in days (LINLI_DEVICE_TOKEN_*); default 30 and 7. */
  deviceTokens?: Partial<DeviceTokenPolicy>;
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
    loginLimits: loginLimitsWith(options.loginLimits),
    verifyPin: options.verifyPin ?? verifyPin,
    deviceTokens: deviceTokenPolicy(options.deviceTokens),
  };

  const httpLimits = httpLimitsWith(options.http);
  const app = Fastify({
    logger: requestLogger(options.logger),
    bodyLimit: BODY_LIMIT_BYTES,
    frameworkErrors: frameworkErrorReply,
    // __proto__ / constructor.prototype in a JSON body is an attack, not data.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    trustProxy: options.trustProxy ?? false,
    ...serverTimeoutOptions(httpLimits),
  });
  app.server.maxConnections = httpLimits.maxConnections;
  app.setValidatorCompiler(typeboxValidatorCompiler);
  // JSON only: a text/plain body is answered 415 rather than reaching a schema as a string.
  app.removeContentTypeParser(['text/plain']);
  installErrorReplies(app, !options.logger);
  // Event streams never end by themselves; end them so close() does not wait for clients.
  app.addHook('preClose', async () => ctx.streams.closeAll());
  // Every route with `config: { login: true }`: per-client and global limits once its body has
  // passed the schema (a malformed body cannot guess anything) and before its handler hashes.
  app.addHook('preHandler', loginAdmission(ctx));
  registerOriginGuard(app, residentOrigins(corsOrigins));

  // The role table for every /api/staff route, before any route's own hooks.
  installStaffRouteRules(app, ctx);
  app.register(publicReadRoutes(ctx));
  app.register(staffRoutes(ctx));
  app.register(deviceRoutes(ctx));
  app.register(kioskResidentSignInRoutes(ctx));
  app.register(staffDeviceRoutes(ctx));
  app.register(residentRoutes(ctx));
  app.register(mealRoutes(ctx));
  app.register(volunteerRoutes(ctx));
  if (options.staticRoots) registerStaticSites(app, options.staticRoots, corsOrigins);

  return app;
}
