/**
 * Resident routes for websites. CORS for the configured district origins (a district site signs
 * residents in from its own pages); the preflight allows a JSON POST and the Authorization header.
 */
import type { FastifyInstance } from 'fastify';
import { ResidentLoginBodySchema, type ResidentLoginBody } from '../../domain/index.ts';
import { withLoginAttempt } from '../auth/login-limits.ts';
import { residentLogin } from '../auth/resident-login.ts';
import type { ServerContext } from '../context.ts';
import { allowedOrigin, applyCors } from '../http/cors.ts';
import { registerResidentPointsRoutes } from './points.ts';

export function residentRoutes(ctx: ServerContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.addHook('onRequest', async (request, reply) => {
      applyCors(ctx.corsOrigins, request, reply);
    });
    app.options('/api/residents/*', async (request, reply) => {
      if (allowedOrigin(ctx.corsOrigins, request.headers.origin)) {
        reply
          .header('access-control-allow-methods', 'GET, POST, OPTIONS')
          .header('access-control-allow-headers', 'Content-Type, Authorization')
          .header('access-control-max-age', '600');
      }
      return reply.code(204).send();
    });

    app.post<{ Body: ResidentLoginBody }>('/api/residents/login', { schema: { body: ResidentLoginBodySchema }, config: { login: true } }, async (request) =>
      residentLogin(withLoginAttempt(ctx, request, `${request.body.stationId}:${request.body.phone}`), request.body),
    );
    registerResidentPointsRoutes(app, ctx);
  };
}
