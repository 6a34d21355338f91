/**
 * A stand-in for a webmaster's website: a plain node:http server on its own port that serves test
 * pages with the headers a test asks for (a strict Content-Security-Policy, say), collects CSP
 * violation reports, and passes /widgets/*, /api/* and /demo/* through to the real Linli server
 * (tests/e2e/harness.ts), so widgets and data are same-origin ('self') like on a site that
 * reverse-proxies its station server.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { Readable } from 'node:stream';
import { freePort, repoRoot } from '../e2e/harness.ts';

export interface HostPage {
  body: string;
  headers?: Record<string, string>;
}

export interface HostSite {
  url: string;
  /** Pages served at their path, e.g. '/csp.html'. */
  pages: Map<string, HostPage>;
  /** Bodies POSTed to /csp-report (report-uri), parsed. */
  reports: unknown[];
  close: () => Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** Files under one of `dirs` (tried in order); null when none has it. */
function staticFile(dirs: string[], path: string): string | null {
  const rel = normalize(decodeURIComponent(path)).replace(/^(\.\.[/\\])+/, '');
  for (const dir of dirs) {
    let file = join(dir, rel);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (file.startsWith(dir) && existsSync(file)) return file;
  }
  return null;
}

async function proxy(target: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host') headers[k] = v;
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const upstream = await fetch(target + req.url, {
    method: req.method,
    headers,
    body: chunks.length ? Buffer.concat(chunks) : undefined,
    redirect: 'manual',
  });
  const out: Record<string, string> = {};
  upstream.headers.forEach((v, k) => {
    if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(k)) out[k] = v;
  });
  res.writeHead(upstream.status, out);
  if (!upstream.body) return void res.end();
  // Streams, so server-sent events pass through as they come.
  Readable.fromWeb(upstream.body as import('node:stream/web').ReadableStream).pipe(res);
}

/**
 * `linli`: the real server's URL. `staticDirs`: served under /static/ (e.g. dist/demo for the
 * React and Vue pages, which live at /static/react/ and /static/vue/).
 */
export async function startHostSite(linli: string, staticDirs: string[] = [join(repoRoot, 'dist/demo')]): Promise<HostSite> {
  const pages = new Map<string, HostPage>();
  const reports: unknown[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://host').pathname;
      if (path === '/csp-report' && req.method === 'POST') {
        let body = '';
        for await (const c of req) body += String(c);
        try {
          reports.push(JSON.parse(body));
        } catch {
          reports.push(body);
        }
        res.writeHead(204).end();
        return;
      }
      if (path === '/favicon.ico') return void res.writeHead(204).end();
      const page = pages.get(path);
      if (page) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...page.headers });
        res.end(page.body);
        return;
      }
      if (path.startsWith('/static/')) {
        const file = staticFile(staticDirs, path.slice('/static/'.length));
        if (!file) return void res.writeHead(404).end();
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
        res.end(readFileSync(file));
        return;
      }
      // A CDN-like copy of the widgets at another path: /cdn/<anything>/widgets/… → /widgets/….
      const cdn = /^\/cdn\/[\w.-]+(\/widgets\/.*)$/.exec(req.url ?? '');
      if (cdn) {
        req.url = cdn[1];
        return proxy(linli, req, res);
      }
      if (/^\/(widgets|api|demo)\//.test(path)) return proxy(linli, req, res);
      res.writeHead(404).end();
    })().catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(502);
      res.end(String(err));
    });
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${port}`,
    pages,
    reports,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export const STATION = '3f6c2a1e-8b4d-4c7a-9e21-5d0b7f3a1c01';

/** A plain HTML page; `head` and `body` are inserted as they are. */
export function page(title: string, head: string, body: string): string {
  return `<!doctype html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${title}</title>\n${head}\n</head>\n<body>\n${body}\n</body>\n</html>\n`;
}
