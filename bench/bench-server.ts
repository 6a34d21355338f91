/** A loopback HTTP server for browser benchmarks: built files plus canned API answers. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.css': 'text/css',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
};

export interface BenchServer {
  url: string;
  close: () => Promise<void>;
}

export interface BenchServerOptions {
  /** Serve `root` under this path (e.g. `/kiosk/` for a build made with that base); default `/`. */
  mount?: string;
  /** Asked first for every request; return true when it has answered (dynamic API answers). */
  handle?: (req: IncomingMessage, res: ServerResponse, path: string) => boolean;
}

/** Serves `handle`, then `routes` (exact paths → body), then files under `root` (a folder gets its index.html). */
export async function startBenchServer(
  root: string,
  routes: Record<string, { type: string; body: string }>,
  options: BenchServerOptions = {},
): Promise<BenchServer> {
  const base = normalize(resolve(root));
  const mount = (options.mount ?? '/').replace(/\/*$/, '/');
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (options.handle?.(req, res, path)) return;
    const route = routes[path];
    if (route) {
      res.writeHead(200, { 'content-type': route.type, 'cache-control': 'no-store' });
      res.end(route.body);
      return;
    }
    if (!path.startsWith(mount) && path !== mount.slice(0, -1)) {
      res.writeHead(404).end();
      return;
    }
    let file = normalize(join(base, path.slice(mount.length)));
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(404).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
