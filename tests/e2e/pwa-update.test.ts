/**
 * End to end, the update flow: a new kiosk build deployed while a resident is mid-task is not
 * applied until the kiosk is at rest with an empty outbox; then it is applied within one update
 * check interval, with exactly one reload, and no reload ever happens mid-task.
 *
 * The server serves a copy of dist/kiosk (LINLI_KIOSK_DIR); "deploying a new build" changes
 * that copy's index.html and regenerates its service worker with the same Workbox settings as
 * the real build, so the precache manifest (and sw.js) change as they do on a real deploy.
 * The kiosk checks for updates every 2 s (`?update-check-ms=2000`).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { generateKioskServiceWorker } from '../../scripts/kiosk-sw.mjs';
import { launchChromium, makePairingCode, repoRoot, startServer, type RunningServer } from './harness.ts';

const CHECK_MS = 2_000;
let server: RunningServer;
let browser: Browser;
let site: string;

before(async () => {
  site = mkdtempSync(join(tmpdir(), 'linli-e2e-site-'));
  cpSync(join(repoRoot, 'dist/kiosk'), join(site, 'kiosk'), { recursive: true });
  server = await startServer({ env: { LINLI_KIOSK_DIR: join(site, 'kiosk') } });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(site, { recursive: true, force: true });
});

async function deployNewBuild(marker: string): Promise<void> {
  const dir = join(site, 'kiosk');
  const index = readFileSync(join(dir, 'index.html'), 'utf8');
  writeFileSync(join(dir, 'index.html'), index.replace('<head>', `<head>\n    <meta name="linli-build" content="${marker}" />`));
  await generateKioskServiceWorker(dir, '/kiosk/');
}

test('a new build waits for rest and an empty outbox, then applies within one check interval with one reload', async () => {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  const page = await context.newPage();
  // Every new document (a reload); history.pushState by the kiosk lockdown is not one.
  const navigations: { url: string }[] = [];
  page.on('domcontentloaded', () => navigations.push({ url: page.url() }));
  const kioskUrl = `${server.url}/kiosk/?update-check-ms=${CHECK_MS}`;
  await page.goto(kioskUrl);
  await page.locator('linli-pairing-screen input').fill(await makePairingCode(server.url));
  await page.keyboard.press('Enter');
  await page.locator('linli-home-screen').waitFor({ timeout: 15_000 });
  await page.locator('linli-kiosk-app .sync[data-state="synced"]').waitFor({ timeout: 15_000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null && 'linliUpdates' in window, undefined, { timeout: 20_000 });
  const firstSw = await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL);
  // Anything that survives in the page proves there was no reload.
  await page.evaluate(() => Object.assign(window, { e2eSession: 'v1' }));
  const navsBefore = navigations.length;
  const decision = () => page.evaluate(() => (window as unknown as { linliUpdates: { lastDecision: unknown } }).linliUpdates.lastDecision);
  const hasWaiting = () => page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting));
  const sameSession = () => page.evaluate(() => (window as unknown as { e2eSession?: string }).e2eSession === 'v1');

  // 1. A resident is reading the notices (mid-task) when the new build is deployed.
  await page.locator('linli-home-screen [data-tile="notices"]').click();
  await page.locator('linli-notices-screen').waitFor();
  await deployNewBuild('v2');
  await page.waitForFunction(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting), undefined, { timeout: 20_000, polling: 250 });
  await page.waitForTimeout(3 * CHECK_MS);
  assert.equal(await hasWaiting(), true, 'the new version installed and waits');
  assert.deepEqual(await decision(), { action: 'hold', reason: 'busy' });
  assert.equal(await sameSession(), true, 'no reload mid-task');
  assert.equal(await page.locator('linli-notices-screen').count(), 1);

  // 2. Still mid-task, the network drops and a command is queued; then the kiosk comes back to
  //    rest (home) — but the outbox is not empty, so still no update.
  await context.setOffline(true);
  await page.locator('linli-kiosk-app .sync[data-state="offline"]').waitFor({ timeout: 5_000 });
  const title = `更新测试：离线排队的通知 ${Date.now()}`;
  await page.evaluate(async (noticeTitle) => {
    const app = document.querySelector('linli-kiosk-app') as unknown as {
      services: {
        outbox: { enqueue(input: unknown): Promise<unknown> };
        engine: EventTarget & { status: { pending: number } };
        db: { run<T>(f: (conn: { getAllFromIndex(store: string, index: string, key: string): Promise<{ pinHash: string; commandKeySalt: string }[]> }) => Promise<T>): Promise<T> };
        staffKeys: { hold(staffNo: string, key: CryptoKey): void };
      };
    };
    // What a staff sign-in leaves in memory: 1001's command key from the demo secret and the replicated salt.
    const [cred] = await app.services.db.run((conn) => conn.getAllFromIndex('staff', 'byStaffNo', '1001'));
    const salt = Uint8Array.from(atob(cred!.commandKeySalt), (c) => c.charCodeAt(0));
    const secret = await crypto.subtle.importKey('raw', new TextEncoder().encode('7305184962'), 'PBKDF2', false, ['deriveBits']);
    const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: Number(cred!.pinHash.split('$')[1]) }, secret, 256);
    app.services.staffKeys.hold('1001', await crypto.subtle.importKey('raw', bits, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']));
    await app.services.outbox.enqueue({
      type: 'notice.save',
      payload: {
        noticeId: crypto.randomUUID(),
        baseRevision: null,
        draft: {
          board: '社区公告',
          title: noticeTitle,
          body: '离线时写下，联网后送达。',
          images: [],
          publishAt: new Date().toISOString(),
          expireAt: null,
          pinned: false,
          emergency: false,
          retired: false,
        },
      },
      actor: { staffNo: '1001' },
    });
    // Note when the outbox becomes empty (sessionStorage survives the reload).
    app.services.engine.addEventListener('status-change', () => {
      if (app.services.engine.status.pending === 0 && !sessionStorage.getItem('e2eOutboxEmptyAt')) sessionStorage.setItem('e2eOutboxEmptyAt', String(Date.now()));
    });
  }, title);
  await page.waitForFunction(() => (document.querySelector('linli-kiosk-app') as unknown as { services: { engine: { status: { pending: number } } } }).services.engine.status.pending === 1);
  await page.locator('linli-kiosk-app header button.home').click();
  await page.locator('linli-home-screen').waitFor();
  await page.waitForTimeout(3 * CHECK_MS);
  assert.deepEqual(await decision(), { action: 'hold', reason: 'outbox' });
  assert.equal(await sameSession(), true, 'no reload while the outbox has commands');
  assert.equal(navigations.length, navsBefore, 'no navigation so far');

  // 3. The network returns: the outbox drains, and the update is applied within one interval.
  await context.setOffline(false);
  await page.waitForFunction(() => document.querySelector('meta[name="linli-build"]')?.getAttribute('content') === 'v2', undefined, { timeout: 4 * CHECK_MS, polling: 100 });
  await page.locator('linli-home-screen').waitFor({ timeout: 10_000 });
  const emptyAt = Number(await page.evaluate(() => sessionStorage.getItem('e2eOutboxEmptyAt')));
  const reloads = navigations.slice(navsBefore);
  assert.equal(reloads.length, 1, `exactly one reload (${JSON.stringify(reloads)})`);
  assert.equal(reloads[0]!.url, kioskUrl);
  assert.ok(emptyAt > 0, 'the outbox drained before the reload');
  // The reload happened when the new document's navigation started.
  const reloadAt = await page.evaluate(() => performance.timeOrigin);
  assert.equal(await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).type), 'reload');
  const delay = Math.round(reloadAt - emptyAt);
  console.log(`update applied ${delay} ms after the kiosk was at rest with an empty outbox (check interval ${CHECK_MS} ms)`);
  assert.ok(delay >= 0 && delay <= CHECK_MS, `applied ${delay} ms after the outbox drained`);

  // The command reached the server before the reload; the new service worker controls the page.
  const db = new Database(server.dbFile, { readonly: true });
  try {
    assert.deepEqual(db.prepare('select count(*) as n from notices where title = ?').get(title), { n: 1 });
  } finally {
    db.close();
  }
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  assert.equal(await hasWaiting(), false);
  assert.equal(await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL), firstSw);

  // And nothing more: no second reload over the next intervals.
  await page.waitForTimeout(3 * CHECK_MS);
  assert.equal(navigations.length, navsBefore + 1, 'one reload in all');
  await context.close();
});
