import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditEntry, Change, Notice, PushResponse } from '../../domain/index.ts';
import { DEMO_NOTICES } from '../../server/seed/demo-notices.ts';
import { DEMO_RESIDENTS, DEMO_STAFF, SECOND_STATION } from '../../server/seed/demo-data.ts';
import { describeEachDialect } from './databases.ts';
import { openFixture, saveCommand, snapshot, STATION, type Fixture } from './station-fixture.ts';

async function pullAll(f: Fixture, token: string, cursor = 0, limit = 7): Promise<{ changes: Change[]; cursor: number; pages: number }> {
  const changes: Change[] = [];
  let pages = 0;
  for (;;) {
    const page = await f.pull(token, cursor, limit);
    pages++;
    changes.push(...page.changes);
    assert.ok(page.changes.length <= limit);
    if (page.changes.length > 0) assert.equal(page.cursor, page.changes[page.changes.length - 1]!.seq);
    cursor = page.cursor;
    if (!page.more) return { changes, cursor, pages };
  }
}

await describeEachDialect('sync pull and push', (dialect) => {
  let f: Fixture;
  before(async () => {
    f = await openFixture(dialect.name);
  });
  after(() => f?.close());

  it('a new kiosk pulls the station, its staff and all its notices, page by page', async () => {
    const { deviceToken } = await f.pairDevice();
    const { changes, cursor, pages } = await pullAll(f, deviceToken);
    const seqs = changes.map((c) => c.seq);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b));
    assert.equal(new Set(seqs).size, seqs.length);
    const station = await f.db.selectFrom('stations').select('change_seq').where('id', '=', STATION).executeTakeFirstOrThrow();
    assert.equal(cursor, station.change_seq);
    const staffCount = DEMO_STAFF.filter((s) => s.stationId === STATION).length;
    const residentCount = DEMO_RESIDENTS.filter((r) => r.stationId === STATION).length;
    // The demo 积分超市: 11 items, the deed table, one account per resident, 3 redemptions.
    // Demo meals: the subsidy policy, two residents' meal flags, two weekly menus, 8 bookings.
    const meals = 1 + 2 + 2 + 8;
    // Demo volunteer service: 5 activities, 11 sign-ups (the points accounts are counted above).
    const volunteer = 5 + 11;
    assert.equal(changes.length, 1 + staffCount + residentCount + DEMO_NOTICES.length + 11 + 1 + residentCount + 3 + meals + volunteer);
    assert.ok(pages >= Math.ceil(changes.length / 7));
    assert.ok(changes.every((c) => c.op === 'put'));
    const staff = changes.filter((c) => c.entity === 'staff');
    assert.deepEqual(staff.map((c) => (c.op === 'put' && c.entity === 'staff' ? c.data.staffNo : '')).sort(), ['1001', '1002', '1003']);
    for (const c of staff) if (c.op === 'put' && c.entity === 'staff') assert.match(c.data.pinHash, /^pbkdf2-sha256\$/);
    // Nothing of the second station.
    for (const c of changes) if (c.op === 'put' && c.entity === 'notice') assert.equal(c.data.stationId, STATION);
    assert.ok(!changes.some((c) => c.id === SECOND_STATION.id));
    for (const c of changes) if (c.op === 'put' && c.entity === 'resident') assert.equal(c.data.stationId, STATION);
    // Pulling from the end returns nothing and keeps the cursor.
    const empty = await f.pull(deviceToken, cursor);
    assert.deepEqual(empty, { changes: [], cursor, more: false });
    // A cursor past every change means the server was restored from a backup: start over.
    const beyond = await f.pull(deviceToken, cursor + 1000, 1000);
    assert.deepEqual(beyond, await f.pull(deviceToken, 0, 1000));
  });

  it('applies a new notice, and a retry returns the stored outcome without applying twice', async () => {
    const { deviceToken, deviceId } = await f.pairDevice();
    const before = (await f.pull(deviceToken, 0, 1000)).cursor;
    const cmd = saveCommand(1, { draft: { title: '  周六社区义诊  ', board: '活动' } });
    const first = await f.push(deviceToken, [cmd]);
    assert.equal(first.lastSeq, 1);
    assert.equal(first.expectedSeq, undefined);
    const outcome = first.outcomes[0]!;
    assert.equal(outcome.status, 'applied');
    assert.equal(outcome.commandId, cmd.id);
    assert.equal(outcome.notice!.title, '周六社区义诊');
    assert.equal(outcome.notice!.revision, 1);
    assert.equal(outcome.notice!.stationId, STATION);

    const snap = await snapshot(f.db);
    const retry = await f.push(deviceToken, [cmd]);
    assert.deepEqual(retry, first);
    assert.deepEqual(await snapshot(f.db), snap);

    const page = await f.pull(deviceToken, before);
    assert.equal(page.changes.length, 1);
    assert.deepEqual(page.changes[0], { seq: before + 1, id: cmd.payload.noticeId, entity: 'notice', op: 'put', data: outcome.notice });

    const stored = await f.db.selectFrom('command_outcomes').selectAll().where('device_id', '=', deviceId).execute();
    assert.equal(stored.length, 1);
    assert.deepEqual(JSON.parse(stored[0]!.outcome), outcome);
    const audit = await f.db.selectFrom('audit_log').selectAll().where('device_id', '=', deviceId).where('action', '=', 'notice.create').execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.staff_no, '1002');
    assert.equal(audit[0]!.entity_id, cmd.payload.noticeId);
  });

  it('rejects a different command under a used sequence number as tampered and stores nothing', async () => {
    const { deviceToken } = await f.pairDevice();
    const first = await f.push(deviceToken, [saveCommand(1)]);
    assert.equal(first.outcomes[0]!.status, 'applied');
    const snap = await snapshot(f.db);
    const forged = saveCommand(1, { draft: { title: '篡改的公告' } });
    const res = await f.push(deviceToken, [forged]);
    assert.equal(res.outcomes[0]!.status, 'rejected');
    assert.equal(res.outcomes[0]!.commandId, forged.id);
    assert.match(res.outcomes[0]!.reason!, /篡改/);
    assert.equal(res.lastSeq, 1);
    assert.deepEqual(await snapshot(f.db), snap);
  });

  it('stops the batch at a gap and says which number it expects', async () => {
    const { deviceToken } = await f.pairDevice();
    const snap = await snapshot(f.db);
    const res = await f.push(deviceToken, [saveCommand(2), saveCommand(3)]);
    assert.deepEqual(res, { outcomes: [], lastSeq: 0, expectedSeq: 1 });
    assert.deepEqual(await snapshot(f.db), snap);
    const partial = await f.push(deviceToken, [saveCommand(1), saveCommand(2), saveCommand(4), saveCommand(5)]);
    assert.deepEqual(partial.outcomes.map((o) => [o.seq, o.status]), [[1, 'applied'], [2, 'applied']]);
    assert.equal(partial.lastSeq, 2);
    assert.equal(partial.expectedSeq, 3);
    const empty = await f.push(deviceToken, []);
    assert.deepEqual(empty, { outcomes: [], lastSeq: 2 });
  });

  it('rejects drafts the domain rules refuse, with the reason in Chinese, and moves on', async () => {
    const { deviceToken } = await f.pairDevice();
    const publishAt = new Date(f.now()).toISOString();
    const commands = [
      saveCommand(1, { draft: { title: '   ' } }),
      saveCommand(2, { draft: { publishAt, expireAt: new Date(f.now() - 60_000).toISOString() } }),
      saveCommand(3, { draft: { images: ['http://'] } }),
      saveCommand(4),
    ];
    const res = await f.push(deviceToken, commands);
    assert.deepEqual(res.outcomes.map((o) => o.status), ['rejected', 'rejected', 'rejected', 'applied']);
    assert.match(res.outcomes[0]!.reason!, /请填写标题/);
    assert.match(res.outcomes[1]!.reason!, /下架时间必须晚于发布时间/);
    assert.match(res.outcomes[2]!.reason!, /图片地址/);
    assert.equal(res.lastSeq, 4);
    const saved = await f.db.selectFrom('notices').select('id').where('id', 'in', commands.map((c) => c.payload.noticeId)).execute();
    assert.deepEqual(saved.map((n) => n.id), [commands[3]!.payload.noticeId]);
    const stored = await f.db.selectFrom('command_outcomes').select('seq').where('command_id', 'in', res.outcomes.map((o) => o.commandId)).execute();
    assert.equal(stored.length, 4);
  });

  it('rejects a command whose staff number is unknown at this station', async () => {
    const { deviceToken } = await f.pairDevice();
    const unknown = saveCommand(1, { staffNo: '9999' });
    const foreign = saveCommand(2, { staffNo: '2001' }); // staff of the second station
    const res = await f.push(deviceToken, [unknown, foreign]);
    assert.deepEqual(res.outcomes.map((o) => o.status), ['rejected', 'rejected']);
    assert.match(res.outcomes[0]!.reason!, /工号 9999/);
    for (const c of [unknown, foreign]) {
      assert.equal(await f.db.selectFrom('notices').select('id').where('id', '=', c.payload.noticeId).executeTakeFirst(), undefined);
    }
  });

  it('a stale base revision is a conflict that returns the server copy', async () => {
    const { deviceToken } = await f.pairDevice();
    const create = saveCommand(1, { draft: { title: '原标题' } });
    const created = (await f.push(deviceToken, [create])).outcomes[0]!.notice!;
    const edit = saveCommand(2, { noticeId: created.id, baseRevision: 1, draft: { title: '第二版' } });
    assert.equal((await f.push(deviceToken, [edit])).outcomes[0]!.notice!.revision, 2);
    const stale = saveCommand(3, { noticeId: created.id, baseRevision: 1, draft: { title: '基于旧版本的修改' } });
    const res = await f.push(deviceToken, [stale]);
    const o = res.outcomes[0]!;
    assert.equal(o.status, 'conflict');
    assert.match(o.reason!, /第 1 版.*第 2 版/);
    assert.equal(o.notice!.title, '第二版');
    assert.equal(o.notice!.revision, 2);
    // Creating an id that exists is a conflict too.
    const dup = saveCommand(4, { noticeId: created.id, baseRevision: null, draft: { title: '重复创建' } });
    const dupRes = (await f.push(deviceToken, [dup])).outcomes[0]!;
    assert.equal(dupRes.status, 'conflict');
    assert.equal(dupRes.notice!.title, '第二版');
    // Editing a notice that does not exist is rejected.
    const ghost = (await f.push(deviceToken, [saveCommand(5, { baseRevision: 3 })])).outcomes[0]!;
    assert.equal(ghost.status, 'rejected');
    const row = await f.db.selectFrom('notices').select(['title', 'revision']).where('id', '=', created.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { title: '第二版', revision: 2 });
  });

  it('two staff editing one notice on two kiosks: the second gets a conflict, nothing is overwritten', async () => {
    const hall = await f.pairDevice('大厅终端');
    const office = await f.pairDevice('办公室终端');
    const notice = (await f.push(hall.deviceToken, [saveCommand(1, { draft: { title: '电梯维保通知', board: '物业之窗' } })])).outcomes[0]!.notice!;
    // Both were offline and based their edits on revision 1.
    const byManager = saveCommand(2, { noticeId: notice.id, baseRevision: 1, staffNo: '1001', draft: { title: '电梯维保通知（时间调整）', board: '物业之窗' } });
    const bySocialWorker = saveCommand(1, { noticeId: notice.id, baseRevision: 1, staffNo: '1002', draft: { title: '电梯维保通知（已完成）', board: '物业之窗', pinned: true } });
    const [a, b] = await Promise.all([f.push(hall.deviceToken, [byManager]), f.push(office.deviceToken, [bySocialWorker])]);
    const outcomes = [a.outcomes[0]!, b.outcomes[0]!];
    const applied = outcomes.filter((o) => o.status === 'applied');
    const conflicts = outcomes.filter((o) => o.status === 'conflict');
    assert.equal(applied.length, 1);
    assert.equal(conflicts.length, 1);
    assert.deepEqual(conflicts[0]!.notice, applied[0]!.notice);
    const row = await f.db.selectFrom('notices').selectAll().where('id', '=', notice.id).executeTakeFirstOrThrow();
    assert.equal(row.revision, 2);
    assert.equal(row.title, applied[0]!.notice!.title);

    // The person who lost keeps their version by editing on top of the current one.
    const loserToken = conflicts[0] === a.outcomes[0] ? hall.deviceToken : office.deviceToken;
    const loserSeq = conflicts[0] === a.outcomes[0] ? 3 : 2;
    const resolved = await f.push(loserToken, [saveCommand(loserSeq, { noticeId: notice.id, baseRevision: 2, draft: { title: '电梯维保通知（合并后）', board: '物业之窗' } })]);
    assert.equal(resolved.outcomes[0]!.status, 'applied');
    assert.equal(resolved.outcomes[0]!.notice!.revision, 3);

    // The change feed holds one row per notice: its latest state.
    const rows = await f.db.selectFrom('changes').selectAll().where('entity_id', '=', notice.id).execute();
    assert.equal(rows.length, 1);
    assert.equal((JSON.parse(rows[0]!.data!) as Notice).revision, 3);

    const token = await f.staffToken('1001');
    const entries = (await f.app.inject({ method: 'GET', url: '/api/staff/audit?limit=20', headers: { authorization: `Bearer ${token}` } })).json<{ entries: AuditEntry[] }>().entries;
    const forNotice = entries.filter((e) => e.entityId === notice.id).map((e) => e.action);
    assert.deepEqual(forNotice.sort(), ['notice.create', 'notice.update', 'notice.update', 'sync.conflict'].sort());
  });

  it('one device pushing the same batch twice at once applies each command once', async () => {
    const { deviceToken, deviceId } = await f.pairDevice();
    const batch = Array.from({ length: 10 }, (_, i) => saveCommand(i + 1));
    const [x, y] = await Promise.all([f.push(deviceToken, batch), f.push(deviceToken, batch)]);
    const statuses = (r: PushResponse) => r.outcomes.map((o) => o.status);
    assert.deepEqual(statuses(x), Array(10).fill('applied'));
    assert.deepEqual(x.outcomes, y.outcomes);
    const rows = await f.db.selectFrom('command_outcomes').select('seq').where('device_id', '=', deviceId).execute();
    assert.equal(rows.length, 10);
    const notices = await f.db.selectFrom('notices').select('id').where('id', 'in', batch.map((c) => c.payload.noticeId)).execute();
    assert.equal(notices.length, 10);
  });

  it('a retired notice leaves the public list and its change moves to the end of the feed', async () => {
    const { deviceToken } = await f.pairDevice();
    const created = (await f.push(deviceToken, [saveCommand(1, { draft: { title: '临时通知' } })])).outcomes[0]!.notice!;
    const cursor = (await f.pull(deviceToken, 0, 1000)).cursor;
    const retire = await f.push(deviceToken, [saveCommand(2, { noticeId: created.id, baseRevision: 1, draft: { title: '临时通知', retired: true } })]);
    assert.equal(retire.outcomes[0]!.notice!.retired, true);
    const page = await f.pull(deviceToken, cursor);
    assert.equal(page.changes.length, 1);
    assert.equal(page.changes[0]!.id, created.id);
    const res = await f.app.inject({ method: 'GET', url: `/api/stations/${STATION}/notices/${created.id}` });
    assert.equal(res.statusCode, 404);
  });
});
