/**
 * Embedding on a hostile host, in Debian's Chromium against the production build and the real
 * server: a page with the strict Content-Security-Policy the docs promise to work under, and a
 * page that loads the widget scripts twice (and two "versions").
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startServer, type RunningServer } from '../e2e/harness.ts';
import { page, startHostSite, STATION, type HostSite } from './host-site.ts';

/** The policy of docs/embedding.md ("Strict Content-Security-Policy"), reporting to the host. */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "require-trusted-types-for 'script'; trusted-types lit-html; report-uri /csp-report";

const WIDGETS = `<linli-provider api="/api" station="${STATION}">
  <linli-notice-board board="社区公告,活动,安全提示" limit="5"></linli-notice-board>
  <linli-points-ranking period="year" limit="5"></linli-points-ranking>
  <linli-points-shop></linli-points-shop>
  <linli-meal-booking></linli-meal-booking>
  <linli-volunteer-board></linli-volunteer-board>
</linli-provider>`;

let linli: RunningServer;
let host: HostSite;
let browser: Browser;

before(async () => {
  linli = await startServer();
  host = await startHostSite(linli.url);
  browser = await launchChromium();
  host.pages.set('/site.css', { body: 'body { font: 16px/1.5 sans-serif; }', headers: { 'content-type': 'text/css' } });
  host.pages.set('/csp.html', {
    body: page('CSP', '<link rel="stylesheet" href="/site.css">\n<script type="module" src="/widgets/linli.js"></script>', WIDGETS),
    headers: { 'content-security-policy': STRICT_CSP },
  });
  // The same page with one inline style: the control that shows violations are caught.
  host.pages.set('/csp-control.html', {
    body: page('CSP control', '<script type="module" src="/widgets/linli.js"></script>', `<p style="color: red">inline</p>${WIDGETS}`),
    headers: { 'content-security-policy': STRICT_CSP },
  });
  host.pages.set('/twice.html', {
    body: page(
      'Twice',
      [
        '<script type="module" src="/widgets/linli.js"></script>',
        '<script type="module" src="/widgets/linli-notice-board.js"></script>',
        // A second copy under another URL is a second module instance: "another version".
        '<script type="module" src="/widgets/linli-notice-board.js?v=2"></script>',
        '<script type="module" src="/widgets/linli-points-ranking.js"></script>',
        '<script type="module" src="/widgets/linli.js?v=2"></script>',
      ].join('\n'),
      WIDGETS,
    ),
  });
});

after(async () => {
  await browser?.close();
  await host?.close();
  await linli?.stop();
});

interface Watched {
  page: Page;
  violations: string[];
  errors: string[];
  warnings: string[];
}

async function open(path: string): Promise<Watched> {
  const p = await browser.newPage();
  const watched: Watched = { page: p, violations: [], errors: [], warnings: [] };
  await p.exposeFunction('__cspViolation', (v: string) => watched.violations.push(v));
  // An init script runs before the page's own (and is not subject to its CSP).
  await p.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  p.on('pageerror', (err) => watched.errors.push(String(err)));
  p.on('response', (r) => {
    if (r.status() >= 400) watched.errors.push(`HTTP ${r.status()} ${r.url()}`);
  });
  p.on('console', (m) => {
    // (A failed request is listed with its URL by the response handler above.)
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) watched.errors.push(m.text());
    if (m.type() === 'warning') watched.warnings.push(m.text());
  });
  await p.goto(host.url + path);
  return watched;
}

/** Wait until the board lists notices, open the first and wait for its Markdown body and QR code. */
async function useWidgets(p: Page): Promise<void> {
  await p.locator('linli-notice-board [part~="item"]').first().waitFor({ timeout: 15_000 });
  await p.locator('linli-points-ranking table').waitFor({ timeout: 15_000 });
  await p.locator('linli-points-shop [part~="item"]').first().waitFor({ timeout: 15_000 });
  await p.locator('linli-notice-board [part~="item"]').first().click();
  await p.locator('linli-notice-board [part~="detail"] .body p').first().waitFor({ timeout: 15_000 });
  await p.locator('linli-notice-board [part~="detail"] svg[role="img"]').waitFor({ timeout: 15_000 });
  // The ranking's toggles re-render from fresh data; the shop's sign-in loads its lazy flow.
  await p.locator('linli-points-ranking [part~="toggle"]').last().click();
  await p.locator('linli-points-shop [part~="redeem"]').first().click();
  await p.locator('linli-points-shop [part~="input"]').first().waitFor({ timeout: 15_000 });
  // The meal menu, then its lazily loaded sign-in (when the station has published a menu).
  await p.locator('linli-meal-booking h2').waitFor({ timeout: 15_000 });
  const mealSignIn = p.locator('linli-meal-booking [part~="account"] button');
  if (await mealSignIn.count()) {
    await mealSignIn.first().click();
    await p.locator('linli-meal-booking [part~="input"]').first().waitFor({ timeout: 15_000 });
  }
  // The volunteer board (the demo seed has open activities) and its lazily loaded sign-up flow.
  await p.locator('linli-volunteer-board [part~="sign-up"]:not([disabled])').first().click();
  await p.locator('linli-volunteer-board [part~="input"]').first().waitFor({ timeout: 15_000 });
}

describe('strict Content-Security-Policy', () => {
  it('every widget renders and is used with no violation and no error', async () => {
    const w = await open('/csp.html');
    await useWidgets(w.page);
    // Give report-uri posts time to arrive, if any were sent.
    await w.page.waitForTimeout(500);
    assert.deepEqual(w.violations, []);
    assert.deepEqual(host.reports, []);
    assert.deepEqual(w.errors, []);
    const title = await w.page.locator('linli-notice-board #detail-title').textContent();
    assert.match(title ?? '', /幸福里社区党群服务中心开放时间及服务项目/);
    await w.page.close();
  });

  it('the control page with one inline style is reported (the check can fail)', async () => {
    const w = await open('/csp-control.html');
    await w.page.locator('linli-notice-board [part~="item"]').first().waitFor({ timeout: 15_000 });
    await w.page.waitForTimeout(500);
    assert.equal(w.violations.length, 1, w.violations.join('\n'));
    assert.match(w.violations[0]!, /^style-src-attr /);
    await w.page.close();
  });
});

describe('the scripts loaded twice, and two versions', () => {
  it('warn once per extra copy instead of throwing, and the widgets work', async () => {
    const w = await open('/twice.html');
    await useWidgets(w.page);
    assert.deepEqual(w.errors, []);
    const redefined = w.warnings.filter((m) => m.includes('is already defined'));
    assert.ok(redefined.length >= 2, `expected warnings, got: ${w.warnings.join(' | ')}`);
    for (const m of redefined) assert.match(m, /^\[linli\] <linli-(notice-board|points-ranking|provider|points-shop|meal-booking|volunteer-board)> is already defined \(another copy or version of Linli\); keeping the first\.$/);
    // Exactly one board on the page, listing its notices once.
    assert.equal(await w.page.locator('linli-notice-board').count(), 1);
    await w.page.close();
  });
});
