/**
 * The webmaster docs page (demo/embed.html): choices give the exact snippet to paste and a live
 * preview of the same widget, theme and language; and demo/linli-themes.css, which the page and
 * docs/embedding.md hand out, holds exactly the token values of components/core/theme.ts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DARK_TOKENS, HIGH_CONTRAST_TOKENS } from '../../components/core/theme.ts';
import { launchChromium, repoRoot, startServer, type RunningServer } from '../e2e/harness.ts';

const STATION = '3f6c2a1e-8b4d-4c7a-9e21-5d0b7f3a1c01';
let linli: RunningServer;
let browser: Browser;
let p: Page;
const errors: string[] = [];

before(async () => {
  linli = await startServer();
  browser = await launchChromium();
  p = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  p.on('pageerror', (err) => errors.push(String(err)));
  p.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await p.goto(`${linli.url}/demo/embed.html`);
});

after(async () => {
  await browser?.close();
  await linli?.stop();
});

describe('the webmaster docs page', () => {
  it('starts with a notice board snippet for this server and a live preview', async () => {
    await p.locator('#preview linli-notice-board [part~="item"]').first().waitFor({ timeout: 15_000 });
    assert.equal(
      await p.locator('#snippet').textContent(),
      `<script type="module" src="${linli.url}/widgets/linli-notice-board.js"></script>\n` +
        `<linli-notice-board\n  api="${linli.url}/api"\n  station="${STATION}"\n  limit="5"></linli-notice-board>`,
    );
  });

  it('follows widget, board, theme and language', async () => {
    await p.locator('input[name="board"][value="公示栏"]').check();
    await p.locator('input[name="board"][value="活动"]').check();
    await p.selectOption('select[name="theme"]', 'high-contrast');
    await p.selectOption('select[name="lang"]', 'en');
    const text = (await p.locator('#snippet').textContent()) ?? '';
    assert.match(text, /\n<linli-notice-board\n {2}api="[^"]+"\n {2}station="[^"]+"\n {2}board="公示栏,活动"\n {2}limit="5"\n {2}lang="en"><\/linli-notice-board>$/);
    assert.match(text, /<style>\/\* 主题（也可放进网站的样式表） \*\/\n {2}linli-notice-board \{\n {4}--linli-color-text: #000000;\n/);
    const board = p.locator('#preview linli-notice-board');
    assert.equal(await board.getAttribute('board'), '公示栏,活动');
    assert.equal(await board.getAttribute('lang'), 'en');
    await p.locator('#preview linli-notice-board [part~="item"]').first().waitFor();
    assert.match((await p.locator('#preview linli-notice-board .count').textContent()) ?? '', /notice/i);
    assert.equal(await board.evaluate((el) => getComputedStyle(el).getPropertyValue('--linli-color-accent').trim()), '#00008b');
  });

  it('shows a widget\'s events as they happen', async () => {
    await p.selectOption('select[name="widget"]', 'points-ranking');
    assert.equal(await p.locator('input[name="board"]').first().isVisible(), false);
    await p.locator('#preview linli-points-ranking table').waitFor({ timeout: 15_000 });
    await p.locator('#preview linli-points-ranking [part~="toggle"]').last().click();
    assert.equal(await p.locator('#events').textContent(), 'linli-ranking-change {"view":"residents","period":"month"}');
    assert.deepEqual(errors, []);
  });
});

describe('demo/linli-themes.css', () => {
  const css = readFileSync(resolve(repoRoot, 'demo/linli-themes.css'), 'utf8');
  const block = (selector: string): Record<string, string> => {
    const body = new RegExp(`\\${selector} \\{([^}]*)\\}`).exec(css)?.[1] ?? '';
    return Object.fromEntries([...body.matchAll(/(--linli-[\w-]+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
  };
  it('the dark theme keeps every text pair at 7:1 or more', () => {
    const luminance = (hex: string): number => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const ratio = (a: string, b: string): number => {
      const [x, y] = [luminance(a), luminance(b)].sort((m, n) => n - m);
      return (x! + 0.05) / (y! + 0.05);
    };
    const t = DARK_TOKENS as Record<string, string>;
    const pairs: [string, string][] = [
      ['--linli-color-text', '--linli-color-surface'],
      ['--linli-color-text', '--linli-color-surface-alt'],
      ['--linli-color-text-muted', '--linli-color-surface'],
      ['--linli-color-text-muted', '--linli-color-surface-alt'],
      ['--linli-color-accent', '--linli-color-surface'],
      ['--linli-color-accent', '--linli-color-surface-alt'],
      ['--linli-color-on-accent', '--linli-color-accent'],
      ['--linli-color-on-pinned', '--linli-color-pinned'],
      ['--linli-color-danger', '--linli-color-surface'],
    ];
    for (const [fg, bg] of pairs) assert.ok(ratio(t[fg]!, t[bg]!) >= 7, `${fg} on ${bg}: ${ratio(t[fg]!, t[bg]!).toFixed(2)}`);
    assert.ok(ratio(t['--linli-color-border']!, t['--linli-color-surface']!) >= 3);
  });

  it('has the dark and high-contrast token values of theme.ts', () => {
    assert.deepEqual(block('.linli-theme-dark'), DARK_TOKENS);
    assert.deepEqual(block('.linli-theme-high-contrast'), HIGH_CONTRAST_TOKENS);
  });
});
