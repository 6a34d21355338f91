// Production build: the kiosk PWA (dist/kiosk, with its Workbox service worker dist/kiosk/sw.js) and one standalone ES module per widget with Lit
// bundled in (dist/widgets/linli-<name>.js), plus the all-in-one script (dist/widgets/linli.js).
// The demo site is plain static files served as they are.
import { build } from 'vite';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { generateKioskServiceWorker } from './kiosk-sw.mjs';
import { minifyLitTemplatesPlugin } from './minify-lit-templates.mjs';

const root = resolve(import.meta.dirname, '..');
const only = process.argv[2]; // 'kiosk' | 'widgets' | 'demo' | undefined (all)

const common = { configFile: false, logLevel: 'warn', plugins: [minifyLitTemplatesPlugin()] };
/**
 * domain/ is pure by rule (no I/O, no globals touched), but its modules build values at top level
 * — TypeBox schemas for the server, rule tables — and a bundler must assume a top-level call may
 * have side effects. Declaring every domain module free of them lets whatever the kiosk and the
 * widgets do not use (TypeBox ~40 KiB minified, meal and volunteer rules) drop out.
 */
const sideEffectFreeModules = (id) => (/[\\/]domain[\\/][^\\/]+\.ts$/.test(id) ? false : undefined);

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
      rolldownOptions: {
        treeshake: { moduleSideEffects: sideEffectFreeModules },
        // Lit and the small core modules the first screen shares with later chunks in one file
        // instead of one file each (gzip per file; ~0.4 KiB of the first screen's JavaScript).
        output: {
          codeSplitting: {
            groups: [{ name: 'shared', test: /[\\/]node_modules[\\/](lit|lit-html|lit-element|@lit)[\\/]|[\\/]components[\\/]core[\\/](locale-controller|theme|i18n|lazy-tables|define)\.ts$|[\\/]domain[\\/]personal-data\.ts$/ }],
          },
        },
      },
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

/** One Vite build of `input` (an entry or a record of named entries) into dist/widgets. */
async function buildWidgetBundle(input, entryFileNames, chunkFileNames, chunkOf) {
  await build({
    ...common,
    root,
    // Relative base: lazy chunks are found next to the entry, wherever a website loads it from.
    base: './',
    publicDir: false,
    build: {
      outDir: resolve(root, 'dist/widgets'),
      emptyOutDir: false,
      target: 'es2022',
      sourcemap: true,
      // No preload list: a widget's lazy chunks are fetched when used, not ahead.
      modulePreload: false,
      rollupOptions: {
        input,
        // Keep Lit and the shared core inside the entry instead of a separate eager chunk.
        preserveEntrySignatures: 'allow-extension',
        output: {
          format: 'es',
          entryFileNames,
          chunkFileNames,
          // Rolldown's groups put exactly the modules `chunkOf` names in each chunk (its runtime helpers in 'widgets').
          codeSplitting: chunkOf ? { groups: ['widgets', 'flows', 'qr-code', 'zh-TW', 'en'].map((name) => ({ name, test: (id) => chunkOf(id) === name })) } : undefined,
        },
      },
    },
  });
}

/**
 * The all-in-one's chunks. gzip compresses each file on its own, so many small files cost far more
 * than their sum (the widgets repeat Lit's and each other's patterns): measured on this code, one
 * file per widget plus a core came to 5 KiB more than the same code in one file. So the
 * all-in-one keeps what every page shows in one file, 'widgets' (Lit, the core and every widget's
 * list), and what a resident's sign-in needs in another, 'flows' (the shared sign-in, the calls with
 * the token and every widget's flow), loaded on the first 登录 or 报名. The notice detail (with
 * Markdown and read-aloud), the QR code and the zh-TW and en tables stay lazy in files of their
 * own. A page that wants one widget at the smallest cost loads its standalone entry instead.
 */
function allInOneChunks(id) {
  if (/rolldown[\\/:]runtime/.test(id)) return 'widgets';
  if (/[\\/]node_modules[\\/](lit|lit-html|lit-element|@lit|@lit-labs)[\\/]/.test(id)) return 'widgets';
  if (/[\\/]domain[\\/]/.test(id)) return 'widgets';
  const locale = /[\\/]strings[\\/](?:flow\.|resident\.)?(zh-TW|en)\.ts$/.exec(id)?.[1];
  if (locale) return locale;
  const core = /[\\/]components[\\/]core[\\/]([\w-]+)\.ts$/.exec(id)?.[1];
  if (core === 'qr-code' || core === 'qr-encode') return 'qr-code';
  if (core && ['markdown', 'markdown-dom', 'read-aloud', 'read-aloud.strings', 'read-aloud.styles', 'memory-source', 'memory-points', 'memory-meals', 'memory-volunteer'].includes(core)) return undefined;
  if (core && ['http-resident-auth', 'resident-flow', 'resident-flow.styles'].includes(core)) return 'flows';
  if (/[\\/]core[\\/]strings[\\/]resident\.zh-CN\.ts$/.test(id)) return 'flows';
  // A widget's flow: its module, styles, strings and zh-CN table.
  if (/[\\/]components[\\/][\w-]+[\\/](?:[\w-]+-flow(?:\.styles)?|flow-strings|strings[\\/]flow\.zh-CN)\.ts$/.test(id)) return 'flows';
  if (/[\\/]notice-board[\\/](?:notice-detail|detail-strings)\.ts$/.test(id)) return undefined;
  // A widget's define module stays in its own entry (all/<name>.js): loading one tag defines one element.
  if (/[\\/]components[\\/](?!core[\\/])[\w-]+[\\/]define\.ts$/.test(id)) return undefined;
  if (/[\\/]components[\\/]/.test(id)) return 'widgets';
  return undefined;
}

async function buildWidgets() {
  const outDir = resolve(root, 'dist/widgets');
  rmSync(outDir, { recursive: true, force: true });
  const entries = widgetEntries();
  // One build per widget so each file stands alone (its own copy of Lit); what only a detail
  // view needs is split into lazy chunks next to it.
  for (const { name, entry } of entries) await buildWidgetBundle(entry, `${name}.js`, 'chunks/[name]-[hash].js');
  // The all-in-one: every widget in one build (dist/widgets/all/<name>.js sharing one Lit chunk),
  // and the loader linli.js that imports a widget's file when its tag appears (components/all.ts).
  const all = Object.fromEntries(entries.filter((e) => e.name !== 'linli').map((e) => [e.name.slice('linli-'.length), e.entry]));
  await buildWidgetBundle(all, 'all/[name].js', 'all/chunks/[name]-[hash].js', allInOneChunks);
  await buildWidgetBundle(resolve(root, 'components/all.ts'), 'linli.js', 'chunks/[name]-[hash].js');
}

/**
 * The demo's React 19 and Vue 3 pages (demo/frameworks/<name>/ → dist/demo/<name>/), built the way
 * a site built with Vite would use the widgets: importing the define modules from the source.
 */
async function buildDemoFrameworks() {
  for (const name of ['react', 'vue']) {
    await build({
      ...common,
      root: resolve(root, 'demo/frameworks', name),
      base: './',
      publicDir: false,
      plugins: name === 'vue' ? [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('linli-') } } })] : [],
      oxc: name === 'react' ? { jsx: { runtime: 'automatic', importSource: 'react' } } : undefined,
      build: { outDir: resolve(root, 'dist/demo', name), emptyOutDir: true, target: 'es2022', sourcemap: true },
    });
  }
}

/** Every file under `dir`, recursively. */
function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)]));
}

/**
 * The npm-style library (dist/lib): the components unbundled as ES modules with TypeScript
 * declarations, `custom-elements.json` from @custom-elements-manifest/analyzer, and a
 * package.json with `exports`, `sideEffects` limited to the define modules, and `customElements`.
 * For sites that build with Vite, webpack or similar and want to tree-shake or register classes
 * under their own tags. (The repository's own package.json stays the app's: a `sideEffects` list
 * there would let bundlers drop the kiosk's own registrations.)
 */
async function buildLibrary() {
  const outDir = resolve(root, 'dist/lib');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const require = createRequire(import.meta.url);
  const tsconfig = resolve(root, 'dist/.tsconfig.lib.json');
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: '../tsconfig.json',
      compilerOptions: { noEmit: false, declaration: true, outDir, rootDir: root, rewriteRelativeImportExtensions: true, types: [], sourceMap: true, jsx: 'preserve' },
      // all.ts is the lazy loader for script tags; the library has index.ts and define.ts instead.
      include: ['../components/**/*.ts'],
      exclude: ['../components/all.ts'],
    }),
  );
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', tsconfig], { cwd: root, stdio: 'inherit' });
  rmSync(tsconfig);
  // Declarations keep the sources' `.ts` specifiers; consumers resolve the emitted `.js`.
  for (const file of walk(outDir).filter((f) => f.endsWith('.d.ts'))) {
    writeFileSync(file, readFileSync(file, 'utf8').replace(/(from\s+|import\()(['"])(\.{1,2}\/[^'"]+)\.ts\2/g, '$1$2$3.js$2'));
  }
  // The manifest: tags, attributes, properties, events (@fires), slots, ::parts, CSS properties.
  execFileSync(process.execPath, [require.resolve('@custom-elements-manifest/analyzer/cem.js'), 'analyze', '--litelement', '--globs', 'components/*/*.ts', '--exclude', 'components/**/strings*', '--outdir', 'dist/lib'], { cwd: root, stdio: 'ignore' });
  const manifestFile = resolve(outDir, 'custom-elements.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  // Internal reactive state (`_status`…, declared with state: true) is not public API; nor is the
  // notice board's generic dispatch helper, which the analyzer reads as an event named `type`.
  for (const mod of manifest.modules) {
    for (const d of mod.declarations ?? []) {
      if (d.attributes) d.attributes = d.attributes.filter((a) => !a.name.startsWith('_'));
      if (d.members) d.members = d.members.filter((m) => !m.name.startsWith('_') && m.privacy !== 'private');
      if (d.events) d.events = d.events.filter((e) => e.name?.startsWith('linli-'));
    }
  }
  // Point the manifest at the published modules: components/x/y.ts → components/x/y.js.
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2).replace(/"(components\/[^"]+)\.ts"/g, '"$1.js"') + '\n');
  const app = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
  const widgets = readdirSync(resolve(root, 'components'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'core' && existsSync(resolve(root, 'components', d.name, 'define.ts')))
    .map((d) => d.name);
  const entry = (path) => ({ types: `./${path}.d.ts`, default: `./${path}.js` });
  const exports = { '.': entry('components/index'), './define': entry('components/define') };
  for (const w of widgets) {
    exports[`./${w}`] = entry(`components/${w}/index`);
    exports[`./${w}/define`] = entry(`components/${w}/define`);
  }
  exports['./core/*'] = { types: './components/core/*.d.ts', default: './components/core/*.js' };
  exports['./custom-elements.json'] = './custom-elements.json';
  exports['./package.json'] = './package.json';
  const pick = (names) => Object.fromEntries(names.map((n) => [n, app.dependencies[n]]));
  const pkg = {
    name: '@linli/widgets',
    version: app.version,
    description: '邻里 Linli — embeddable web components for community service stations (notice board, points ranking, points shop, meal booking)',
    license: app.license,
    type: 'module',
    main: './components/index.js',
    types: './components/index.d.ts',
    exports,
    // Only the define modules register elements; everything else may be tree-shaken.
    sideEffects: ['./components/define.js', './components/*/define.js'],
    customElements: 'custom-elements.json',
    dependencies: pick(['lit', '@lit/context', 'qrcode-generator', 'marked', 'dompurify']),
  };
  writeFileSync(resolve(outDir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
}

if (!only || only === 'widgets') await buildWidgets();
if (!only || only === 'lib') await buildLibrary();
if (!only || only === 'demo') await buildDemoFrameworks();
if ((!only || only === 'kiosk') && existsSync(resolve(root, 'kiosk/index.html'))) await buildKiosk();
