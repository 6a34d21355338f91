/**
 * A host page with the global CSS many CMS templates ship (a 62.5% root font size with body text
 * set back in rem, `*` resets of box-sizing and line-height, `button { all: unset }`…): every
 * widget must look exactly as on a clean page — the same computed font sizes, the same touch
 * target sizes and the same layout, element by element inside the shadow roots.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startServer, type RunningServer } from '../e2e/harness.ts';
import { page, startHostSite, STATION, type HostSite } from './host-site.ts';

/** The host's own text: 16 px in both pages, reached through rem in the hostile one. */
const CLEAN_CSS = 'body { margin: 0; font: 16px/1.5 sans-serif; } .slot { width: 640px; margin: 8px; }';
export const HOSTILE_CSS = `
html { font-size: 62.5%; }
body { margin: 0; font: 1.6rem/1.5 sans-serif; }
* { box-sizing: content-box; line-height: 1; margin: 0; padding: 0; border: 0; letter-spacing: normal; }
button { all: unset; }
img { max-width: none; height: auto; vertical-align: baseline; }
ul, ol { list-style: none; }
table { border-collapse: separate; border-spacing: 2px; }
a { color: #f00; text-decoration: underline; }
h1, h2, h3, h4, h5, h6 { font-size: 100%; font-weight: normal; }
div, section, article { display: block; }
p { margin-bottom: 1em; }
input { all: unset; }
.slot { width: 640px; margin: 8px; }
`;

const WIDGETS = `<linli-provider api="/api" station="${STATION}">
  <div class="slot"><linli-notice-board board="社区公告,活动,安全提示" limit="5"></linli-notice-board></div>
  <div class="slot"><linli-points-ranking period="year" limit="5"></linli-points-ranking></div>
  <div class="slot"><linli-points-shop></linli-points-shop></div>
  <div class="slot"><linli-meal-booking></linli-meal-booking></div>
  <div class="slot"><linli-volunteer-board></linli-volunteer-board></div>
</linli-provider>`;

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

interface Box {
  path: string;
  fontSize: string;
  lineHeight: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Every element of each widget's shadow tree: computed font size, line height, box (relative to
 * the widget). A string, not a function: tsx's helpers (__name) do not exist in the page.
 */
const MEASURE = `(() => {
  const out = [];
  const round = (n) => Math.round(n * 10) / 10;
  const walk = (root, origin, prefix) => {
    let i = 0;
    for (const el of root.children) {
      const cls = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
      const path = prefix + '/' + el.localName + cls + '[' + i++ + ']';
      const cs = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      out.push({ path, fontSize: cs.fontSize, lineHeight: cs.lineHeight, x: round(r.x - origin.x), y: round(r.y - origin.y), w: round(r.width), h: round(r.height) });
      walk(el, origin, path);
      if (el.shadowRoot) walk(el.shadowRoot, origin, path + '#shadow');
    }
  };
  for (const w of document.querySelectorAll('linli-notice-board, linli-points-ranking, linli-points-shop, linli-meal-booking, linli-volunteer-board')) {
    const r = w.getBoundingClientRect();
    const cs = getComputedStyle(w);
    // (The host element itself is the page's: its own line-height may differ, nothing inside may.)
    out.push({ path: w.localName, fontSize: cs.fontSize, lineHeight: '', x: 0, y: 0, w: round(r.width), h: round(r.height) });
    walk(w.shadowRoot, r, w.localName);
  }
  return out;
})()`;

function measure(p: Page): Promise<Box[]> {
  return p.evaluate(MEASURE) as Promise<Box[]>;
}

/**
 * Both variants are served at the same address in turn: a notice's QR code encodes the page's
 * URL, so a different address would draw a different code.
 */
async function openAndMeasure(css: string, step: (p: Page) => Promise<void>): Promise<Box[]> {
  host.pages.set('/site.html', { body: page('Site', `<style>${css}</style>\n<script type="module" src="/widgets/linli.js"></script>`, WIDGETS) });
  const p = await browser.newPage({ viewport: { width: 800, height: 2000 } });
  await p.goto(host.url + '/site.html');
  await p.locator('linli-notice-board [part~="item"]').first().waitFor({ timeout: 15_000 });
  await p.locator('linli-points-ranking table').waitFor({ timeout: 15_000 });
  await p.locator('linli-points-shop [part~="item"]').first().waitFor({ timeout: 15_000 });
  await p.locator('linli-meal-booking h2').waitFor({ timeout: 15_000 });
  await p.locator('linli-volunteer-board [part~="activity"]').first().waitFor({ timeout: 15_000 });
  await step(p);
  await p.evaluate(() => document.fonts.ready);
  const boxes = await measure(p);
  await p.close();
  return boxes;
}

function assertSame(clean: Box[], hostile: Box[]): void {
  assert.ok(clean.length > 50, `measured only ${clean.length} elements`);
  assert.deepEqual(
    hostile.map((b) => b.path),
    clean.map((b) => b.path),
  );
  const differences = hostile.filter((b, i) => JSON.stringify(b) !== JSON.stringify(clean[i])).map((b) => `${JSON.stringify(b)} ≠ ${JSON.stringify(clean.find((c) => c.path === b.path))}`);
  assert.deepEqual(differences.slice(0, 10), []);
}

describe('on a page with hostile global CSS', () => {
  it('the lists look exactly as on a clean page', async () => {
    const noop = async (): Promise<void> => {};
    const clean = await openAndMeasure(CLEAN_CSS, noop);
    const hostile = await openAndMeasure(HOSTILE_CSS, noop);
    assertSame(clean, hostile);
    // Touch targets: every button at least 44 × 44 CSS px (2.75em at 16 px).
    const buttons = hostile.filter((b) => /\/button[^/]*$/.test(b.path) && b.w > 0);
    assert.ok(buttons.length >= 5, `${buttons.length} buttons`);
    for (const b of buttons) assert.ok(b.w >= 44 && b.h >= 44, `${b.path} is ${b.w}×${b.h}`);
    // Text follows the host's 16 px, not the 10 px root.
    assert.equal(hostile.find((b) => b.path === 'linli-notice-board')!.fontSize, '16px');
  });

  it('an opened notice and the shop, meal and volunteer sign-ins look exactly as on a clean page', async () => {
    const open = async (p: Page): Promise<void> => {
      await p.locator('linli-notice-board [part~="item"]').first().click();
      await p.locator('linli-notice-board [part~="detail"] svg[role="img"]').waitFor({ timeout: 15_000 });
      await p.locator('linli-points-shop [part~="redeem"]').first().click();
      await p.locator('linli-points-shop [part~="input"]').first().waitFor({ timeout: 15_000 });
      const mealSignIn = p.locator('linli-meal-booking [part~="account"] button');
      if (await mealSignIn.count()) {
        await mealSignIn.first().click();
        await p.locator('linli-meal-booking [part~="input"]').first().waitFor({ timeout: 15_000 });
      }
      await p.locator('linli-volunteer-board [part~="sign-up"]:not([disabled])').first().click();
      await p.locator('linli-volunteer-board [part~="input"]').first().waitFor({ timeout: 15_000 });
    };
    assertSame(await openAndMeasure(CLEAN_CSS, open), await openAndMeasure(HOSTILE_CSS, open));
  });

  it('the comparison itself sees a difference (so it can fail)', () => {
    const a: Box[] = Array.from({ length: 60 }, (_, i) => ({ path: `p${i}`, fontSize: '16px', lineHeight: '24px', x: 0, y: i, w: 10, h: 10 }));
    const b = a.map((x, i) => (i === 30 ? { ...x, fontSize: '10px' } : x));
    assert.throws(() => assertSame(a, b));
  });
});
