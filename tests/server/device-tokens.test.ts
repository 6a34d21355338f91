/**
 * Device tokens rotate and expire when unused (docs/security.md). A token not used for the
 * station's expiry (30 days by default, longer than the 14 days offline the fault suite proves)
 * is answered 401 `device-token-expired` with a plain sentence; the server hands out a new token
 * every 7 days in a pull or push answer, stores only its SHA-256, and keeps the previous token
 * valid until the new one is first used, so a lost answer never strands a kiosk. last_used_at is
 * written at most once an hour.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ApiError, PullResponse, PushResponse } from '../../domain/index.ts';
import { sha256Hex } from '../../server/auth/tokens.ts';
import { describeEachDialect } from './databases.ts';
import { openFixture, saveCommand, snapshot, type Fixture } from './station-fixture.ts';

const DAY = 24 * 60 * 60_000;
const HOUR = 60 * 60_000;
const EXPIRED: ApiError = { error: 'device-token-expired', message: '这台终端太久没有联网，凭证已过期，请工作人员重新配对' };

await describeEachDialect('device tokens rotate and expire', (dialect) => {
  let f: Fixture;
  before(async () => {
    f = await openFixture(dialect.name);
  });
  after(() => f?.close());

  const pull = (token: string) => f.app.inject({ method: 'GET', url: '/api/sync/pull?cursor=0&limit=1', headers: { authorization: `Bearer ${token}` } });
  const push = (token: string, seq: number) =>
    f.app.inject({ method: 'POST', url: '/api/sync/push', headers: { authorization: `Bearer ${token}` }, payload: { commands: [saveCommand(seq)] } });
  const row = (deviceId: string) => f.db.selectFrom('devices').selectAll().where('id', '=', deviceId).executeTakeFirstOrThrow();

  it('a token unused for 30 days is refused with its own code and a plain sentence, and nothing it sends is stored', async () => {
    const kiosk = await f.pairDevice('很久不联网的终端');
    // 14 days offline (the fault suite's case) is fine; use counts from the last request.
    f.advance(14 * DAY);
    assert.equal((await push(kiosk.deviceToken, 1)).statusCode, 200);
    f.advance(29 * DAY);
    assert.equal((await pull(kiosk.deviceToken)).statusCode, 200, 'used 29 days ago: still in');
    f.advance(30 * DAY + HOUR);
    const before = await snapshot(f.db);
    for (const res of [await pull(kiosk.deviceToken), await push(kiosk.deviceToken, 2)]) {
      assert.equal(res.statusCode, 401);
      assert.deepEqual(res.json(), EXPIRED);
    }
    assert.deepEqual(await snapshot(f.db), before);
  });

  it('the expiry is configurable', async () => {
    const short = await openFixture(dialect.name, { deviceTokens: { expireAfterDays: 3, rotateAfterDays: 1 } });
    try {
      const kiosk = await short.pairDevice('短期终端');
      short.advance(3 * DAY + HOUR);
      const res = await short.app.inject({ method: 'GET', url: '/api/sync/pull?cursor=0', headers: { authorization: `Bearer ${kiosk.deviceToken}` } });
      assert.deepEqual([res.statusCode, res.json<ApiError>().error], [401, 'device-token-expired']);
    } finally {
      await short.close();
    }
  });

  it('rotates after 7 days: a lost answer still lets the old token in, and once the new one is used the old ones are refused', async () => {
    const kiosk = await f.pairDevice('轮换终端');
    const t1 = kiosk.deviceToken;
    f.advance(6 * DAY);
    assert.equal((await pull(t1)).json<PullResponse>().deviceToken, undefined, 'not yet');
    f.advance(1 * DAY + HOUR);
    const lost = (await pull(t1)).json<PullResponse>().deviceToken;
    assert.ok(lost && lost !== t1, 'a new token in the pull answer');
    // The answer never arrived: the kiosk goes on with its old token, and gets another new one.
    f.advance(5 * 60_000);
    const res = await push(t1, 1);
    assert.equal(res.statusCode, 200, res.body);
    const t3 = res.json<PushResponse>().deviceToken;
    assert.ok(t3 && t3 !== lost && t3 !== t1);
    let stored = await row(kiosk.deviceId);
    assert.deepEqual([stored.token_hash, stored.previous_token_hash], [sha256Hex(t3), sha256Hex(t1)], 'only hashes are stored');
    // First use of the new token: from then on the old one (and the lost one) are refused.
    const used = await pull(t3);
    assert.equal(used.statusCode, 200);
    assert.equal(used.json<PullResponse>().deviceToken, undefined);
    for (const old of [t1, lost]) {
      const refused = await pull(old);
      assert.deepEqual([refused.statusCode, refused.json<ApiError>().error], [401, 'unauthorized']);
    }
    stored = await row(kiosk.deviceId);
    assert.equal(stored.previous_token_hash, null);
    assert.equal((await pull(t3)).statusCode, 200);
  });

  it('last_used_at is written at most once an hour', async () => {
    const kiosk = await f.pairDevice('记录使用时间的终端');
    const paired = (await row(kiosk.deviceId)).last_used_at;
    assert.equal(paired, new Date(f.now()).toISOString());
    f.advance(30 * 60_000);
    await pull(kiosk.deviceToken);
    assert.equal((await row(kiosk.deviceId)).last_used_at, paired, 'not rewritten within the hour');
    f.advance(31 * 60_000);
    await pull(kiosk.deviceToken);
    assert.equal((await row(kiosk.deviceId)).last_used_at, new Date(f.now()).toISOString());
  });
});
