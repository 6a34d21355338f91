/**
 * The all-in-one script (dist/widgets/linli.js, components/all.ts) loads a widget's code only
 * when its tag appears — in the HTML or added later — and finds its files next to itself,
 * wherever the site serves it from.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium, startServer, type RunningServer } from '../e2e/harness.ts';
import { page, startHostSite, STATION, type HostSite } from './host-site.ts';

let linli: RunningServer;
let host: HostSite;
let browser: Browser;

before(async () => {
  linli = await startServer();
  host = await startHostSite(linli.url);
  browser = await launchChromium();
  host.pages.set('/board-only.html', {
    body: page('Board', '<script type="module" src="/cdn/v1.2/widgets/linli.js"></script>', `<linli-notice-board api="/api" station="${STATION}" limit="3"></linli-notice-board>`),
  });
});

after(async () => {
  await browser?.close();
  await host?.close();
  await linli?.stop();
});

describe('the all-in-one loader', () => {
  it('loads only the widgets on the page, from where the script itself was loaded', async () => {
    const p = await browser.newPage();
    const scripts: string[] = [];
    p.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await p.goto(`${host.url}/board-only.html`);
    await p.locator('linli-notice-board [part~="item"]').first().waitFor({ timeout: 15_000 });
    // Every script came from the script's own folder (/cdn/v1.2/widgets/), none from /widgets/.
    assert.ok(scripts.length >= 3, scripts.join(' '));
    assert.deepEqual(scripts.filter((s) => !s.startsWith('/cdn/v1.2/widgets/')), []);
    assert.ok(scripts.includes('/cdn/v1.2/widgets/all/notice-board.js'));
    assert.deepEqual(scripts.filter((s) => /all\/(points-ranking|points-shop|meal-booking|volunteer-board|provider)\.js$|flows-|notice-detail|qr-/.test(s)), []);
    assert.equal(await p.evaluate(`customElements.get('linli-points-ranking')`), undefined);

    // A widget added later (as a CMS or a framework would) is loaded when it appears.
    await p.evaluate(`(() => {
      const r = document.createElement('linli-points-ranking');
      r.setAttribute('api', '/api');
      r.setAttribute('station', '${STATION}');
      document.body.append(Object.assign(document.createElement('div'), { className: 'later' }));
      document.querySelector('.later').append(r);
    })()`);
    await p.locator('linli-points-ranking table').waitFor({ timeout: 15_000 });
    assert.ok(scripts.includes('/cdn/v1.2/widgets/all/points-ranking.js'));
    assert.equal(scripts.filter((s) => s.includes('all/points-shop.js')).length, 0);
    // Lit, the core and the widgets' lists were fetched once for both widgets.
    assert.equal(scripts.filter((s) => /all\/chunks\/widgets-/.test(s)).length, 1);
    await p.close();
  });

  it('leaves no global CSS and no globals but Lit\'s version markers', async () => {
    const p = await browser.newPage();
    await p.addInitScript(`window.__before = Object.getOwnPropertyNames(window)`);
    await p.goto(`${host.url}/board-only.html`);
    await p.locator('linli-notice-board [part~="item"]').first().click();
    await p.locator('linli-notice-board [part~="detail"] svg[role="img"]').waitFor({ timeout: 15_000 });
    const leaks = await p.evaluate(`(() => ({
      globals: Object.getOwnPropertyNames(window).filter((n) => !window.__before.includes(n) && n !== '__before').sort(),
      documentSheets: document.adoptedStyleSheets.length,
      styleElements: document.querySelectorAll('style, link[rel="stylesheet"]').length,
      styleSheets: document.styleSheets.length,
    }))()`);
    assert.deepEqual(leaks, { globals: ['litElementVersions', 'litHtmlVersions', 'litPropertyMetadata', 'reactiveElementVersions'], documentSheets: 0, styleElements: 0, styleSheets: 0 });
    await p.close();
  });
});
