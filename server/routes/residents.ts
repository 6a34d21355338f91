/**
 * Resident routes for websites. CORS for the configured district origins only, never '*' (a
 * district site signs residents in from its own pages); the preflight allows a JSON POST and the
 * Authorization header. A resident signs out with POST /api/residents/logout.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ResidentLoginBodySchema, type ResidentLoginBody } from '../../domain/index.ts';
import { withLoginAttempt } from '../auth/login-limits.ts';
import { writeAudit } from '../audit/audit-log.ts';
import { authenticateResident } from '../auth/principals.ts';
import { residentLogin } from '../auth/resident-login.ts';
import { bearerToken, sha256Hex } from '../auth/tokens.ts';
import type { ServerContext } from '../context.ts';
import { allowedOrigin, applyCors, residentOrigins } from '../http/cors.ts';
import { registerResidentPointsRoutes } from './points.ts';

export function residentRoutes(ctx: ServerContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    const origins = residentOrigins(ctx.corsOrigins);
    app.addHook('onRequest', async (request, reply) => {
      applyCors(origins, request, reply);
    });
    app.options('/api/residents/*', async (request, reply) => {
      if (allowedOrigin(origins, request.headers.origin)) {
        reply
          .header('access-control-allow-methods', 'GET, POST, OPTIONS')
          .header('access-control-allow-headers', 'Content-Type, Authorization')
          .header('access-control-max-age', '600');
      }
      return reply.code(204).send();
    });

    app.post<{ Body: ResidentLoginBody }>('/api/residents/login', { schema: { body: ResidentLoginBodySchema }, config: { login: 'account' } }, async (request) =>
      residentLogin(withLoginAttempt(ctx, request, `${request.body.stationId}:${request.body.phone}`), request.body),
    );
    // Sign-out ends this session only (the token's own row); the resident's other browsers stay.
    // No body, or an empty object: anything else is a malformed request, not a sign-out.
    app.post('/api/residents/logout', { schema: { body: Type.Union([Type.Undefined(), Type.Null(), Type.Object({}, { additionalProperties: false })], { title: '请求内容' }) } }, async (request, reply) => {
      const me = await authenticateResident(ctx, request);
      const tokenHash = sha256Hex(bearerToken(request.headers.authorization)!);
      const now = ctx.clock();
      await ctx.db.transaction().execute(async (trx) => {
        await trx.deleteFrom('resident_sessions').where('token_hash', '=', tokenHash).where('resident_id', '=', me.residentId).execute();
        await writeAudit(trx, now, { stationId: me.stationId, residentId: me.residentId, action: 'resident.logout', entity: 'resident', entityId: me.residentId, detail: '居民网上退出登录' });
      });
      return reply.code(204).send();
    });
    registerResidentPointsRoutes(app, ctx);
  };
}
