/**
 * Screenshots for looking at what we build: the demo site and the kiosk at kiosk size
 * (1080×1920 portrait) and phone size (390×844). Usage, with a server running:
 *   node --import tsx scripts/screenshots.ts http://127.0.0.1:8080 /tmp/shots
 */
import { mkdirSync } from 'node:fs';
import { launchChromium, makePairingCode } from '../tests/e2e/harness.ts';

const base = process.argv[2] ?? 'http://127.0.0.1:8080';
const out = process.argv[3] ?? '/tmp/linli-shots';
mkdirSync(out, { recursive: true });

const browser = await launchChromium();
try {
  for (const [name, viewport] of [['kiosk', { width: 1080, height: 1920 }], ['phone', { width: 390, height: 844 }]] as const) {
    const demo = await browser.newPage({ viewport });
    await demo.goto(`${base}/demo/`);
    await demo.waitForTimeout(1500);
    await demo.screenshot({ path: `${out}/demo-${name}.png`, fullPage: name === 'phone' });
    await demo.close();

    const context = await browser.newContext({ viewport });
    const kiosk = await context.newPage();
    await kiosk.goto(`${base}/kiosk/`);
    await kiosk.waitForTimeout(1000);
    await kiosk.screenshot({ path: `${out}/kiosk-pairing-${name}.png` });
    const code = await makePairingCode(base);
    await kiosk.locator('linli-pairing-screen input').fill(code);
    await kiosk.keyboard.press('Enter');
    await kiosk.waitForTimeout(2500);
    await kiosk.screenshot({ path: `${out}/kiosk-after-pair-${name}.png` });
    await kiosk.getByRole('button', { name: /公告/ }).first().click().catch(() => undefined);
    await kiosk.waitForTimeout(1500);
    await kiosk.screenshot({ path: `${out}/kiosk-notices-${name}.png` });
    await kiosk.locator('linli-notice-board').first().locator('[part~="item"]').first().click().catch(() => undefined);
    await kiosk.waitForTimeout(2500);
    await kiosk.screenshot({ path: `${out}/kiosk-home-${name}.png` });
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(`screenshots in ${out}`);
