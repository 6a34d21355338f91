/**
 * Fault: staff revoke a kiosk while a large push of it is in flight (a stolen kiosk emptying its
 * outbox). Nothing may commit after the revocation: the push stops at its next chunk. The kiosk
 * is told what did commit before (a 200 with those outcomes) and gets `401 device-revoked` for
 * the rest, which it keeps and marks refused (tests/fault/device-revocation.test.ts, kiosk half
 * tests/kiosk/device-revoked.test.ts). Over real HTTP, on both databases. Prints its counts.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEVICE_REVOKED_ERROR, PUSH_BATCH_MAX, type ApiError, type PushResponse } from '../../domain/index.ts';
import { describeEachDialect } from '../server/databases.ts';
import { saveCommand } from '../server/station-fixture.ts';
import { ChildStation, prepareStation, send, sleep, Tally } from './load-clients.ts';

const COMMANDS = 1_000;

await describeEachDialect('revocation during a push', (dialect) => {
  let station: ChildStation;
  before(async () => {
    station = await ChildStation.start(dialect.name);
  });
  after(() => station?.close());

  it('a kiosk revoked while its 500-command push is in flight: nothing commits after revoked_at', { timeout: 120_000 }, async () => {
    const { target, db } = station;
    const tally = new Tally();
    const prepared = await prepareStation(target, tally, [], 10);
    const kiosk = await prepared.pair('被盗的一体机');
    const body = '社区通知正文，内容较长。'.repeat(20);
    // Signed as the kiosk signs them when staff write them (the kiosk's staff member is 1001).
    const commands = await Promise.all(Array.from({ length: COMMANDS }, (_, i) => kiosk.prove(saveCommand(i + 1, { staffNo: '1001', draft: { title: `离线时的公告 ${i + 1}`, body } }))));
    const batch = commands.slice(0, PUSH_BATCH_MAX);

    const events: string[] = [];
    const pushing = send<PushResponse | ApiError>(target, tally, 'POST', '/api/sync/push', { commands: batch }, kiosk.deviceToken).then((a) => {
      events.push('push answered');
      return a;
    });
    // Revoke as soon as the first chunk has committed: the rest of the push is still to come.
    for (let i = 0; ; i++) {
      const { n } = await db.selectFrom('command_outcomes').select((eb) => eb.fn.countAll<number | string>().as('n')).where('device_id', '=', kiosk.deviceId).executeTakeFirstOrThrow();
      if (Number(n) > 0) break;
      if (i >= 20_000 || events.length > 0) assert.fail(`the push did not commit before it was answered: ${JSON.stringify((await pushing).body).slice(0, 300)}`);
      await sleep(1);
    }
    const revoke = await send<unknown>(target, tally, 'POST', `/api/staff/devices/${kiosk.deviceId}/revoke`, { reason: '设备被盗' }, prepared.staffToken);
    events.push('revoke answered');
    assert.equal(revoke.status, 200, JSON.stringify(revoke.body));
    const pushed = await pushing;

    const device = await db.selectFrom('devices').select(['revoked_at', 'last_seq']).where('id', '=', kiosk.deviceId).executeTakeFirstOrThrow();
    const revokedAt = device.revoked_at!;
    assert.ok(revokedAt);
    const stored = await db.selectFrom('command_outcomes').select(['seq', 'command_id', 'created_at']).where('device_id', '=', kiosk.deviceId).orderBy('seq').execute();
    const afterRevocation = stored.filter((s) => s.created_at > revokedAt).length;
    // The revocation landed while the push was in flight: it committed part of its batch before
    // (checked above) and stopped short of the rest. (Which HTTP answer arrives first is a race
    // after both commits, so it is not what is asserted.)
    assert.ok(stored.length > 0 && stored.length < batch.length, `the push stopped short: ${stored.length} of ${batch.length} committed`);

    // The answer: what committed before the revocation (200), or the revocation itself (401).
    let answered = 0;
    if (pushed.status === 200) {
      const response = pushed.body as PushResponse;
      answered = response.outcomes.length;
      assert.ok(response.outcomes.every((o) => o.status === 'applied'));
      assert.deepEqual(
        response.outcomes.map((o) => o.commandId),
        stored.map((s) => s.command_id),
        'the kiosk is told exactly what committed',
      );
    } else {
      assert.deepEqual([pushed.status, (pushed.body as ApiError).error], [401, DEVICE_REVOKED_ERROR]);
    }
    // The rest, and anything sent later, is refused with the device-revoked answer.
    const rest = await send<ApiError>(target, tally, 'POST', '/api/sync/push', { commands: commands.slice(stored.length, stored.length + PUSH_BATCH_MAX) }, kiosk.deviceToken);
    assert.deepEqual([rest.status, rest.body.error], [401, DEVICE_REVOKED_ERROR]);
    const notices = await db.selectFrom('notices').select('id').where('id', 'in', commands.map((c) => (c as ReturnType<typeof saveCommand>).payload.noticeId).slice(0, PUSH_BATCH_MAX)).execute();

    console.log(
      `revocation in flight (${dialect.name}): commands in the push ${batch.length}, committed before revocation ${stored.length}, answered ${pushed.status} with ${answered} outcomes, ` +
        `applied after revoked_at ${afterRevocation}, refused afterwards ${PUSH_BATCH_MAX}`,
    );
    assert.equal(afterRevocation, 0, 'no command outcome was stored after revoked_at');
    assert.ok(stored.length < batch.length, 'the push stopped');
    assert.equal(notices.length, stored.length, 'exactly the committed commands changed anything');
    assert.equal(device.last_seq, stored.length);
    assert.deepEqual(tally.serverErrors, []);
  });
});
