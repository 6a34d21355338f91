/**
 * memory.kiosk-10000-nav.heap_growth_mb: JS heap growth of the production kiosk after 10,000
 * screen changes, after garbage collection.
 *
 * A paired kiosk with the demo station's notices cycles, as people and the idle timer do:
 * home → 通知公告 (navigate) → 返回 → attract loop (what the idle timer does, notices rotating
 * every 20 ms) → a touch brings home back → … Each step waits for the app to render. After a
 * warm-up of 400 changes the heap is collected (CDP HeapProfiler.collectGarbage) and measured
 * (Performance.getMetrics JSHeapUsedSize); then 10,000 changes, collect, measure. 1 MB = 2^20 bytes.
 */
import type { CDPSession, Page } from 'playwright-core';
import { openKioskStation, pairedKiosk } from './kiosk-station.ts';
import { round, type Figures } from './results.ts';

const CHANGES = 10_000;
const WARM_UP = 400;

async function heapUsed(cdp: CDPSession): Promise<number> {
  for (let i = 0; i < 3; i++) {
    await cdp.send('HeapProfiler.collectGarbage');
    await new Promise((r) => setTimeout(r, 100));
  }
  const { metrics } = await cdp.send('Performance.getMetrics');
  const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value;
  if (used === undefined) throw new Error('JSHeapUsedSize not reported');
  return used;
}

/** Runs `count` screen changes in the page; resolves with how many happened. */
async function changeScreens(page: Page, count: number): Promise<number> {
  // tsx (esbuild keepNames) wraps named functions in __name(); the page has no such helper.
  await page.evaluate('window.__name = window.__name || ((f) => f)');
  return page.evaluate(async (n) => {
    type App = HTMLElement & {
      screen: string;
      attractIntervalMs: number;
      updateComplete: Promise<boolean>;
      back(): void;
      goHome(): void;
    };
    const app = document.querySelector('linli-kiosk-app') as App;
    app.attractIntervalMs = 20;
    const channel = new MessageChannel();
    const nextTask = () =>
      new Promise<void>((resolve) => {
        channel.port1.onmessage = () => resolve();
        channel.port2.postMessage(null);
      });
    const settle = async (): Promise<void> => {
      await app.updateComplete;
      await nextTask();
      await app.updateComplete;
    };
    let changes = 0;
    let attractVisits = 0;
    while (changes < n) {
      const step = changes % 4;
      if (step === 0) {
        app.shadowRoot!.querySelector('main')!.dispatchEvent(new CustomEvent('linli-navigate', { detail: { screen: 'notices' }, bubbles: true, composed: true }));
      } else if (step === 1) {
        app.back();
      } else if (step === 2) {
        app.screen = 'attract';
      } else {
        app.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
      }
      changes++;
      await settle();
      const expected = ['notices', 'home', 'attract', 'home'][step];
      if (app.screen !== expected) throw new Error(`step ${changes}: expected the ${expected} screen, got ${app.screen}`);
      if (step === 2 && attractVisits++ % 10 === 0) {
        // Let the attract loop turn a few pages now and then.
        await new Promise((r) => setTimeout(r, 70));
      }
    }
    if (app.screen !== 'home') app.goHome();
    await settle();
    return changes;
  }, count);
}

export async function benchKioskMemory(): Promise<Figures> {
  const station = await openKioskStation();
  try {
    const { context, page } = await pairedKiosk(station);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await changeScreens(page, WARM_UP);
    await page.waitForTimeout(500);
    const before = await heapUsed(cdp);
    const started = Date.now();
    const done = await changeScreens(page, CHANGES);
    if (done !== CHANGES) throw new Error(`only ${done} screen changes`);
    await page.waitForTimeout(500);
    const after = await heapUsed(cdp);
    console.log(`  ${CHANGES} screen changes in ${round((Date.now() - started) / 1000, 1)} s; heap ${round(before / 2 ** 20)} → ${round(after / 2 ** 20)} MB`);
    await context.close();
    return { 'memory.kiosk-10000-nav.heap_growth_mb': { value: round(Math.max(0, after - before) / 2 ** 20), unit: 'MB', goal: 2, better: 'lower' } };
  } finally {
    await station.close();
  }
}
