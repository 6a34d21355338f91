/**
 * render.notices-5000.*: mount <linli-notice-board> (production bundle) over the HTTP source with
 * 5,000 notices served from loopback; time from appending the element until the first frame
 * with list items has painted, and the DOM node count (shadow roots included) after it.
 */
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { BOARDS, selectVisibleNotices, type Notice } from '../domain/index.ts';
import { startBenchServer } from './bench-server.ts';
import { median, round, type Figures } from './results.ts';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function makeNotices(count: number, stationId: string): Notice[] {
  const start = Date.parse('2026-01-01T00:00:00Z');
  return Array.from({ length: count }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    stationId,
    board: BOARDS[i % BOARDS.length]!,
    title: `第 ${i + 1} 号通知：幸福里社区关于做好冬季供暖和消防安全工作的提示`,
    body: `各位居民：\n\n请注意用电安全，第 ${i + 1} 条。`,
    images: [],
    publishAt: new Date(start + i * 60_000).toISOString(),
    expireAt: null,
    pinned: i === 7,
    emergency: false,
    retired: false,
    revision: 1,
    updatedAt: new Date(start + i * 60_000).toISOString(),
  }));
}

const PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<script type="module" src="/linli-notice-board.js"></script></head><body>
<script type="module">
await customElements.whenDefined('linli-notice-board');
const el = document.createElement('linli-notice-board');
el.setAttribute('api', '/api');
el.setAttribute('station', 'bench');
const t0 = performance.now();
document.body.append(el);
for (;;) {
  await new Promise((r) => requestAnimationFrame(r));
  if (el.shadowRoot && el.shadowRoot.querySelector('[part~="item"]')) break;
}
await new Promise((r) => requestAnimationFrame(r));
const first = performance.now() - t0;
let nodes = 0;
const walk = (n) => { nodes++; if (n.shadowRoot) walk(n.shadowRoot); for (const c of n.childNodes) walk(c); };
walk(document);
window.__bench = { first, nodes };
</script></body></html>`;

export async function benchRenderNotices(): Promise<Figures> {
  // Answer the feed as the station server does: visible notices, pinned first, `limit` honoured
  // (bodies serialized once per limit, so the figure is the widget's work, not this server's).
  const sorted = selectVisibleNotices(makeNotices(5000, 'bench'), {}, new Date());
  const bodies = new Map<string, string>();
  const server = await startBenchServer(
    resolve(import.meta.dirname, '../dist/widgets'),
    {
      '/bench.html': { type: 'text/html; charset=utf-8', body: PAGE },
      '/api/stations/bench': { type: 'application/json', body: JSON.stringify({ id: 'bench', name: '基准测试站', address: '—', phone: '010-0000 0000' }) },
    },
    {
      handle: (req, res, path) => {
        if (path !== '/api/stations/bench/notices') return false;
        const limit = new URL(req.url ?? '/', 'http://x').searchParams.get('limit') ?? 'all';
        let body = bodies.get(limit);
        if (body === undefined) {
          body = JSON.stringify({ notices: limit === 'all' ? sorted : sorted.slice(0, Number(limit)) });
          bodies.set(limit, body);
        }
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(body);
        return true;
      },
    },
  );
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const times: number[] = [];
    const nodes: number[] = [];
    for (let run = 0; run < 7; run++) {
      const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
      await page.goto(`${server.url}/bench.html`);
      const r = (await page.waitForFunction(() => (window as unknown as { __bench?: unknown }).__bench, undefined, { timeout: 30_000 }).then((h) => h.jsonValue())) as { first: number; nodes: number };
      times.push(r.first);
      nodes.push(r.nodes);
      await page.close();
    }
    return {
      'render.notices-5000.first_ms': { value: round(median(times), 1), unit: 'ms', goal: 100, better: 'lower' },
      'render.notices-5000.dom_nodes': { value: median(nodes), unit: 'nodes', goal: 800, better: 'lower' },
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
