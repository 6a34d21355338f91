/**
 * End to end, real server process and the built kiosk and widget in Debian's Chromium:
 * a notice written in the kiosk's staff mode while the kiosk is offline appears on the demo
 * site's widget within 5 s of the kiosk going online again.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, makePairingCode, startServer, type RunningServer } from './harness.ts';

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
  for (const d of digits) {
    await page.locator(`linli-numeric-keypad.${keypad}`).getByRole('button', { name: d, exact: true }).click();
    // A person's taps are apart; the kiosk deliberately treats a second tap within 350 ms as a double tap.
    await page.waitForTimeout(400);
  }
}

test('a notice written offline in staff mode reaches the website widget within 5 s of going online', async () => {
  const kioskContext = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  const kiosk = await kioskContext.newPage();
  await kiosk.goto(`${server.url}/kiosk/`);
  await kiosk.locator('linli-pairing-screen input').fill(await makePairingCode(server.url));
  await kiosk.keyboard.press('Enter');
  await kiosk.locator('linli-home-screen').waitFor({ timeout: 15_000 });
  await kiosk.locator('linli-kiosk-app .sync[data-state="synced"]').waitFor({ timeout: 15_000 });

  // The network drops; staff sign in on the kiosk (checked offline against synced hashes).
  await kioskContext.setOffline(true);
  await kiosk.locator('linli-kiosk-app .sync[data-state="offline"]').waitFor({ timeout: 5_000 });
  const name = (await kiosk.locator('linli-kiosk-app .station').boundingBox())!;
  await kiosk.mouse.move(name.x + name.width / 2, name.y + name.height / 2);
  await kiosk.mouse.down();
  await kiosk.waitForTimeout(2_300);
  await kiosk.mouse.up();
  await pressKeys(kiosk, 'staff-no', '1002');
  await kiosk.locator('linli-staff-sign-in-screen button.next').click();
  await pressKeys(kiosk, 'pin', '5190627483'); // 1002's demo staff secret
  await kiosk.locator('linli-staff-sign-in-screen button.sign-in').click();

  const title = `端到端测试：离线发布的停电通知 ${Date.now()}`;
  await kiosk.locator('linli-staff-notices-screen button.new').click();
  await kiosk.locator('linli-notice-editor-screen label.choice', { hasText: '社区公告' }).click();
  await kiosk.locator('linli-notice-editor-screen #title').fill(title);
  await kiosk.locator('linli-notice-editor-screen #body').fill('因线路检修，本周六 9:00—12:00 **8 号楼**停电，请提前做好准备。');
  await kiosk.locator('linli-notice-editor-screen button.save').click();
  await kiosk.locator('linli-kiosk-app .sync .pending').waitFor({ timeout: 5_000 });

  // Nothing has reached the server yet.
  const db = new Database(server.dbFile, { readonly: true });
  try {
    assert.deepEqual(db.prepare('select count(*) as n from notices where title = ?').get(title), { n: 0 });
  } finally {
    db.close();
  }

  // A resident reads the street office's website.
  const site = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await site.goto(`${server.url}/demo/`);
  const board = site.locator('linli-notice-board#board-main');
  await board.locator('[part~="item"]').first().waitFor({ timeout: 15_000 });
  assert.equal(await board.getByText(title).count(), 0);

  // The network comes back: the kiosk pushes, the server pokes, the widget refetches.
  const online = Date.now();
  await kioskContext.setOffline(false);
  await board.getByText(title).waitFor({ timeout: 5_000 });
  const elapsed = Date.now() - online;
  console.log(`notice visible on the website ${elapsed} ms after the kiosk went online`);
  assert.ok(elapsed <= 5_000, `took ${elapsed} ms`);

  await kiosk.locator('linli-kiosk-app .sync[data-state="synced"]').waitFor({ timeout: 5_000 });
  assert.equal(await kiosk.locator('linli-kiosk-app .sync .pending').count(), 0);
  await kioskContext.close();
  await site.close();
});
