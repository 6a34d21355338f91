/**
 * The size budgets of issue 7, checked on the production build in the test command: each
 * widget's standalone entry ≤ 15 KiB gzip, and the all-in-one linli.js plus every file it can
 * load for all widgets in one language ≤ 45 KiB gzip (bench/bundle-size.ts measures; BENCH.md has
 * the goals).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { budgetViolations, measureBundles, reachableFiles } from '../../bench/bundle-size.ts';

const temp: string[] = [];
after(() => {
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

/**
 * A fake dist/widgets: one widget of `widgetBytes` random bytes, a loader, one lazy chunk of
 * `chunkBytes`, and a zh-TW and an en table of `localeBytes` and half that.
 */
function fakeBuild(widgetBytes: number, chunkBytes: number, localeBytes = 100): string {
  const dir = mkdtempSync(join(tmpdir(), 'linli-size-'));
  temp.push(dir);
  mkdirSync(join(dir, 'all/chunks'), { recursive: true });
  // Random bytes (as base64 text) do not compress: gzip size ≈ 3/4 of the text.
  const noise = (n: number): string => randomBytes(Math.ceil(n * 0.75)).toString('base64').slice(0, n);
  writeFileSync(join(dir, 'linli-board.js'), `export const x = "${noise(widgetBytes)}";`);
  writeFileSync(join(dir, 'linli.js'), 'const here = import.meta.url; import(new URL(`./all/${name}.js`, here).href);');
  writeFileSync(join(dir, 'all/board.js'), 'import { y } from "./chunks/core.js"; import("./chunks/lazy.js"); import("./chunks/zh-TW-a1.js"); import("./chunks/en-b2.js");');
  writeFileSync(join(dir, 'all/chunks/zh-TW-a1.js'), `export const s = "${noise(localeBytes)}";`);
  writeFileSync(join(dir, 'all/chunks/en-b2.js'), `export const s = "${noise(Math.round(localeBytes / 2))}";`);
  writeFileSync(join(dir, 'all/chunks/core.js'), 'export const y = 1;');
  writeFileSync(join(dir, 'all/chunks/lazy.js'), `export const z = "${noise(chunkBytes)}";`);
  return dir;
}

describe('size budgets', () => {
  it('the production build keeps every budget', () => {
    const sizes = measureBundles();
    assert.deepEqual(Object.keys(sizes.widgets).sort(), ['meal-booking', 'notice-board', 'points-ranking', 'points-shop', 'provider', 'volunteer-board']);
    assert.deepEqual(budgetViolations(sizes), []);
    // The loader's widget files are really counted (not just linli.js itself).
    for (const f of ['linli.js', 'all/meal-booking.js', 'all/notice-board.js', 'all/points-ranking.js', 'all/points-shop.js', 'all/provider.js', 'all/volunteer-board.js']) assert.ok(f in sizes.all.files, f);
    for (const lazy of ['notice-detail-', 'flows-', 'qr-code-', 'zh-TW-', 'en-']) assert.ok(Object.keys(sizes.all.files).some((f) => f.startsWith(`all/chunks/${lazy}`)), `${lazy} is counted`);
  });

  it('follows static, dynamic and loader imports to every file', () => {
    const dir = fakeBuild(100, 100);
    const files = reachableFiles(join(dir, 'linli.js'), ['board']).map((f) => f.slice(dir.length + 1)).sort();
    assert.deepEqual(files, ['all/board.js', 'all/chunks/core.js', 'all/chunks/en-b2.js', 'all/chunks/lazy.js', 'all/chunks/zh-TW-a1.js', 'linli.js']);
  });

  it('counts one language: the larger locale table, not both', () => {
    const sizes = measureBundles(fakeBuild(100, 100, 8 * 1024 * 4 / 3));
    const { files } = sizes.all;
    const zhTW = files['all/chunks/zh-TW-a1.js']!;
    const en = files['all/chunks/en-b2.js']!;
    assert.ok(zhTW > 7.5 && en > 3.5, `${zhTW} ${en}`);
    const total = Object.values(files).reduce((a, b) => a + b, 0);
    assert.equal(sizes.all.everyLocale.toFixed(6), total.toFixed(6));
    assert.equal(sizes.all.kib.toFixed(6), (total - en).toFixed(6));
  });

  it('fails a widget entry over 15 KiB gzip', () => {
    const sizes = measureBundles(fakeBuild(16 * 1024 * 4 / 3, 100));
    const violations = budgetViolations(sizes);
    assert.equal(violations.length, 1);
    assert.match(violations[0]!, /^linli-board\.js is 1[67]\.\d\d KiB gzip, over the 15 KiB budget$/);
  });

  it('fails an all-in-one whose lazy chunks add up to more than 45 KiB gzip', () => {
    const sizes = measureBundles(fakeBuild(100, 46 * 1024 * 4 / 3));
    const violations = budgetViolations(sizes);
    assert.equal(violations.length, 1);
    assert.match(violations[0]!, /^linli\.js with everything it loads in one language is 4[67]\.\d\d KiB gzip, over the 45 KiB budget \(largest: all\/chunks\/lazy\.js 4[67]\.\d\d/);
  });
});
