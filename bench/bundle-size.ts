/**
 * Gzip sizes of the production bundles, and the size budgets the test command enforces
 * (tests/embedding/size-budget.test.ts):
 *   bundle.widget.<name>.gzip_kib   a widget's standalone entry, Lit included (budget 15, goal 12);
 *   bundle.widgets-all.gzip_kib     the all-in-one linli.js plus every file it can ever load for
 *                                   all widgets in one language — found by following its imports,
 *                                   static and dynamic, so what counts is what a browser could
 *                                   fetch; of the zh-TW and en tables (a page shows one language,
 *                                   and a zh-CN page loads neither) the larger counts (budget 45,
 *                                   goal 40);
 *   bundle.widgets-all.every-locale.gzip_kib   the same with every locale table, for the record.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { round, type Figures } from './results.ts';

const root = resolve(import.meta.dirname, '..');
export const WIDGETS_DIR = resolve(root, 'dist/widgets');

export const BUDGET_WIDGET_KIB = 15;
export const GOAL_WIDGET_KIB = 12;
export const BUDGET_ALL_KIB = 45;
export const GOAL_ALL_KIB = 40;

export function gzipKiB(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length / 1024;
}

// `import … from "./x.js"`, `import "./x.js"`, `export … from "./x.js"`, `import("./x.js")` and
// the all-in-one loader's `new URL(`./all/${name}.js`, here)` (expanded with the widget names).
const SPECIFIER = /(?:\bfrom|\bimport|\bnew URL)\s*\(?\s*(["'`])(\.{1,2}\/[^"'`]+?\.js)\1/g;

/** Every file `entry` can load through relative imports, itself included. */
export function reachableFiles(entry: string, widgetNames: readonly string[] = []): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    if (!existsSync(file)) throw new Error(`${file} is imported but missing`);
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(SPECIFIER)) {
      const specs = m[2]!.includes('${') ? widgetNames.map((n) => m[2]!.replace(/\$\{[^}]+\}/, n)) : [m[2]!];
      for (const spec of specs) visit(resolve(dirname(file), spec));
    }
  };
  visit(entry);
  return [...seen];
}

/** The widget names the build made (dist/widgets/linli-<name>.js). */
export function widgetNames(dir = WIDGETS_DIR): string[] {
  return readdirSync(dir)
    .map((f) => /^linli-(.+)\.js$/.exec(f)?.[1])
    .filter((n): n is string => n !== undefined)
    .sort();
}

export interface BundleSizes {
  /** Standalone entry per widget name, KiB gzip. */
  widgets: Record<string, number>;
  /**
   * linli.js and everything it may load in one language, KiB gzip (the largest locale table
   * counted, the others not); `everyLocale` with them all; and the files, relative to `dir`.
   */
  all: { kib: number; everyLocale: number; files: Record<string, number> };
}

/** The all-in-one's per-locale tables (all/chunks/zh-TW-<hash>.js, all/chunks/en-<hash>.js). */
const LOCALE_CHUNK = /(?:^|\/)(?:zh-TW|en)-[\w-]+\.js$/;

export function measureBundles(dir = WIDGETS_DIR): BundleSizes {
  if (!existsSync(dir)) throw new Error(`${dir} is missing: run npm run build first`);
  const names = widgetNames(dir);
  const widgets: Record<string, number> = {};
  for (const n of names) widgets[n] = gzipKiB(resolve(dir, `linli-${n}.js`));
  const files: Record<string, number> = {};
  let shared = 0;
  let largestLocale = 0;
  let everyLocale = 0;
  for (const f of reachableFiles(resolve(dir, 'linli.js'), names)) {
    const size = gzipKiB(f);
    const name = relative(dir, f);
    files[name] = size;
    everyLocale += size;
    if (LOCALE_CHUNK.test(name)) largestLocale = Math.max(largestLocale, size);
    else shared += size;
  }
  return { widgets, all: { kib: shared + largestLocale, everyLocale, files } };
}

/** Every budget exceeded, as a sentence each; empty when all are kept. */
export function budgetViolations(sizes: BundleSizes, budgets = { widget: BUDGET_WIDGET_KIB, all: BUDGET_ALL_KIB }): string[] {
  const out: string[] = [];
  for (const [n, kib] of Object.entries(sizes.widgets)) {
    if (kib > budgets.widget) out.push(`linli-${n}.js is ${kib.toFixed(2)} KiB gzip, over the ${budgets.widget} KiB budget`);
  }
  if (sizes.all.kib > budgets.all) {
    const biggest = Object.entries(sizes.all.files)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([f, k]) => `${f} ${k.toFixed(2)}`)
      .join(', ');
    out.push(`linli.js with everything it loads in one language is ${sizes.all.kib.toFixed(2)} KiB gzip, over the ${budgets.all} KiB budget (largest: ${biggest})`);
  }
  return out;
}

export async function benchBundleSizes(): Promise<Figures> {
  const figures: Figures = {};
  const sizes = measureBundles();
  for (const [n, kib] of Object.entries(sizes.widgets)) {
    figures[`bundle.widget.${n}.gzip_kib`] = { value: round(kib), unit: 'KiB', goal: GOAL_WIDGET_KIB, better: 'lower' };
  }
  figures['bundle.widgets-all.gzip_kib'] = { value: round(sizes.all.kib), unit: 'KiB', goal: GOAL_ALL_KIB, better: 'lower' };
  figures['bundle.widgets-all.every-locale.gzip_kib'] = { value: round(sizes.all.everyLocale), unit: 'KiB', goal: BUDGET_ALL_KIB, better: 'lower' };
  return figures;
}
