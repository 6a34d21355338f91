/**
 * The offline-notice journey, shared by its end-to-end test (which checks what happens) and its
 * benchmark (which reports how long it takes, bench/offline-notice.ts): a notice written in the
 * kiosk's staff mode while the kiosk is offline appears on the demo site's widget once the kiosk
 * is online again. Waits are on conditions; the upper bound only ends a hung run.
 */
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { makePairingCode, type RunningServer } from './harness.ts';

/** Long enough that only a hung run reaches it; how long it really takes is the benchmark's figure. */
export const HUNG_AFTER_MS = 120_000;

async function pressKeys(page: Page, keypad: string, digits: string): Promise<void> {
  for (const d of digits) {
    await page.locator(`linli-numeric-keypad.${keypad}`).getByRole('button', { name: d, exact: true }).click();
    // A person's taps are apart; the kiosk deliberately treats a second tap within 350 ms as a double tap.
    await page.waitForTimeout(400);
  }
}

/** Runs the journey; returns the milliseconds from the kiosk going online to the notice on the website. */
export async function noticeWrittenOfflineReachesWebsite(server: RunningServer, browser: Browser): Promise<{ title: string; onlineToWebsiteMs: number }> {
  const kioskContext = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  const site = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    const kiosk = await kioskContext.newPage();
    await kiosk.goto(`${server.url}/kiosk/`);
    await kiosk.locator('linli-pairing-screen input').fill(await makePairingCode(server.url));
    await kiosk.keyboard.press('Enter');
    await kiosk.locator('linli-home-screen').waitFor({ timeout: HUNG_AFTER_MS });
    await kiosk.locator('linli-kiosk-app .sync[data-state="synced"]').waitFor({ timeout: HUNG_AFTER_MS });

    // The network drops; staff sign in on the kiosk (checked offline against synced hashes).
    await kioskContext.setOffline(true);
    await kiosk.locator('linli-kiosk-app .sync[data-state="offline"]').waitFor({ timeout: HUNG_AFTER_MS });
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
    await kiosk.locator('linli-kiosk-app .sync .pending').waitFor({ timeout: HUNG_AFTER_MS });

    // Nothing has reached the server yet.
    const db = new Database(server.dbFile, { readonly: true });
    try {
      assert.deepEqual(db.prepare('select count(*) as n from notices where title = ?').get(title), { n: 0 });
    } finally {
      db.close();
    }

    // A resident reads the street office's website.
    await site.goto(`${server.url}/demo/`);
    const board = site.locator('linli-notice-board#board-main');
    await board.locator('[part~="item"]').first().waitFor({ timeout: HUNG_AFTER_MS });
    assert.equal(await board.getByText(title).count(), 0);

    // The network comes back: the kiosk pushes, the server pokes, the widget refetches.
    const online = performance.now();
    await kioskContext.setOffline(false);
    await board.getByText(title).waitFor({ timeout: HUNG_AFTER_MS });
    const onlineToWebsiteMs = performance.now() - online;

    await kiosk.locator('linli-kiosk-app .sync[data-state="synced"]').waitFor({ timeout: HUNG_AFTER_MS });
    assert.equal(await kiosk.locator('linli-kiosk-app .sync .pending').count(), 0);
    return { title, onlineToWebsiteMs };
  } finally {
    await kioskContext.close();
    await site.close();
  }
}
