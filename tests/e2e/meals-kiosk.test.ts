/**
 * End to end, real server process and the built kiosk in Debian's Chromium (issue 6 acceptance):
 * the kiosk is paired and synced; the network drops; 张秀英 signs in with phone + PIN and books a
 * lunch — the kiosk says 已登记，联网后确认 (never 订好了) and nothing reaches the server; back
 * online, the provisional booking is pushed, the server confirms it, it appears in the kitchen
 * counts (GET /api/staff/meals/kitchen?date=, staff token), and 我的 at the kiosk shows it done.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, makePairingCode, startServer, type RunningServer } from './harness.ts';

const STATION = '3f6c2a1e-8b4d-4c7a-9e21-5d0b7f3a1c01';

let server: RunningServer;
let browser: Browser;

before(async () => {
  server = await startServer();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function pressKeys(page: Page, keypad: string, digits: string): Promise<void> {
  let last = '';
  for (const d of digits) {
    // The kiosk treats a second tap on the same key within 350 ms as a double tap.
    if (d === last) await page.waitForTimeout(400);
    last = d;
    await page.locator(`linli-numeric-keypad.${keypad}`).getByRole('button', { name: d, exact: true }).click();
  }
}

async function staffToken(): Promise<string> {
  const login = await fetch(`${server.url}/api/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ stationId: STATION, staffNo: '1001', pin: '7305184962' }), // demo staff 1001's secret (server/seed/demo-data.ts)
  });
  assert.equal(login.status, 200);
  return ((await login.json()) as { token: string }).token;
}

interface Count {
  meal: string;
  set: string;
  variant: string | null;
  mode: string;
  confirmed: number;
  provisional: number;
}

async function kitchen(token: string, date: string): Promise<Count[]> {
  const res = await fetch(`${server.url}/api/staff/meals/kitchen?date=${date}`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200);
  return ((await res.json()) as { counts: Count[] }).counts;
}

const lunchADineIn = (counts: Count[]): number =>
  counts.filter((c) => c.meal === 'lunch' && c.set === 'A' && c.variant === null && c.mode === 'dine-in').reduce((n, c) => n + c.confirmed, 0);

test('a meal booked at an offline kiosk syncs and appears in the kitchen counts', async () => {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  const kiosk = await context.newPage();
  await kiosk.goto(`${server.url}/kiosk/`);
  await kiosk.locator('linli-pairing-screen input').fill(await makePairingCode(server.url));
  await kiosk.keyboard.press('Enter');
  await kiosk.locator('linli-home-screen').waitFor({ timeout: 15_000 });
  await kiosk.locator('linli-kiosk-app .sync[data-state="synced"]').waitFor({ timeout: 15_000 });

  // The service worker has precached the kiosk (the meal screens are a lazily loaded chunk).
  await kiosk.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
  // 张秀英 signs in here once while online: the server checks her PIN and this kiosk keeps her
  // verifier, so it can check it offline later (verifiers reach only kiosks where she needs them).
  await kiosk.locator('linli-resident-tile [data-tile="resident-sign-in"]').click();
  await pressKeys(kiosk, 'phone', '13800138001');
  await kiosk.locator('linli-resident-sign-in-screen button.next').click();
  await pressKeys(kiosk, 'pin', '1111');
  await kiosk.locator('linli-resident-sign-in-screen button.sign-in').click();
  await kiosk.locator('linli-resident-tile button.sign-out').click();
  await context.setOffline(true);
  await kiosk.locator('linli-kiosk-app .sync[data-state="offline"]').waitFor({ timeout: 10_000 });
  await kiosk.locator('linli-resident-tile [data-tile="resident-sign-in"]').click();
  await pressKeys(kiosk, 'phone', '13800138001');
  await kiosk.locator('linli-resident-sign-in-screen button.next').click();
  await pressKeys(kiosk, 'pin', '1111');
  await kiosk.locator('linli-resident-sign-in-screen button.sign-in').click();
  await kiosk.locator('linli-resident-tile [data-tile="meal-book"]').click();

  const screen = kiosk.locator('linli-meal-book-screen');
  // The last day still open (the demo's cut-off is the day before at 17:00; its bookings are early in the week).
  const open = screen.locator('ul.days li[data-state="open"]');
  await open.first().waitFor({ timeout: 10_000 }).catch(async (error: unknown) => {
    await kiosk.screenshot({ path: '/tmp/linli-shots/e2e-meal-days-failure.png' });
    throw error;
  });
  const day = open.nth((await open.count()) - 1);
  const date = (await day.getAttribute('data-date'))!;
  const token = await staffToken();
  const before = lunchADineIn(await kitchen(token, date));

  await day.locator('button.choose-date').click();
  await screen.locator('li[data-meal="lunch"] button.choose-meal').click();
  await screen.locator('li[data-set="A"] button.choose-set').click();
  const standard = screen.locator('button.choose-variant[data-variant=""]');
  if (await standard.count()) await standard.click();
  await screen.locator('button.choose-mode[data-mode="dine-in"]').click();
  await screen.locator('table.breakdown tr.to-pay').waitFor();
  await screen.locator('button.next').click();
  await screen.locator('linli-confirm-sheet button.confirm').click();
  await screen.locator('.sentence.provisional').waitFor({ timeout: 5_000 }).catch(async (error: unknown) => {
    await kiosk.screenshot({ path: '/tmp/linli-shots/e2e-meal-failure.png' });
    throw error;
  });
  assert.equal((await screen.locator('h1').textContent())?.trim(), '已登记，联网后确认');

  // Nothing reached the server while offline.
  assert.equal(lunchADineIn(await kitchen(token, date)), before);

  await context.setOffline(false);
  const end = Date.now() + 20_000;
  let after = before;
  while (Date.now() < end && after === before) {
    await kiosk.waitForTimeout(300);
    after = lunchADineIn(await kitchen(token, date));
  }
  assert.equal(after, before + 1, 'the booking is in the kitchen counts as confirmed');

  // 我的 at the kiosk shows the booking done (已完成), no longer 已登记，联网后确认.
  await screen.locator('button.to-mine').click();
  const mine = kiosk.locator('linli-mine-screen');
  await mine.locator('li[data-status="applied"]', { hasText: '订餐' }).waitFor({ timeout: 15_000 });
  await context.close();
});
