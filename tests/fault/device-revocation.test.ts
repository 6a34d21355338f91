/**
 * Fault: a device token revoked while the kiosk was offline. The kiosk queued commands without a
 * network; meanwhile staff revoked its pairing (a lost or stolen kiosk). When it comes back, every
 * queued command is refused with a reason staff can see (401 `device-revoked`), nothing of them is
 * stored, and a client following the kiosk's rule stops retrying and keeps them. The kiosk half
 * (outbox kept, entries marked refused, 需要处理 shows it) is tests/kiosk/device-revoked.test.ts.
 * Prints its counts.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEVICE_REVOKED_ERROR, PUSH_BATCH_MAX, type ApiError, type AuditEntry, type Command, type PushResponse, type StaffDeviceView } from '../../domain/index.ts';
import { describeEachDialect } from '../server/databases.ts';
import { openFixture, saveCommand, snapshot, type Fixture } from '../server/station-fixture.ts';

const OFFLINE_COMMANDS = 1_200;

/** A kiosk's outbox as the sync engine keeps it: nothing leaves without an outcome; a revocation is final. */
class KioskLikeClient {
  readonly waiting: Command[] = [];
  readonly refused = new Map<string, string>();
  applied = 0;
  sent = 0;
  requests = 0;
  stopped: ApiError | null = null;

  constructor(
    readonly f: Fixture,
    readonly token: string,
  ) {}

  /** Push the outbox in batches until it is empty or the server refuses the device. */
  async sync(): Promise<void> {
    while (this.waiting.length > 0 && !this.stopped) {
      // Staff commands carry the proof the kiosk made when they were queued.
      const batch = await Promise.all(this.waiting.slice(0, PUSH_BATCH_MAX).map((c) => (c.actor.staffNo ? this.f.prove(c) : c)));
      this.requests += 1;
      this.sent += batch.length;
      const res = await this.f.app.inject({ method: 'POST', url: '/api/sync/push', headers: { authorization: `Bearer ${this.token}` }, payload: { commands: batch } });
      if (res.statusCode === 401 && res.json<ApiError>().error === DEVICE_REVOKED_ERROR) {
        // Keep every queued command, marked refused with the reason; stop trying.
        this.stopped = res.json<ApiError>();
        for (const c of this.waiting) this.refused.set(c.id, this.stopped.message);
        return;
      }
      assert.equal(res.statusCode, 200, res.body);
      const { outcomes } = res.json<PushResponse>();
      const done = new Set(outcomes.map((o) => o.commandId));
      this.applied += outcomes.filter((o) => o.status === 'applied').length;
      for (let i = this.waiting.length - 1; i >= 0; i--) if (done.has(this.waiting[i]!.id)) this.waiting.splice(i, 1);
    }
  }
}

await describeEachDialect('device revoked while offline', (dialect) => {
  let f: Fixture;
  before(async () => {
    f = await openFixture(dialect.name);
  });
  after(() => f?.close());

  it('a device token revoked while offline: its queued commands are refused with a reason staff can see', async () => {
    const staff = await f.staffToken('1001');
    const kiosk = await f.pairDevice('二楼大厅一体机');
    const client = new KioskLikeClient(f, kiosk.deviceToken);

    // Online: a few commands go through.
    client.waiting.push(...Array.from({ length: 5 }, (_, i) => saveCommand(i + 1, { draft: { title: `联网时的公告 ${i + 1}` } })));
    await client.sync();
    assert.equal(client.applied, 5);
    assert.equal(client.waiting.length, 0);

    // Offline: the kiosk keeps queueing; meanwhile staff revoke it (it was reported lost).
    const queued = Array.from({ length: OFFLINE_COMMANDS }, (_, i) => saveCommand(i + 6, { draft: { title: `离线时的公告 ${i + 1}` } }));
    client.waiting.push(...queued);
    const revoke = await f.app.inject({
      method: 'POST',
      url: `/api/staff/devices/${kiosk.deviceId}/revoke`,
      headers: { authorization: `Bearer ${staff}` },
      payload: { reason: '设备报失' },
    });
    assert.equal(revoke.statusCode, 200, revoke.body);
    const before = await snapshot(f.db);

    // Back online: the first push is refused as a whole; the client stops and keeps everything.
    const sentBefore = client.sent;
    await client.sync();
    const sent = client.sent - sentBefore;
    assert.equal(client.requests, 2, 'one refused push, no retries');
    assert.deepEqual(client.stopped, {
      error: 'device-revoked',
      message: '此终端已被服务站停用，未同步的操作不会被接受，请联系工作人员重新配对',
    });
    assert.equal(client.waiting.length, OFFLINE_COMMANDS, 'every queued command is kept');
    assert.equal(client.refused.size, OFFLINE_COMMANDS, 'every queued command is marked refused');
    assert.ok([...client.refused.values()].every((reason) => reason === client.stopped!.message));
    assert.equal(client.applied, 5);

    // Nothing of them was stored.
    assert.deepEqual(await snapshot(f.db), before);
    const stored = await f.db.selectFrom('command_outcomes').select('seq').where('device_id', '=', kiosk.deviceId).execute();
    assert.equal(stored.length, 5);
    const device = await f.db.selectFrom('devices').select(['last_seq', 'revoked_at']).where('id', '=', kiosk.deviceId).executeTakeFirstOrThrow();
    assert.equal(device.last_seq, 5);
    assert.notEqual(device.revoked_at, null);

    // A stubborn client trying every batch anyway gets the same answer for each, and still nothing is stored.
    let refusedBatches = 0;
    for (let i = 0; i < queued.length; i += PUSH_BATCH_MAX) {
      const res = await f.app.inject({
        method: 'POST',
        url: '/api/sync/push',
        headers: { authorization: `Bearer ${kiosk.deviceToken}` },
        payload: { commands: queued.slice(i, i + PUSH_BATCH_MAX) },
      });
      assert.deepEqual([res.statusCode, res.json<ApiError>().error], [401, 'device-revoked']);
      refusedBatches += 1;
    }
    assert.deepEqual(await snapshot(f.db), before);

    // Staff see what happened: the device list and the audit log.
    const devices = (await f.app.inject({ method: 'GET', url: '/api/staff/devices', headers: { authorization: `Bearer ${staff}` } })).json<{ devices: StaffDeviceView[] }>().devices;
    assert.equal(devices.find((d) => d.id === kiosk.deviceId)!.revokedAt, device.revoked_at);
    const audit = (await f.app.inject({ method: 'GET', url: '/api/staff/audit?limit=20', headers: { authorization: `Bearer ${staff}` } })).json<{ entries: AuditEntry[] }>().entries;
    const entry = audit.find((e) => e.action === 'device.revoke' && e.entityId === kiosk.deviceId);
    assert.equal(entry?.detail, '停用终端「二楼大厅一体机」，原因：设备报失');
    assert.equal(entry?.staffNo, '1001');

    console.log(
      `revocation (${dialect.name}): commands queued ${queued.length}, sent ${sent} (one push), applied 0, refused ${client.refused.size}, kept ${client.waiting.length}, retries after refusal 0; ` +
        `forced resend ${queued.length} in ${refusedBatches} batches, applied 0; stored changes 0`,
    );
  });
});
