import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BOARDS, type Notice, type Station } from '../../domain/index.ts';
import { DEMO_STATION, SECOND_STATION } from '../../server/seed/demo-data.ts';
import { describeEachDialect } from './databases.ts';
import { openFixture, saveCommand, STATION, type Fixture } from './station-fixture.ts';

const list = (f: Fixture, query = '', headers: Record<string, string> = {}) =>
  f.app.inject({ method: 'GET', url: `/api/stations/${STATION}/notices${query}`, headers });

await describeEachDialect('public reads', (dialect) => {
  let f: Fixture;
  before(async () => {
    f = await openFixture(dialect.name, { corsOrigins: ['https://www.example.gov.cn'] });
  });
  after(() => f?.close());

  it('seeds realistic demo data: every board, expired and scheduled notices, one pin, no emergency', async () => {
    const rows = await f.db.selectFrom('notices').selectAll().where('station_id', '=', STATION).execute();
    const t = new Date(f.now()).toISOString();
    assert.ok(rows.length >= 34, `${rows.length} notices`);
    for (const b of BOARDS) assert.ok(rows.filter((r) => r.board === b).length >= 5, b);
    assert.ok(rows.filter((r) => r.expire_at !== null && r.expire_at <= t).length >= 3, 'expired');
    assert.ok(rows.filter((r) => r.publish_at > t).length >= 3, 'scheduled');
    assert.equal(rows.filter((r) => r.pinned === 1).length, 1);
    assert.equal(rows.filter((r) => r.emergency === 1).length, 0);
    assert.ok(rows.every((r) => /[\u4e00-\u9fff]/.test(r.title) && r.body.length > 20));
  });

  it('returns the station', async () => {
    const res = await f.app.inject({ method: 'GET', url: `/api/stations/${STATION}` });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json<Station>(), DEMO_STATION);
    assert.equal(res.headers['cache-control'], 'public, max-age=15');
  });

  it('answers 404 for a station that does not exist', async () => {
    const res = await f.app.inject({ method: 'GET', url: '/api/stations/00000000-0000-4000-8000-000000000000/notices' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json<{ error: string }>().error, 'not-found');
  });

  it('lists only visible notices, pinned first then newest', async () => {
    const res = await list(f);
    assert.equal(res.statusCode, 200);
    const { notices } = res.json<{ notices: Notice[] }>();
    const now = f.now();
    assert.ok(notices.length >= 25, `expected most demo notices, got ${notices.length}`);
    for (const n of notices) {
      assert.equal(n.stationId, STATION);
      assert.ok(Date.parse(n.publishAt) <= now, `${n.title} is scheduled`);
      assert.ok(n.expireAt === null || Date.parse(n.expireAt) > now, `${n.title} is expired`);
      assert.equal(n.retired, false);
    }
    assert.equal(notices[0]!.pinned, true);
    assert.equal(notices.filter((n) => n.pinned).length, 1);
    const rest = notices.slice(1).map((n) => n.publishAt);
    assert.deepEqual(rest, [...rest].sort().reverse());
    // The demo has expired and scheduled notices; none of them shows.
    const all = await f.db.selectFrom('notices').select('id').where('station_id', '=', STATION).execute();
    assert.ok(all.length >= 34);
    assert.ok(all.length > notices.length);
  });

  it('filters by one or more boards and limits', async () => {
    const one = (await list(f, `?board=${encodeURIComponent('公示栏')}`)).json<{ notices: Notice[] }>().notices;
    assert.ok(one.length > 0);
    assert.ok(one.every((n) => n.board === '公示栏'));
    const two = (await list(f, `?board=${encodeURIComponent('公示栏')}&board=${encodeURIComponent('活动')}`)).json<{ notices: Notice[] }>()
      .notices;
    assert.ok(two.some((n) => n.board === '活动') && two.some((n) => n.board === '公示栏'));
    assert.ok(two.every((n) => n.board === '公示栏' || n.board === '活动'));
    const limited = (await list(f, `?board=${encodeURIComponent('活动')}&limit=2`)).json<{ notices: Notice[] }>().notices;
    assert.equal(limited.length, 2);
    const everyBoard = (await list(f)).json<{ notices: Notice[] }>().notices;
    for (const b of BOARDS) assert.ok(everyBoard.some((n) => n.board === b), `board ${b} has notices`);
  });

  it('shows one visible notice and hides expired, scheduled and other stations’ notices', async () => {
    const visible = (await list(f, '?limit=1')).json<{ notices: Notice[] }>().notices[0]!;
    const ok = await f.app.inject({ method: 'GET', url: `/api/stations/${STATION}/notices/${visible.id}` });
    assert.equal(ok.statusCode, 200);
    assert.deepEqual(ok.json<Notice>(), visible);

    const t = new Date(f.now()).toISOString();
    const expired = await f.db.selectFrom('notices').select('id').where('station_id', '=', STATION).where('expire_at', '<=', t).executeTakeFirstOrThrow();
    const scheduled = await f.db.selectFrom('notices').select('id').where('station_id', '=', STATION).where('publish_at', '>', t).executeTakeFirstOrThrow();
    const foreign = await f.db.selectFrom('notices').select('id').where('station_id', '=', SECOND_STATION.id).executeTakeFirstOrThrow();
    for (const id of [expired.id, scheduled.id, foreign.id]) {
      const res = await f.app.inject({ method: 'GET', url: `/api/stations/${STATION}/notices/${id}` });
      assert.equal(res.statusCode, 404, id);
    }
    const other = (await f.app.inject({ method: 'GET', url: `/api/stations/${SECOND_STATION.id}/notices` })).json<{ notices: Notice[] }>();
    assert.equal(other.notices.length, 2);
    assert.ok(other.notices.every((n) => n.stationId === SECOND_STATION.id));
  });

  it('a scheduled notice appears when its time comes', async () => {
    const title = '地下车库清洗及临时停车安排';
    const before = (await list(f)).json<{ notices: Notice[] }>().notices;
    f.advance(3.5 * 86_400_000);
    const later = (await list(f)).json<{ notices: Notice[] }>().notices;
    f.advance(-3.5 * 86_400_000);
    assert.equal(before.some((n) => n.title === title), false);
    assert.equal(later.some((n) => n.title === title), true);
  });

  it('sends an ETag and answers 304 when it matches', async () => {
    const first = await list(f, '?limit=5');
    const etag = first.headers.etag as string;
    assert.match(etag, /^"[A-Za-z0-9_-]{32}"$/);
    const again = await list(f, '?limit=5', { 'if-none-match': etag });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
    assert.equal(again.headers.etag, etag);
    const weak = await list(f, '?limit=5', { 'if-none-match': `"other", W/${etag}` });
    assert.equal(weak.statusCode, 304);
    const stale = await list(f, '?limit=5', { 'if-none-match': '"not-it"' });
    assert.equal(stale.statusCode, 200);
    const station = await f.app.inject({ method: 'GET', url: `/api/stations/${STATION}` });
    const station304 = await f.app.inject({ method: 'GET', url: `/api/stations/${STATION}`, headers: { 'if-none-match': station.headers.etag as string } });
    assert.equal(station304.statusCode, 304);
  });

  it('the ETag changes when a notice is edited', async () => {
    const before = (await list(f)).headers.etag;
    const device = await f.pairDevice();
    const res = await f.push(device.deviceToken, [saveCommand(1, { draft: { title: '新的通知' } })]);
    assert.equal(res.outcomes[0]!.status, 'applied');
    const after = await list(f, '', { 'if-none-match': before as string });
    assert.equal(after.statusCode, 200);
    assert.notEqual(after.headers.etag, before);
    assert.equal(after.json<{ notices: Notice[] }>().notices[1]!.title, '新的通知');
  });

  it('sends CORS headers to configured origins only, on public reads only', async () => {
    const allowed = await list(f, '', { origin: 'https://www.example.gov.cn' });
    assert.equal(allowed.headers['access-control-allow-origin'], 'https://www.example.gov.cn');
    assert.match(String(allowed.headers.vary), /Origin/);
    const other = await list(f, '', { origin: 'https://evil.example.com' });
    assert.equal(other.statusCode, 200);
    assert.equal(other.headers['access-control-allow-origin'], undefined);
    const preflight = await f.app.inject({
      method: 'OPTIONS',
      url: `/api/stations/${STATION}/notices`,
      headers: { origin: 'https://www.example.gov.cn', 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' },
    });
    assert.equal(preflight.statusCode, 204);
    assert.equal(preflight.headers['access-control-allow-origin'], 'https://www.example.gov.cn');
    assert.match(String(preflight.headers['access-control-allow-methods']), /GET/);
    const badPreflight = await f.app.inject({
      method: 'OPTIONS',
      url: `/api/stations/${STATION}/notices`,
      headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'GET' },
    });
    assert.equal(badPreflight.headers['access-control-allow-origin'], undefined);
    const login = await f.app.inject({
      method: 'POST',
      url: '/api/staff/login',
      headers: { origin: 'https://www.example.gov.cn' },
      payload: { stationId: STATION, staffNo: '1001', pin: '7305184962' },
    });
    // Staff routes answer only the server's own pages: a district site's page is refused outright.
    assert.equal(login.statusCode, 403);
    assert.equal(login.headers['access-control-allow-origin'], undefined);
  });

  it('answers unknown routes with 404 JSON', async () => {
    const res = await f.app.inject({ method: 'GET', url: '/api/nothing-here' });
    assert.equal(res.statusCode, 404);
    assert.deepEqual(Object.keys(res.json<object>()).sort(), ['error', 'message']);
  });

  it('streams a poke with the new cursor after each committed change', async () => {
    const address = await f.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = f.app.server.address() as AddressInfo;
    assert.ok(address.includes(String(port)));
    const device = await f.pairDevice('SSE 终端');
    const received: string[] = [];
    let resolveFirst!: () => void;
    let resolveSecond!: () => void;
    const firstPoke = new Promise<void>((r) => (resolveFirst = r));
    const secondPoke = new Promise<void>((r) => (resolveSecond = r));
    const req = httpRequest({ host: '127.0.0.1', port, path: `/api/stations/${STATION}/events`, headers: { origin: 'https://www.example.gov.cn' } });
    let contentType = '';
    let cors = '';
    req.on('response', (res) => {
      contentType = String(res.headers['content-type']);
      cors = String(res.headers['access-control-allow-origin']);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        received.push(chunk);
        const pokes = received.join('').split('event: poke').length - 1;
        if (pokes >= 1) resolveFirst();
        if (pokes >= 2) resolveSecond();
      });
    });
    req.end();
    await firstPoke;
    const cursorBefore = (await f.db.selectFrom('stations').select('change_seq').where('id', '=', STATION).executeTakeFirstOrThrow()).change_seq;
    assert.match(received.join(''), new RegExp(`event: poke\\ndata: \\{"cursor":${cursorBefore}\\}\\n\\n`));
    const pushed = await f.push(device.deviceToken, [saveCommand(1)]);
    assert.equal(pushed.outcomes[0]!.status, 'applied');
    await secondPoke;
    assert.match(received.join(''), new RegExp(`event: poke\\ndata: \\{"cursor":${cursorBefore + 1}\\}\\n\\n`));
    assert.equal(contentType, 'text/event-stream; charset=utf-8');
    assert.equal(cors, 'https://www.example.gov.cn');
    req.destroy();
  });
});
