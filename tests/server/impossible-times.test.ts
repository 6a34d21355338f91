/**
 * An impossible timestamp in a request is a 400 with a plain sentence, and nothing is stored
 * (issue 13, defect 9): `2026-02-30T00:00:00Z` used to be stored as 2026-03-02. The schema-wide
 * check is in tests/domain/date-time.test.ts; here the two cases the issue names, over HTTP.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Command } from '../../domain/index.ts';
import { describeEachDialect } from './databases.ts';
import { openFixture, saveCommand, snapshot, type Fixture } from './station-fixture.ts';
import { activityDraft, command } from './volunteer-fixture.ts';

await describeEachDialect('impossible timestamps', ({ name: dialect }) => {
  let f: Fixture;
  let device: string;
  before(async () => {
    f = await openFixture(dialect);
    device = (await f.pairDevice()).deviceToken;
  });
  after(() => f?.close());

  async function pushRefused(commands: Command[], field: string): Promise<void> {
    const before = await snapshot(f.db);
    const res = await f.app.inject({ method: 'POST', url: '/api/sync/push', headers: { authorization: `Bearer ${device}` }, payload: { commands } });
    assert.equal(res.statusCode, 400, res.body);
    const body = res.json<{ error: string; message: string }>();
    assert.equal(body.error, 'bad-request');
    assert.match(body.message, new RegExp(`「${field}」不是真实存在的时间`));
    assert.deepEqual(await snapshot(f.db), before, 'nothing stored');
  }

  it('a notice published on 30 February is refused with a plain sentence', async () => {
    await pushRefused([saveCommand(1, { draft: { publishAt: '2026-02-30T00:00:00Z' } })], '发布时间');
    await pushRefused([saveCommand(1, { draft: { expireAt: '2026-06-31T08:00:00+08:00' } })], '下架时间');
  });

  it('an activity starting at 24:00 or on 30 February is refused with a plain sentence', async () => {
    const draft = activityDraft(f);
    await pushRefused([command(1, 'activity.save', { activityId: crypto.randomUUID(), baseRevision: null, draft: { ...draft, startAt: '2026-02-30T00:00:00Z' } }, { staffNo: '1001' })], '开始时间');
    await pushRefused([command(1, 'activity.save', { activityId: crypto.randomUUID(), baseRevision: null, draft: { ...draft, endAt: '2026-03-01T24:00:00+08:00' } }, { staffNo: '1001' })], '结束时间');
  });
});
