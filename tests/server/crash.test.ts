/**
 * Kill -9 in the middle of a push: the real server process (server/main.ts) on a database file,
 * a batch of 300 commands, SIGKILL while it is being applied, restart, retry the whole batch.
 * Every command must end up applied exactly once.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import type { Command, DevicePairResponse, PushResponse, StaffLoginResponse } from '../../domain/index.ts';
import { DEMO_STATION } from '../../server/seed/demo-data.ts';
import { createTestDatabase, describeEachDialect, type TestDatabase } from './databases.ts';
import { exited, startServer } from './server-process.ts';
import { demoStaffProver } from './demo-staff-proofs.ts';
import { saveCommand, secretOf } from './station-fixture.ts';

const BATCH = 300;

async function post<T>(base: string, path: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

await describeEachDialect('crash in the middle of a push', (dialect) => {
  let database: TestDatabase;
  const children: ChildProcess[] = [];
  before(async () => {
    database = await createTestDatabase(dialect.name);
  });
  after(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await database?.dispose();
  });

  it('SIGKILL mid-push, restart, retry: every command applied exactly once', async () => {
    const first = await startServer(database.env);
    children.push(first.child);
    assert.match(first.output(), new RegExp(`1001 / ${secretOf('1001')}`));
    const login = await post<StaffLoginResponse>(first.base, '/api/staff/login', { stationId: DEMO_STATION.id, staffNo: '1001', pin: secretOf('1001') });
    const { code } = await post<{ code: string }>(first.base, '/api/staff/pairing-codes', {}, login.token);
    const device = await post<DevicePairResponse>(first.base, '/api/devices/pair', { code, name: '崩溃测试终端' });

    // Long bodies make each command a real write (the whole batch stays under 1 MiB).
    const body = '社区通知正文。'.repeat(100);
    const unsigned: Command<'notice.save'>[] = Array.from({ length: BATCH }, (_, i) => saveCommand(i + 1, { draft: { title: `崩溃测试公告 ${i + 1}`, body } }));

    const watcher = database.connect();
    // Signed by the social worker the commands name, as the kiosk would have.
    const prove = demoStaffProver(watcher);
    const commands = await Promise.all(unsigned.map((c) => prove(c)));
    try {
      const lastSeq = async () =>
        (await watcher.selectFrom('devices').select('last_seq').where('id', '=', device.deviceId).executeTakeFirstOrThrow()).last_seq;
      const push = fetch(`${first.base}/api/sync/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${device.deviceToken}` },
        body: JSON.stringify({ commands }),
      }).then(
        (r) => `finished with ${r.status}`,
        (e: unknown) => `failed: ${String(e)}`,
      );
      let seen = 0;
      const deadline = Date.now() + 30_000;
      while (seen < 20 && Date.now() < deadline) {
        seen = await lastSeq();
        if (seen < 20) await new Promise((r) => setTimeout(r, 1));
      }
      first.child.kill('SIGKILL');
      const death = await exited(first.child);
      assert.equal(death.signal, 'SIGKILL');
      assert.match(await push, /^failed/, 'the push was cut off');
      const atKill = await lastSeq();
      assert.ok(atKill >= 20 && atKill < BATCH, `killed mid-push (last_seq ${atKill})`);
    } finally {
      await watcher.destroy();
    }

    const second = await startServer(database.env);
    children.push(second.child);
    assert.doesNotMatch(second.output(), /已写入演示数据/, 'the restart does not seed again');
    const retry = await post<PushResponse>(second.base, '/api/sync/push', { commands }, device.deviceToken);
    assert.equal(retry.lastSeq, BATCH);
    assert.equal(retry.expectedSeq, undefined);
    assert.equal(retry.outcomes.length, BATCH);
    assert.ok(retry.outcomes.every((o, i) => o.status === 'applied' && o.seq === i + 1 && o.commandId === commands[i]!.id));

    second.child.kill('SIGTERM');
    const stop = await exited(second.child);
    assert.equal(stop.code, 0, `graceful shutdown:\n${second.output()}`);

    const { db } = database;
    const ids = commands.map((c) => c.payload.noticeId);
    const notices = await db.selectFrom('notices').select(['id', 'revision']).where('id', 'in', ids).execute();
    assert.equal(notices.length, BATCH);
    assert.ok(notices.every((n) => n.revision === 1));
    const outcomes = await db.selectFrom('command_outcomes').select(['seq', 'command_id']).where('device_id', '=', device.deviceId).orderBy('seq').execute();
    assert.equal(outcomes.length, BATCH);
    assert.deepEqual(outcomes.map((o) => o.command_id), commands.map((c) => c.id));
    const dev = await db.selectFrom('devices').select('last_seq').where('id', '=', device.deviceId).executeTakeFirstOrThrow();
    assert.equal(dev.last_seq, BATCH);
    const audit = await db.selectFrom('audit_log').select('entity_id').where('device_id', '=', device.deviceId).where('action', '=', 'notice.create').execute();
    assert.equal(audit.length, BATCH);
    assert.equal(new Set(audit.map((a) => a.entity_id)).size, BATCH);
    const changes = await db.selectFrom('changes').select('seq').where('entity_id', 'in', ids).execute();
    assert.equal(changes.length, BATCH);
  });
});
