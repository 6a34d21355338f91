/**
 * Renders the PWA icons in public/icons/ from public/icon.svg with Debian's Chromium. Run once
 * after changing the SVG (the PNGs are committed):  node --import tsx scripts/make-icons.ts
 *
 * - icon-192.png, icon-512.png: the SVG as it is ("any" purpose; its own rounded corners)
 * - maskable-192.png, maskable-512.png: full-bleed background with the mark inside the 80 %
 *   safe zone, so Android's circle / squircle masks never cut it
 * - apple-touch-icon.png (180×180): full-bleed, iOS rounds the corners itself
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchChromium } from '../tests/e2e/harness.ts';

const root = resolve(import.meta.dirname, '..');
const svg = readFileSync(resolve(root, 'public/icon.svg'), 'utf8');
const background = /<rect[^>]*fill="([^"]+)"/.exec(svg)?.[1] ?? '#9b1c1c';
const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;

const icons: { file: string; size: number; inset: number; bleed: boolean }[] = [
  { file: 'icon-192.png', size: 192, inset: 0, bleed: false },
  { file: 'icon-512.png', size: 512, inset: 0, bleed: false },
  { file: 'maskable-192.png', size: 192, inset: 0.16, bleed: true },
  { file: 'maskable-512.png', size: 512, inset: 0.16, bleed: true },
  { file: 'apple-touch-icon.png', size: 180, inset: 0.06, bleed: true },
];

const browser = await launchChromium();
try {
  for (const { file, size, inset, bleed } of icons) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const pad = Math.round(size * inset);
    await page.setContent(`<!doctype html><html><body style="margin:0;background:${bleed ? background : 'transparent'}">
      <img src="${dataUrl}" style="display:block;margin:${pad}px;width:${size - 2 * pad}px;height:${size - 2 * pad}px"></body></html>`);
    await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
    await page.screenshot({ path: resolve(root, 'public/icons', file), omitBackground: !bleed, clip: { x: 0, y: 0, width: size, height: size } });
    await page.close();
    console.log(`public/icons/${file}`);
  }
} finally {
  await browser.close();
}
