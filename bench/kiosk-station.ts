/**
 * A real station for kiosk browser benchmarks: the server process on a temporary SQLite file
 * (demo data: 38 notices) serving the production kiosk build, Debian's Chromium, and a kiosk
 * page that is paired and synced.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, makePairingCode, startServer, type RunningServer } from '../tests/e2e/harness.ts';

export interface KioskStation {
  server: RunningServer;
  browser: Browser;
  close: () => Promise<void>;
}

export async function openKioskStation(): Promise<KioskStation> {
  const server = await startServer();
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    server,
    browser,
    close: async () => {
      await browser.close();
      await server.stop();
    },
  };
}

/** A context (service workers blocked: we measure the page itself) with a paired, synced kiosk open. */
export async function pairedKiosk(station: KioskStation): Promise<{ context: BrowserContext; page: Page }> {
  const context = await station.browser.newContext({ viewport: { width: 1080, height: 1920 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(`${station.server.url}/kiosk/`);
  await page.locator('linli-pairing-screen input').fill(await makePairingCode(station.server.url));
  await page.keyboard.press('Enter');
  await page.locator('linli-home-screen').waitFor({ timeout: 15_000 });
  await page.locator('linli-kiosk-app .sync[data-state="synced"]').waitFor({ timeout: 15_000 });
  return { context, page };
}
