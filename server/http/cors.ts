/**
 * CORS for the public API only: district and street-office sites embed the widgets and read from
 * here. Staff, device and sync routes send no CORS headers, so no other site's page can call them
 * with a browser.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export type CorsOrigins = readonly string[] | '*';

export function allowedOrigin(origins: CorsOrigins, origin: string | undefined): string | null {
  if (origins === '*') return '*';
  if (!origin) return null;
  return origins.includes(origin) ? origin : null;
}

export function applyCors(origins: CorsOrigins, request: FastifyRequest, reply: FastifyReply): void {
  // The answer depends on Origin when only some origins are allowed: caches must keep them apart.
  if (origins !== '*') reply.header('vary', 'Origin');
  const allowed = allowedOrigin(origins, request.headers.origin);
  if (!allowed) return;
  reply.header('access-control-allow-origin', allowed);
  reply.header('access-control-expose-headers', 'ETag');
}

/** Adds CORS headers to every reply of this (encapsulated) plugin and answers preflights. */
export function registerCors(app: FastifyInstance, origins: CorsOrigins, preflightPath: string): void {
  app.addHook('onRequest', async (request, reply) => {
    applyCors(origins, request, reply);
  });
  app.options(preflightPath, async (request, reply) => {
    if (allowedOrigin(origins, request.headers.origin)) {
      reply
        .header('access-control-allow-methods', 'GET, HEAD, OPTIONS')
        .header('access-control-allow-headers', 'If-None-Match, Cache-Control, Last-Event-ID')
        .header('access-control-max-age', '600');
    }
    return reply.code(204).send();
  });
}
