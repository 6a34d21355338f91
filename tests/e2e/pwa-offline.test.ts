/**
 * End to end, the kiosk as an offline-first PWA: after one online visit (paired, synced, service
 * worker installed) the server is stopped and the browser restarted with the same profile; the
 * kiosk starts from its service worker and IndexedDB and shows home and the notices — the list
 * and a notice's detail view (a lazily loaded chunk, so the precache must hold it too).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, makePairingCode, startServer, type RunningServer } from './harness.ts';

let server: RunningServer | null = null;
let profile: string;

async function launchKiosk(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1080, height: 1920 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

before(async () => {
  profile = mkdtempSync(join(tmpdir(), 'linli-e2e-profile-'));
  server = await startServer();
});
after(async () => {
  await server?.stop();
  rmSync(profile, { recursive: true, force: true });
});

test('the server answers the PWA files with the right headers', async () => {
  const url = server!.url;
  const sw = await fetch(`${url}/kiosk/sw.js`);
  assert.equal(sw.status, 200);
  assert.equal(sw.headers.get('cache-control'), 'no-cache');
  assert.match(String(sw.headers.get('content-type')), /javascript/);
  const swText = await sw.text();
  assert.match(swText, /\/kiosk\/index\.html/, 'index.html is precached');
  assert.doesNotMatch(swText, /url:"[^"]*\/api\//, 'no API URL is precached');

  const index = await fetch(`${url}/kiosk/`);
  assert.equal(index.headers.get('cache-control'), 'no-cache');
  const html = await index.text();
  assert.match(html, /<link rel="manifest" href="\/kiosk\/manifest\.webmanifest"/);
  assert.match(html, /<link rel="apple-touch-icon" href="\/kiosk\/icons\/apple-touch-icon\.png"/);
  assert.match(html, /<meta name="theme-color"/);
  assert.match(html, /<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" \/>/);

  const manifest = (await (await fetch(`${url}/kiosk/manifest.webmanifest`)).json()) as {
    name: string;
    short_name: string;
    start_url: string;
    scope: string;
    display: string;
    lang: string;
    icons: { src: string; sizes: string; purpose: string }[];
  };
  assert.equal(manifest.name, '邻里 Linli 社区服务站');
  assert.equal(manifest.short_name, '邻里');
  assert.equal(manifest.start_url, '/kiosk/');
  assert.equal(manifest.scope, '/kiosk/');
  assert.ok(['fullscreen', 'standalone'].includes(manifest.display));
  assert.equal(manifest.lang, 'zh-CN');
  for (const [sizes, purpose] of [['192x192', 'any'], ['512x512', 'any'], ['192x192', 'maskable'], ['512x512', 'maskable']]) {
    const icon = manifest.icons.find((i) => i.sizes === sizes && i.purpose === purpose);
    assert.ok(icon, `${purpose} ${sizes} icon`);
    const res = await fetch(`${url}${icon.src}`);
    assert.equal(res.status, 200, icon.src);
    assert.equal(res.headers.get('content-type'), 'image/png');
  }
  const asset = /src="(\/kiosk\/assets\/[^"]+\.js)"/.exec(html)![1]!;
  assert.match(String((await fetch(`${url}${asset}`)).headers.get('cache-control')), /immutable/);
});

test('after one online visit, the kiosk starts with the server down and the browser restarted', async () => {
  const url = server!.url;
  // 1. One online visit: pair, sync, and let the service worker install and take control.
  let { context, page } = await launchKiosk();
  await page.goto(`${url}/kiosk/`);
  await page.locator('linli-pairing-screen input').fill(await makePairingCode(url));
  await page.keyboard.press('Enter');
  await page.locator('linli-home-screen').waitFor({ timeout: 15_000 });
  await page.locator('linli-kiosk-app .sync[data-state="synced"]').waitFor({ timeout: 15_000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
  const cached = await page.evaluate(async () => {
    const names = await caches.keys();
    let urls: string[] = [];
    for (const name of names) urls = urls.concat((await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname));
    return urls;
  });
  assert.ok(cached.includes('/kiosk/index.html'), 'index.html precached');
  assert.ok(cached.some((u) => /\/kiosk\/assets\/notice-detail-.+\.js$/.test(u)), 'lazy notice detail chunk precached');
  assert.ok(cached.some((u) => /\/kiosk\/assets\/zh-TW-.+\.js$/.test(u)), 'translations precached');
  assert.ok(!cached.some((u) => u.includes('/api/')), `no API answer cached: ${cached.join(', ')}`);
  const titles = await page.evaluate(async () => {
    const app = document.querySelector('linli-kiosk-app') as unknown as { visible: { title: string }[] };
    return app.visible.map((n) => n.title);
  });
  assert.ok(titles.length > 0, 'the replica has notices');
  await context.close();

  // 2. The station server goes away; the kiosk's browser restarts with the same profile.
  await server!.stop();
  server = null;
  ({ context, page } = await launchKiosk());
  try {
    const failed: string[] = [];
    page.on('requestfailed', (r) => failed.push(r.url()));
    await page.goto(`${url}/kiosk/`);
    await page.locator('linli-home-screen').waitFor({ timeout: 15_000 });
    assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'served by the service worker');
    await page.locator('linli-kiosk-app .sync[data-state="offline"]').waitFor({ timeout: 15_000 });

    // Home shows the notice count from IndexedDB; the notices screen lists them.
    await page.locator('linli-home-screen [data-tile="notices"]').click();
    await page.locator('linli-notices-screen').waitFor({ timeout: 5_000 });
    const first = page.locator('linli-notice-board [part~="item"]').first();
    await first.waitFor({ timeout: 10_000 });
    const shown = await page.locator('linli-notice-board [part~="item"]').allInnerTexts();
    assert.ok(
      titles.some((t) => shown.some((s) => s.includes(t))),
      `a synced notice is listed offline (${shown.slice(0, 3).join(' | ')})`,
    );
    // The detail view loads lazily (Markdown, sanitizer, QR): from the precache.
    await first.click();
    await page.locator('linli-notice-board [part~="detail"] [part~="body"]').first().waitFor({ timeout: 10_000 });
    await page.locator('linli-notice-board [part~="detail"] [part~="qr"] svg').first().waitFor({ timeout: 10_000 });
    assert.deepEqual(
      failed.filter((u) => !u.includes('/api/')),
      [],
      'nothing but API calls failed with the server down',
    );
  } finally {
    await context.close();
  }
});
