/**
 * The React 19 and Vue 3 demo pages (demo/frameworks/, built by scripts/build.mjs into dist/demo/)
 * in Debian's Chromium against the real server: the frameworks pass properties (an object
 * `source`, a number `limit`, a `period` they change) and receive the widgets' typed events.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startServer, type RunningServer } from '../e2e/harness.ts';
import { startHostSite, type HostSite } from './host-site.ts';

let linli: RunningServer;
let host: HostSite;
let browser: Browser;

before(async () => {
  linli = await startServer();
  host = await startHostSite(linli.url);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await host?.close();
  await linli?.stop();
});

for (const [framework, label] of [
  ['react', 'React'],
  ['vue', 'Vue'],
] as const) {
  describe(`${label} page`, () => {
    let p: Page;
    const errors: string[] = [];

    before(async () => {
      p = await browser.newPage();
      p.on('pageerror', (err) => errors.push(String(err)));
      p.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
      });
      await p.goto(`${host.url}/static/${framework}/`);
      await p.locator('#board [part~="item"]').first().waitFor({ timeout: 15_000 });
      await p.locator('#ranking table').waitFor({ timeout: 15_000 });
    });

    after(async () => {
      await p?.close();
    });

    it('passes an object, a number and strings as properties, not attributes', async () => {
      const board = await p.evaluate(`(() => {
        const b = document.querySelector('#board');
        return { hasSourceAttr: b.hasAttribute('source'), sourceIsObject: typeof b.source?.notices === 'function', limit: b.limit, board: b.board };
      })()`);
      assert.deepEqual(board, { hasSourceAttr: false, sourceIsObject: true, limit: 3, board: '公示栏' });
      assert.equal(await p.locator('#board [part~="item"]').count(), 3);
      const ranking = await p.evaluate(`(() => { const r = document.querySelector('#ranking'); return { period: r.period, limit: r.limit }; })()`);
      assert.deepEqual(ranking, { period: 'year', limit: 5 });
      assert.equal(await p.locator('#ranking tbody tr').count(), 5);
    });

    it('receives linli-notice-open with the opened notice id', async () => {
      assert.equal(await p.locator('#opened').textContent(), '已打开：无');
      const item = p.locator('#board [part~="item"]').first();
      const id = await item.getAttribute('data-id');
      assert.ok(id);
      await item.click();
      await p.locator('#board [part~="detail"]').waitFor();
      assert.equal(await p.locator('#opened').textContent(), `已打开：${id}`);
    });

    it('receives linli-ranking-change and feeds the period back as a property', async () => {
      await p.locator('#ranking [part~="toggle"]', { hasText: '本月' }).click();
      assert.equal(await p.locator('#ranking-event').textContent(), '排名事件：residents / month');
      assert.match((await p.locator('#period').textContent()) ?? '', /现在：本月/);
      // The framework changes the property; the widget follows (and reflects it).
      await p.locator('#period').click();
      await p.waitForFunction(`document.querySelector('#ranking').getAttribute('period') === 'year'`);
      await p.locator('#ranking [part~="toggle"][aria-pressed="true"]', { hasText: '本年' }).waitFor();
      assert.match((await p.locator('#ranking caption').textContent()) ?? '', /年/);
      assert.deepEqual(errors, []);
    });
  });
}
