/**
 * Staff device management: listing the station's kiosks and revoking one. A revoked kiosk's
 * push and pull are answered 401 `device-revoked` and change nothing.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ApiError, StaffDeviceView } from '../../domain/index.ts';
import { newToken } from '../../server/auth/tokens.ts';
import { DEMO_STAFF, SECOND_STATION } from '../../server/seed/demo-data.ts';
import { describeEachDialect } from './databases.ts';
import { openFixture, saveCommand, snapshot, STATION, type Fixture } from './station-fixture.ts';

const REVOKED: ApiError = { error: 'device-revoked', message: '此终端已被服务站停用，未同步的操作不会被接受，请联系工作人员重新配对' };

await describeEachDialect('staff device management', (dialect) => {
  let f: Fixture;
  let staffA: string;
  let staffB: string;
  before(async () => {
    f = await openFixture(dialect.name);
    staffA = await f.staffToken('1001');
    staffB = await f.staffToken('2001');
  });
  after(() => f?.close());

  const list = (token: string) => f.app.inject({ method: 'GET', url: '/api/staff/devices', headers: { authorization: `Bearer ${token}` } });
  const revoke = (token: string, deviceId: string, payload?: unknown) =>
    f.app.inject({
      method: 'POST',
      url: `/api/staff/devices/${deviceId}/revoke`,
      headers: { authorization: `Bearer ${token}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const revokeAudit = (deviceId: string) =>
    f.db.selectFrom('audit_log').selectAll().where('action', '=', 'device.revoke').where('entity_id', '=', deviceId).execute();

  it('lists the station’s own kiosks with name, pairing time and last command, never a token or its hash', async () => {
    const a = await f.pairDevice('大厅一体机');
    const b = await f.pairDevice('二楼一体机');
    const other = await f.pairDevice('和平巷一体机', '2001');
    await f.push(a.deviceToken, [saveCommand(1)]);
    const res = await list(staffA);
    assert.equal(res.statusCode, 200);
    const { devices } = res.json<{ devices: StaffDeviceView[] }>();
    const mine = devices.filter((d) => d.id === a.deviceId || d.id === b.deviceId);
    assert.equal(mine.length, 2);
    assert.ok(!devices.some((d) => d.id === other.deviceId), 'no device of another station');
    const rows = await f.db.selectFrom('devices').selectAll().where('station_id', '=', STATION).execute();
    assert.equal(devices.length, rows.length);
    const outcome = await f.db.selectFrom('command_outcomes').select('created_at').where('device_id', '=', a.deviceId).executeTakeFirstOrThrow();
    const rowA = rows.find((r) => r.id === a.deviceId)!;
    assert.deepEqual(devices.find((d) => d.id === a.deviceId), {
      id: a.deviceId,
      name: '大厅一体机',
      createdAt: rowA.created_at,
      lastCommandAt: outcome.created_at,
      revokedAt: null,
    });
    assert.equal(devices.find((d) => d.id === b.deviceId)!.lastCommandAt, null);
    for (const row of rows) assert.ok(!res.body.includes(row.token_hash), 'a token hash in the list');
    assert.ok(!res.body.includes(a.deviceToken) && !res.body.includes(b.deviceToken));
    // Station 2 sees only its own.
    const listB = (await list(staffB)).json<{ devices: StaffDeviceView[] }>().devices;
    assert.deepEqual(listB.map((d) => d.id), [other.deviceId]);
    // Staff only.
    assert.equal((await f.app.inject({ method: 'GET', url: '/api/staff/devices' })).statusCode, 401);
    assert.equal((await list(a.deviceToken)).statusCode, 401);
  });

  it('revokes with a reason: the kiosk is refused from then on, the revocation is audited once, revoking again changes nothing', async () => {
    const kiosk = await f.pairDevice('被偷的一体机');
    const res = await revoke(staffA, kiosk.deviceId, { reason: '设备丢失' });
    assert.equal(res.statusCode, 200, res.body);
    const { device } = res.json<{ device: StaffDeviceView }>();
    assert.equal(device.id, kiosk.deviceId);
    assert.equal(device.revokedAt, new Date(f.now()).toISOString());
    const row = await f.db.selectFrom('devices').select('revoked_at').where('id', '=', kiosk.deviceId).executeTakeFirstOrThrow();
    assert.equal(row.revoked_at, device.revokedAt);

    const audit = await revokeAudit(kiosk.deviceId);
    assert.equal(audit.length, 1);
    const staff1001 = DEMO_STAFF.find((s) => s.staffNo === '1001')!;
    assert.equal(audit[0]!.staff_no, '1001');
    assert.equal(audit[0]!.staff_id, staff1001.id);
    assert.equal(audit[0]!.station_id, STATION);
    assert.equal(audit[0]!.device_id, kiosk.deviceId);
    assert.equal(audit[0]!.actor_kind, 'staff');
    assert.equal(audit[0]!.detail, '停用终端「被偷的一体机」，原因：设备丢失');

    // Idempotent: a second revocation (later, with another reason, or with no body) changes nothing.
    const snap = await snapshot(f.db);
    f.advance(60_000);
    const again = await revoke(staffA, kiosk.deviceId, { reason: '再停一次' });
    assert.equal(again.statusCode, 200);
    assert.deepEqual(again.json(), res.json());
    const noBody = await revoke(staffA, kiosk.deviceId);
    assert.equal(noBody.statusCode, 200);
    assert.deepEqual(noBody.json(), res.json());
    assert.deepEqual(await snapshot(f.db), snap);
    assert.equal((await revokeAudit(kiosk.deviceId)).length, 1);

    // The audit list staff read shows it.
    const auditRes = await f.app.inject({ method: 'GET', url: '/api/staff/audit?limit=500', headers: { authorization: `Bearer ${staffA}` } });
    assert.ok(auditRes.json<{ entries: { action: string; entityId: string }[] }>().entries.some((e) => e.action === 'device.revoke' && e.entityId === kiosk.deviceId));
  });

  it('revoking without a reason (empty object or no body) is audited without one', async () => {
    const kiosk = await f.pairDevice('旧一体机');
    const res = await revoke(staffA, kiosk.deviceId, {});
    assert.equal(res.statusCode, 200, res.body);
    const audit = await revokeAudit(kiosk.deviceId);
    assert.deepEqual(audit.map((a) => a.detail), ['停用终端「旧一体机」']);
    const other = await f.pairDevice('另一台');
    assert.equal((await revoke(staffA, other.deviceId)).statusCode, 200);
    assert.equal((await revokeAudit(other.deviceId)).length, 1);
  });

  it('another station’s device, an unknown id and bad input: 404 / 400 in plain Chinese, nothing changed', async () => {
    const kioskA = await f.pairDevice('大厅一体机');
    const snap = await snapshot(f.db);
    const cross = await revoke(staffB, kioskA.deviceId, { reason: '越权' });
    assert.equal(cross.statusCode, 404);
    assert.deepEqual(cross.json(), { error: 'not-found', message: '本服务站没有这台终端' });
    assert.equal((await revoke(staffA, crypto.randomUUID())).statusCode, 404);
    for (const [id, payload] of [
      ['not-a-uuid', {}],
      [kioskA.deviceId, { reason: '' }],
      [kioskA.deviceId, { reason: 12 }],
      [kioskA.deviceId, { reason: '第一行\n第二行' }],
      [kioskA.deviceId, { reason: '长'.repeat(201) }],
      [kioskA.deviceId, { reason: '丢失', revokedAt: null }],
      [kioskA.deviceId, []],
    ] as const) {
      const res = await revoke(staffA, id, payload);
      assert.equal(res.statusCode, 400, `${id} ${JSON.stringify(payload)} → ${res.statusCode}`);
      const body = res.json<ApiError>();
      assert.equal(body.error, 'bad-request');
      assert.match(body.message, /[\u4e00-\u9fff]/);
    }
    // No staff session, a device token, another kiosk's token: 401 before anything is read.
    assert.equal((await f.app.inject({ method: 'POST', url: `/api/staff/devices/${kioskA.deviceId}/revoke` })).statusCode, 401);
    assert.equal((await revoke(kioskA.deviceToken, kioskA.deviceId)).statusCode, 401);
    assert.deepEqual(await snapshot(f.db), snap);
    assert.equal((await revokeAudit(kioskA.deviceId)).length, 0);
    // And the kiosk still syncs.
    assert.equal((await f.push(kioskA.deviceToken, [saveCommand(1)])).outcomes[0]!.status, 'applied');
    await f.pull(kioskA.deviceToken, 0, 5);
    // Station 2's staff cannot revoke it; station 2's device list stays without it.
    const row = await f.db.selectFrom('devices').select('revoked_at').where('id', '=', kioskA.deviceId).executeTakeFirstOrThrow();
    assert.equal(row.revoked_at, null);
    assert.ok(!(await list(staffB)).json<{ devices: StaffDeviceView[] }>().devices.some((d) => d.id === kioskA.deviceId));
    assert.notEqual(SECOND_STATION.id, STATION);
  });

  it('a revoked kiosk’s push and pull are answered 401 device-revoked and the database is unchanged', async () => {
    const kiosk = await f.pairDevice('要停用的一体机');
    assert.equal((await f.push(kiosk.deviceToken, [saveCommand(1)])).lastSeq, 1);
    assert.equal((await revoke(staffA, kiosk.deviceId, { reason: '更换新设备' })).statusCode, 200);
    const snap = await snapshot(f.db);
    const commands = [saveCommand(2, { draft: { title: '停用后的公告' } }), saveCommand(3)];
    const push = await f.app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: { authorization: `Bearer ${kiosk.deviceToken}` },
      payload: { commands },
    });
    assert.equal(push.statusCode, 401);
    assert.deepEqual(push.json(), REVOKED);
    // A retry of an already applied command is refused just the same.
    const replay = await f.app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: { authorization: `Bearer ${kiosk.deviceToken}` },
      payload: { commands: [saveCommand(1)] },
    });
    assert.deepEqual([replay.statusCode, replay.json()], [401, REVOKED]);
    const pull = await f.app.inject({ method: 'GET', url: '/api/sync/pull?cursor=0', headers: { authorization: `Bearer ${kiosk.deviceToken}` } });
    assert.equal(pull.statusCode, 401);
    assert.deepEqual(pull.json(), REVOKED);
    assert.deepEqual(await snapshot(f.db), snap);
    const notices = await f.db.selectFrom('notices').select('id').where('id', 'in', commands.map((c) => c.payload.noticeId)).execute();
    assert.equal(notices.length, 0);
    const device = await f.db.selectFrom('devices').select('last_seq').where('id', '=', kiosk.deviceId).executeTakeFirstOrThrow();
    assert.equal(device.last_seq, 1);

    // An unknown token keeps its own answer, so the kiosk can tell the two apart.
    const unknown = await f.app.inject({ method: 'GET', url: '/api/sync/pull?cursor=0', headers: { authorization: `Bearer ${newToken()}` } });
    assert.equal(unknown.statusCode, 401);
    assert.deepEqual(unknown.json(), { error: 'unauthorized', message: '设备凭证无效，请重新配对' });

    // Pairing again gives a new identity that syncs; the revoked one stays revoked.
    const again = await f.pairDevice('要停用的一体机');
    assert.notEqual(again.deviceId, kiosk.deviceId);
    assert.equal((await f.push(again.deviceToken, [saveCommand(1)])).outcomes[0]!.status, 'applied');
    assert.equal((await f.app.inject({ method: 'GET', url: '/api/sync/pull?cursor=0', headers: { authorization: `Bearer ${kiosk.deviceToken}` } })).statusCode, 401);
  });
});
