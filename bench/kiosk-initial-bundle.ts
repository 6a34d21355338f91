/**
 * bundle.kiosk.initial.gzip_kib: the JavaScript a paired kiosk loads before its home screen is
 * interactive. A fresh page load of the production kiosk records every JS response; those
 * requested before the home screen was first painted with its buttons (the app `ready`) are
 * gzipped (level 9) and summed.
 * What loads later (the PWA module, notice detail, Markdown…) is not counted.
 */
import { gzipSync } from 'node:zlib';
import type { Response } from 'playwright-core';
import { openKioskStation, pairedKiosk } from './kiosk-station.ts';
import { round, type Figures } from './results.ts';

export async function benchKioskInitialBundle(): Promise<Figures> {
  const station = await openKioskStation();
  try {
    const { context, page: pairing } = await pairedKiosk(station);
    await pairing.close();
    const page = await context.newPage();
    // In the page: the moment the home screen is first painted with its buttons and the app is ready.
    await page.addInitScript(`(() => {
      const look = () => {
        const app = document.querySelector('linli-kiosk-app');
        const home = app && app.hasAttribute('ready') && app.shadowRoot && app.shadowRoot.querySelector('linli-home-screen');
        if (home && home.shadowRoot && home.shadowRoot.querySelector('button')) window.__homeAt = performance.now();
        else requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    })()`);
    const bodies: Promise<{ url: string; bytes: number }>[] = [];
    const onResponse = (response: Response): void => {
      const type = response.request().resourceType();
      const isJs = type === 'script' || /\.m?js(\?|$)/.test(new URL(response.url()).pathname);
      if (!isJs || response.status() !== 200) return;
      bodies.push(response.body().then((body) => ({ url: response.url(), bytes: gzipSync(body, { level: 9 }).length })));
    };
    page.on('response', onResponse);
    await page.goto(`${station.server.url}/kiosk/`);
    await page.waitForFunction(() => typeof (window as { __homeAt?: number }).__homeAt === 'number', undefined, { timeout: 30_000 });
    // Only what was requested before that moment counts (the PWA module starts after it, lazily).
    const before = new Set(
      await page.evaluate(() => {
        const homeAt = (window as unknown as { __homeAt: number }).__homeAt;
        return performance.getEntriesByType('resource').filter((e) => e.startTime <= homeAt).map((e) => e.name);
      }),
    );
    await page.waitForLoadState('networkidle');
    page.off('response', onResponse);
    const files = (await Promise.all(bodies)).filter((f) => before.has(f.url));
    const total = files.reduce((sum, f) => sum + f.bytes, 0);
    for (const f of files) console.log(`  initial JS ${new URL(f.url).pathname}: ${round(f.bytes / 1024)} KiB gzip`);
    await context.close();
    return { 'bundle.kiosk.initial.gzip_kib': { value: round(total / 1024), unit: 'KiB', goal: 40, better: 'lower' } };
  } finally {
    await station.close();
  }
}
