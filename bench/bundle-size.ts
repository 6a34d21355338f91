/** Gzip sizes of the production bundles (a widget's standalone entry includes Lit). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { round, type Figures } from './results.ts';

const root = resolve(import.meta.dirname, '..');

export function gzipKiB(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length / 1024;
}

export async function benchBundleSizes(): Promise<Figures> {
  const figures: Figures = {};
  const widgets = resolve(root, 'dist/widgets');
  if (!existsSync(widgets)) throw new Error('dist/widgets is missing: run npm run build first');
  for (const file of readdirSync(widgets)) {
    const m = /^linli-(.+)\.js$/.exec(file);
    if (!m) continue;
    figures[`bundle.widget.${m[1]}.gzip_kib`] = { value: round(gzipKiB(resolve(widgets, file))), unit: 'KiB', goal: 12, better: 'lower' };
  }
  return figures;
}
