/**
 * `sync.offline-notice-to-website.seconds`: a notice written in the kiosk's staff mode while the
 * kiosk is offline, from the moment the kiosk is online again until the demo site's notice widget
 * shows it (push, poke, widget refetch), in the built app in Debian's Chromium against a real
 * server process — the journey of tests/e2e/offline-notice.test.ts, which checks that it happens
 * and leaves the time to this figure. Median of 3 runs (a new kiosk each).
 * Run alone (after `npm run build`): `node --import tsx bench/offline-notice.ts`.
 */
import { launchChromium, startServer } from '../tests/e2e/harness.ts';
import { noticeWrittenOfflineReachesWebsite } from '../tests/e2e/offline-notice-flow.ts';
import { median, round, type Figures } from './results.ts';

const RUNS = 3;

export async function benchOfflineNotice(): Promise<Figures> {
  const server = await startServer();
  const browser = await launchChromium();
  try {
    const seconds: number[] = [];
    for (let i = 0; i < RUNS; i++) seconds.push((await noticeWrittenOfflineReachesWebsite(server, browser)).onlineToWebsiteMs / 1000);
    console.log(`  offline notice to website: ${seconds.map((s) => s.toFixed(2)).join(', ')} s`);
    return { 'sync.offline-notice-to-website.seconds': { value: round(median(seconds), 2), unit: 's', goal: 5, better: 'lower' } };
  } finally {
    await browser.close();
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchOfflineNotice());
