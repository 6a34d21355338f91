/**
 * End to end, real server process and the built kiosk and widget in Debian's Chromium:
 * a notice written in the kiosk's staff mode while the kiosk is offline appears on the demo
 * site's widget after the kiosk goes online again. How long that takes is a benchmark figure
 * (`sync.offline-notice-to-website.seconds`, bench/offline-notice.ts), not an assertion here.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { DEMO_STATION } from '../../server/seed/demo-data.ts';
import { launchChromium, startServer, type RunningServer } from './harness.ts';
import { noticeWrittenOfflineReachesWebsite } from './offline-notice-flow.ts';

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

test('a notice written offline in staff mode reaches the website widget once the kiosk is online', async () => {
  const { title, onlineToWebsiteMs } = await noticeWrittenOfflineReachesWebsite(server, browser);
  console.log(`notice visible on the website ${Math.round(onlineToWebsiteMs)} ms after the kiosk went online (reported by the bench, not asserted)`);
  const res = await fetch(`${server.url}/api/stations/${DEMO_STATION.id}/notices`);
  assert.equal(res.status, 200);
  assert.ok(JSON.stringify(await res.json()).includes(title), 'the server has the notice the kiosk wrote offline');
});

