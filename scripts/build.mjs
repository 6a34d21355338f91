// Production build: the kiosk PWA (dist/kiosk, with its Workbox service worker dist/kiosk/sw.js) and one standalone ES module per widget with Lit
// bundled in (dist/widgets/linli-<name>.js), plus the all-in-one script (dist/widgets/linli.js).
// The demo site is plain static files served as they are.
import { build } from 'vite';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateKioskServiceWorker } from './kiosk-sw.mjs';

const root = resolve(import.meta.dirname, '..');
const only = process.argv[2]; // 'kiosk' | 'widgets' | undefined (both)

const common = { configFile: false, logLevel: 'warn' };
/**
 * domain/schemas.ts builds the API's TypeBox schemas at module top level (for the server); the
 * kiosk and the widgets import domain/index.ts, which re-exports it, but use none of it. Its
 * top-level builder calls only make values, so the module is declared free of side effects and
 * drops out with TypeBox (~40 KiB minified) whenever nothing imports from it.
 */
const sideEffectFreeModules = (id) => (/[\\/]domain[\\/]schemas\.ts$/.test(id) ? false : undefined);

async function buildKiosk() {
  await build({
    ...common,
    root: resolve(root, 'kiosk'),
    base: '/kiosk/',
    publicDir: resolve(root, 'public'),
    build: {
      outDir: resolve(root, 'dist/kiosk'),
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: true,
      rolldownOptions: { treeshake: { moduleSideEffects: sideEffectFreeModules } },
    },
  });
  // The service worker precaches what Vite just wrote (see scripts/kiosk-sw.mjs).
  await generateKioskServiceWorker(resolve(root, 'dist/kiosk'), '/kiosk/');
}

function widgetEntries() {
  const dir = resolve(root, 'components');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'core' && existsSync(resolve(dir, d.name, 'define.ts')))
    .map((d) => ({ name: `linli-${d.name}`, entry: resolve(dir, d.name, 'define.ts') }));
}

async function buildWidgets() {
  const outDir = resolve(root, 'dist/widgets');
  rmSync(outDir, { recursive: true, force: true });
  const entries = widgetEntries();
  if (existsSync(resolve(root, 'components/all.ts'))) entries.push({ name: 'linli', entry: resolve(root, 'components/all.ts') });
  // One build per entry so each widget file stands alone (its own copy of Lit); what only a
  // detail view needs is split into lazy chunks next to it.
  for (const { name, entry } of entries) {
    await build({
      ...common,
      root,
      // Relative base: lazy chunks are found next to the entry, wherever a website loads it from.
      base: './',
      publicDir: false,
      build: {
        outDir,
        emptyOutDir: false,
        target: 'es2022',
        sourcemap: true,
        // No preload helper: a widget's lazy chunks are plain dynamic imports.
        modulePreload: false,
        rollupOptions: {
          input: entry,
          // Keep Lit and the shared core inside the entry instead of a separate eager chunk.
          preserveEntrySignatures: 'allow-extension',
          output: { format: 'es', entryFileNames: `${name}.js`, chunkFileNames: 'chunks/[name]-[hash].js' },
        },
      },
    });
  }
}

if (!only || only === 'widgets') await buildWidgets();
if ((!only || only === 'kiosk') && existsSync(resolve(root, 'kiosk/index.html'))) await buildKiosk();
