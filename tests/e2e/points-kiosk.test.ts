/**
 * End to end, real server process and the built kiosk in Debian's Chromium: the kiosk, paired and
 * online, receives an offline allowance (points.allowance-renew); the network drops; a resident
 * signs in with phone + PIN and redeems an item the allowance covers — the voucher shows at once,
 * offline; back online, the redemption reaches the server as a kiosk-allowance redemption with the
 * same voucher code, and the resident's balance there went down by its cost.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { voucherCode } from '../../domain/index.ts';
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
  let last = '';
  for (const d of digits) {
    // The kiosk treats a second tap on the same key within 350 ms as a double tap.
    if (d === last) await page.waitForTimeout(400);
    last = d;
    await page.locator(`linli-numeric-keypad.${keypad}`).getByRole('button', { name: d, exact: true }).click();
  }
}

/** The kiosk's offline allowance as stored in its IndexedDB (null until the first renew answered). */
async function allowanceIn(page: Page): Promise<{ points: Record<string, number> } | null> {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const req = indexedDB.open('linli-kiosk');
        req.onsuccess = () => {
          const get = req.result.transaction('meta').objectStore('meta').get('allowance');
          get.onsuccess = () => {
            req.result.close();
            resolve((get.result as { allowance: { points: Record<string, number> } | null } | undefined)?.allowance ?? null);
          };
          get.onerror = () => resolve(null);
        };
        req.onerror = () => resolve(null);
      }),
  );
}

test('a redemption confirmed offline from the allowance syncs and is accepted by the server', async () => {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  const kiosk = await context.newPage();
  await kiosk.goto(`${server.url}/kiosk/`);
  await kiosk.locator('linli-pairing-screen input').fill(await makePairingCode(server.url));
  await kiosk.keyboard.press('Enter');
  await kiosk.locator('linli-home-screen').waitFor({ timeout: 15_000 });
  await kiosk.locator('linli-kiosk-app .sync[data-state="synced"]').waitFor({ timeout: 15_000 });

  // The first renew after pairing: the server reserves points for 张秀英 on this kiosk.
  const zhang = 'c5e0a3d2-6f1b-4e8a-9b7c-2d4f6a8c0e01';
  const deadline = Date.now() + 20_000;
  let held = 0;
  while (Date.now() < deadline) {
    held = (await allowanceIn(kiosk))?.points[zhang] ?? 0;
    if (held > 0) break;
    await kiosk.waitForTimeout(300);
  }
  assert.ok(held >= 10, `allowance for 张秀英: ${held}`);

  const db = new Database(server.dbFile, { readonly: true });

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
  await kiosk.locator('linli-resident-tile [data-tile="points-shop"]').click();

  const shop = kiosk.locator('linli-points-shop-screen');
  const row = shop.locator('li', { hasText: '量血压、测血糖' });
  await row.locator('button.choose').click({ timeout: 10_000 }).catch(async (error: unknown) => {
    await kiosk.screenshot({ path: '/tmp/linli-shots/e2e-shop-failure.png' });
    throw error;
  });
  await shop.locator('button.next').click();
  await shop.locator('linli-confirm-sheet button.confirm').click();
  const code = (await shop.locator('.code').textContent({ timeout: 5_000 }))!.trim();
  assert.match(code, /^[2-9A-HJKMNP-Z]{6}$/);

  try {
    // Nothing of it has reached the server yet.
    assert.deepEqual(db.prepare('select count(*) as n from redemptions where voucher_code = ?').get(code), { n: 0 });
    await context.setOffline(false);
    const end = Date.now() + 15_000;
    let found: Record<string, unknown> | undefined;
    while (Date.now() < end && !found) {
      found = db.prepare('select * from redemptions where voucher_code = ?').get(code) as Record<string, unknown> | undefined;
      if (!found) await kiosk.waitForTimeout(250);
    }
    assert.ok(found, 'the redemption reached the server');
    assert.equal(found.funding, 'kiosk-allowance');
    assert.equal(found.status, 'confirmed');
    assert.equal(voucherCode(String(found.id)), code);
    assert.equal(found.resident_id, zhang);
  } finally {
    db.close();
  }
  await context.close();
});
