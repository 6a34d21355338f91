/**
 * CORS. Public reads (/api/stations/*) answer the configured public origins ('*' by default):
 * district and street-office sites embed the widgets and read from here. Resident routes answer
 * only the origins configured in LINLI_CORS_ORIGINS — never '*', so no other website can sign a
 * visitor in or act as a signed-in resident from the visitor's browser. Staff, device and sync
 * routes send no CORS headers at all. And every non-public API request that carries an Origin
 * that is neither the server's own nor configured is refused (403) before it is handled: a
 * browser's "simple" cross-site POST would otherwise still reach the handler, even though its
 * page could not read the answer.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export type CorsOrigins = readonly string[] | '*';

export function allowedOrigin(origins: CorsOrigins, origin: string | undefined): string | null {
  if (origins === '*') return '*';
  if (!origin) return null;
  return origins.includes(origin) ? origin : null;
}

/** The origins allowed on resident routes: the configured list, or none when the list is '*'. */
export function residentOrigins(origins: CorsOrigins): readonly string[] {
  return origins === '*' ? [] : origins;
}

/** The request's own origin as a browser on this server's pages would send it. */
function ownOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/**
 * Refuses non-public API requests from pages of other origins (403): resident routes accept the
 * configured resident origins, everything else only the server's own pages (the kiosk, the demo).
 * Requests without an Origin header (a kiosk's same-origin GET, curl, other servers) pass: the
 * threat here is a hostile page in a visitor's browser, and browsers always send Origin cross-site.
 */
export function registerOriginGuard(app: FastifyInstance, residentAllowed: readonly string[]): void {
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (origin === undefined || !request.url.startsWith('/api/') || request.url.startsWith('/api/stations/')) return;
    if (origin === ownOrigin(request)) return;
    if (request.url.startsWith('/api/residents/') && residentAllowed.includes(origin)) return;
    return reply
      .code(403)
      .type('application/json; charset=utf-8')
      .send({ error: 'origin-not-allowed', message: '这个网站没有被服务站允许办理居民业务，请到服务站认可的网站上操作' });
  });
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
