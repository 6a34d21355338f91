/**
 * The static faces of a station served by the same process: the built kiosk (a single-page app,
 * so unknown paths under /kiosk/ get its index.html), the widget bundles (CORS-enabled: a district
 * site loads them with <script type="module">, which is a CORS request) and the demo site.
 * A folder that does not exist (no build yet) answers 404 with a hint instead of crashing.
 */
import { existsSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { CorsOrigins } from './cors.ts';
import { registerCors } from './cors.ts';

export interface StaticRoots {
  /** The built kiosk PWA (dist/kiosk). */
  kiosk?: string;
  /** The built widget bundles (dist/widgets). */
  widgets?: string;
  /** The demo street-office website (demo/). */
  demo?: string;
}

function missing(app: FastifyInstance, prefix: string, message: string): void {
  const reply404 = async (_req: unknown, reply: FastifyReply) =>
    reply.code(404).type('application/json; charset=utf-8').send({ error: 'not-built', message });
  app.get(prefix, reply404);
  app.get(`${prefix}/*`, reply404);
}

/**
 * The kiosk's service worker (sw.js, scope /kiosk/ by its location), its index.html and manifest
 * are revalidated on every fetch, so a new build is seen at the next update check; the hashed
 * files under assets/ never change and are cached for a year.
 */
function kioskCacheHeaders(reply: FastifyReply, path: string): void {
  const name = basename(path);
  if (name === 'sw.js' || name === 'index.html' || name === 'manifest.webmanifest') reply.header('cache-control', 'no-cache');
  else if (/[\\/]assets[\\/]/.test(path)) reply.header('cache-control', 'public, max-age=31536000, immutable');
}

export function registerStaticSites(app: FastifyInstance, roots: StaticRoots, corsOrigins: CorsOrigins): void {
  const notBuilt = '这部分还没有构建，请先运行 npm run build';

  if (roots.kiosk && existsSync(roots.kiosk)) {
    const root = roots.kiosk;
    app.register(
      async (kiosk) => {
        await kiosk.register(fastifyStatic, { root, prefix: '/', redirect: true, wildcard: true, setHeaders: kioskCacheHeaders });
        // Client-side routes (/kiosk/notices/…) are the app's; files that do not exist are 404.
        kiosk.setNotFoundHandler(async (request, reply) => {
          const path = request.url.split('?')[0] ?? '';
          if ((request.method === 'GET' || request.method === 'HEAD') && extname(path) === '') {
            return reply.header('cache-control', 'no-cache').sendFile('index.html', root);
          }
          return reply.code(404).type('application/json; charset=utf-8').send({ error: 'not-found', message: '没有这个文件' });
        });
      },
      { prefix: '/kiosk' },
    );
  } else if (roots.kiosk) {
    missing(app, '/kiosk', notBuilt);
  }

  if (roots.widgets && existsSync(roots.widgets)) {
    const root = roots.widgets;
    app.register(
      async (widgets) => {
        registerCors(widgets, corsOrigins, '/*');
        await widgets.register(fastifyStatic, { root, prefix: '/', redirect: true });
      },
      { prefix: '/widgets' },
    );
  } else if (roots.widgets) {
    missing(app, '/widgets', notBuilt);
  }

  if (roots.demo && existsSync(roots.demo)) {
    const root = roots.demo;
    app.register(
      async (demo) => {
        await demo.register(fastifyStatic, { root, prefix: '/', redirect: true });
      },
      { prefix: '/demo' },
    );
    app.get('/', async (_request, reply) => reply.redirect('/demo/', 302));
  }
}
