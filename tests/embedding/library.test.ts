/**
 * The npm-style library build (dist/lib, scripts/build.mjs buildLibrary): `exports` that resolve
 * to real modules and declarations, `sideEffects` limited to the define modules, classes that
 * import unregistered, and a custom-elements.json with every widget's tag, attributes and typed
 * events, referenced from both package.json files.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../e2e/harness.ts';

const lib = resolve(repoRoot, 'dist/lib');
const pkg = JSON.parse(readFileSync(resolve(lib, 'package.json'), 'utf8')) as {
  exports: Record<string, string | { types: string; default: string }>;
  sideEffects: string[];
  customElements: string;
};

interface Declaration {
  tagName?: string;
  attributes?: { name: string }[];
  events?: { name: string; type?: { text: string } }[];
  cssParts?: { name: string }[];
}
const manifest = JSON.parse(readFileSync(resolve(lib, pkg.customElements), 'utf8')) as { modules: { path: string; declarations?: Declaration[] }[] };
const elements = new Map(manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.tagName).map((d) => [d.tagName!, d] as const)));

describe('the library build', () => {
  it('every export resolves to a module and its declarations', () => {
    for (const [name, target] of Object.entries(pkg.exports)) {
      if (typeof target === 'string') {
        assert.ok(existsSync(resolve(lib, target)), `${name} → ${target}`);
        continue;
      }
      if (name.includes('*')) continue;
      assert.ok(existsSync(resolve(lib, target.default)), `${name} → ${target.default}`);
      assert.ok(existsSync(resolve(lib, target.types)), `${name} → ${target.types}`);
    }
    for (const w of ['notice-board', 'points-ranking', 'points-shop', 'meal-booking', 'volunteer-board', 'provider']) {
      assert.ok(`./${w}` in pkg.exports && `./${w}/define` in pkg.exports, w);
    }
  });

  it('marks only the define modules as having side effects, and the classes import unregistered', () => {
    assert.deepEqual(pkg.sideEffects, ['./components/define.js', './components/*/define.js']);
    const index = readFileSync(resolve(lib, 'components/index.js'), 'utf8');
    assert.doesNotMatch(index, /['"]\.\/(provider|notice-board|points-ranking|points-shop|meal-booking|volunteer-board)\/define\.js['"]/);
    assert.match(readFileSync(resolve(lib, 'components/define.js'), 'utf8'), /import "\.\/notice-board\/define\.js";/);
    const board = readFileSync(resolve(lib, 'components/notice-board/notice-board.js'), 'utf8');
    assert.doesNotMatch(board, /customElements\.define|defineElement\(/);
    // Declarations point at the emitted .js files, not the sources.
    assert.match(readFileSync(resolve(lib, 'components/notice-board/index.d.ts'), 'utf8'), /from '\.\/notice-board\.js'/);
  });

  it('describes every widget, its attributes and typed events in custom-elements.json', () => {
    assert.deepEqual([...elements.keys()].filter((t) => t !== 'linli-read-aloud').sort(), ['linli-meal-booking', 'linli-notice-board', 'linli-points-ranking', 'linli-points-shop', 'linli-provider', 'linli-volunteer-board']);
    const events = (tag: string): string[] => (elements.get(tag)!.events ?? []).map((e) => `${e.name}: ${e.type?.text}`);
    assert.deepEqual(events('linli-notice-board'), ['linli-notice-open: CustomEvent<NoticeEventDetail>', 'linli-notice-close: CustomEvent<NoticeEventDetail>']);
    assert.deepEqual(events('linli-points-ranking'), ['linli-ranking-change: CustomEvent<RankingChangeDetail>']);
    assert.deepEqual(elements.get('linli-points-ranking')!.attributes!.map((a) => a.name), ['api', 'station', 'period', 'view', 'limit']);
    assert.ok((elements.get('linli-points-shop')!.cssParts ?? []).some((p) => p.name === 'redeem' || p.name === 'button'));
  });

  it('is referenced from the repository package.json as well', () => {
    const app = JSON.parse(readFileSync(resolve(repoRoot, 'package.json'), 'utf8')) as { customElements: string };
    assert.equal(app.customElements, 'dist/lib/custom-elements.json');
    assert.ok(existsSync(resolve(repoRoot, app.customElements)));
  });
});
