import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEachDialect } from './databases.ts';
import { openFixture, type Fixture } from './station-fixture.ts';

function site(): string {
  const root = mkdtempSync(join(tmpdir(), 'linli-static-'));
  const files: Record<string, string> = {
    'kiosk/index.html': '<!doctype html><title>kiosk</title>',
    'kiosk/assets/app.js': 'console.log("kiosk")',
    'widgets/linli.js': 'export const linli = 1;',
    'demo/index.html': '<!doctype html><title>demo</title>',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

await describeEachDialect('static kiosk, widgets and demo', (dialect) => {
  let f: Fixture;
  let missing: Fixture;
  let root: string;
  before(async () => {
    root = site();
    f = await openFixture(dialect.name, {
      corsOrigins: ['https://www.example.gov.cn'],
      staticRoots: { kiosk: join(root, 'kiosk'), widgets: join(root, 'widgets'), demo: join(root, 'demo') },
    });
    missing = await openFixture(dialect.name, {
      staticRoots: { kiosk: join(root, 'no-kiosk'), widgets: join(root, 'no-widgets'), demo: join(root, 'no-demo') },
    });
  });
  after(async () => {
    await f?.close();
    await missing?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves the kiosk with a single-page-app fallback', async () => {
    const index = await f.app.inject({ method: 'GET', url: '/kiosk/' });
    assert.equal(index.statusCode, 200);
    assert.match(index.body, /<title>kiosk<\/title>/);
    const deep = await f.app.inject({ method: 'GET', url: '/kiosk/notices/abc' });
    assert.equal(deep.statusCode, 200);
    assert.match(deep.body, /<title>kiosk<\/title>/);
    const asset = await f.app.inject({ method: 'GET', url: '/kiosk/assets/app.js' });
    assert.equal(asset.statusCode, 200);
    assert.match(String(asset.headers['content-type']), /javascript/);
    const gone = await f.app.inject({ method: 'GET', url: '/kiosk/assets/missing.js' });
    assert.equal(gone.statusCode, 404);
    assert.equal(gone.json<{ error: string }>().error, 'not-found');
  });

  it('serves widget bundles with CORS for the configured origins', async () => {
    const res = await f.app.inject({ method: 'GET', url: '/widgets/linli.js', headers: { origin: 'https://www.example.gov.cn' } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['access-control-allow-origin'], 'https://www.example.gov.cn');
    const other = await f.app.inject({ method: 'GET', url: '/widgets/linli.js', headers: { origin: 'https://evil.example.com' } });
    assert.equal(other.headers['access-control-allow-origin'], undefined);
  });

  it('serves the demo site and redirects / to it', async () => {
    const home = await f.app.inject({ method: 'GET', url: '/' });
    assert.equal(home.statusCode, 302);
    assert.equal(home.headers.location, '/demo/');
    const demo = await f.app.inject({ method: 'GET', url: '/demo/' });
    assert.equal(demo.statusCode, 200);
    assert.match(demo.body, /<title>demo<\/title>/);
  });

  it('missing build folders answer 404 with a hint instead of crashing', async () => {
    for (const url of ['/kiosk/', '/kiosk/notices/1', '/widgets/linli.js']) {
      const res = await missing.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 404, url);
      assert.match(res.json<{ message: string }>().message, /npm run build/);
    }
    const api = await missing.app.inject({ method: 'GET', url: '/api/nothing' });
    assert.equal(api.statusCode, 404);
  });
});
