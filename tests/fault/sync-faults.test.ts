/**
 * The sync fault suite, against the real server process (server/main.ts) on a database file or
 * PostgreSQL:
 *  - a kiosk offline for 14 days with 1,000+ queued commands comes back: all applied exactly once;
 *  - the server is SIGKILLed 6 times while a push is in flight, at a random point after part of
 *    its batch committed, and restarted: each kill is asserted to have landed mid-push (the client
 *    saw its connection cut, the server held part of the batch), no command lost or applied twice;
 *  - responses dropped after the server committed: the retry returns the stored outcomes.
 * Each prints its counts. The random points come from a seeded generator, so a failure replays.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Command, CommandOutcome, DevicePairResponse, PushResponse, StaffLoginResponse } from '../../domain/index.ts';
import { DEMO_STAFF, DEMO_STATION } from '../../server/seed/demo-data.ts';
import { startServer, type RunningServer } from '../e2e/harness.ts';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../server/databases.ts';
import { demoStaffProver, proveAll } from '../server/demo-staff-proofs.ts';
import { saveCommand } from '../server/station-fixture.ts';

const DAY_MS = 24 * 60 * 60_000;

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

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A kiosk's outbox, as the kiosk keeps it: commands stay until an outcome for them arrives; a
 * push sends the oldest waiting ones (≤ 500), and a gap answer renumbers nothing here because
 * the server never loses what it acknowledged.
 */
class SimulatedOutbox {
  readonly waiting: Command[] = [];
  readonly outcomes = new Map<string, CommandOutcome>();
  pushes = 0;
  duplicatesDetected = 0;

  add(commands: Command[]): void {
    this.waiting.push(...commands);
  }

  /** One push; `drop` throws the response away after the server answered (a lost reply). */
  async push(base: string, token: string, drop = false): Promise<void> {
    const batch = this.waiting.slice(0, 500);
    if (batch.length === 0) return;
    this.pushes += 1;
    const res = await post<PushResponse>(base, '/api/sync/push', { commands: batch }, token);
    if (drop) return;
    this.take(res);
  }

  take(res: PushResponse): void {
    for (const outcome of res.outcomes) {
      const known = this.outcomes.get(outcome.commandId);
      if (known) {
        this.duplicatesDetected += 1;
        assert.deepEqual(outcome, known, 'a retried command answers with its stored outcome');
      }
      this.outcomes.set(outcome.commandId, outcome);
    }
    const done = new Set(res.outcomes.map((o) => o.commandId));
    for (let i = this.waiting.length - 1; i >= 0; i--) if (done.has(this.waiting[i]!.id)) this.waiting.splice(i, 1);
  }
}

/** The failure a client sees when the server dies under its request: the socket closed or reset. */
function isConnectionCut(error: unknown): boolean {
  if (!(error instanceof TypeError) || error.message !== 'fetch failed') return false;
  const code = (error.cause as { code?: string } | undefined)?.code;
  return code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_CLOSED';
}

async function pairKiosk(base: string, name: string): Promise<DevicePairResponse> {
  const login = await post<StaffLoginResponse>(base, '/api/staff/login', { stationId: DEMO_STATION.id, staffNo: '1001', pin: DEMO_STAFF.find((s) => s.staffNo === '1001')!.secret });
  const { code } = await post<{ code: string }>(base, '/api/staff/pairing-codes', {}, login.token);
  return post<DevicePairResponse>(base, '/api/devices/pair', { code, name });
}

/** Exactly once: one outcome row per command, one notice per command at revision 1, one audit row each. */
async function assertAppliedOnce(database: TestDatabase, deviceId: string, commands: readonly Command<'notice.save'>[]): Promise<void> {
  const { db } = database;
  const outcomes = await db.selectFrom('command_outcomes').select(['seq', 'command_id']).where('device_id', '=', deviceId).orderBy('seq').execute();
  assert.deepEqual(
    outcomes.map((o) => o.command_id),
    commands.map((c) => c.id),
  );
  const ids = commands.map((c) => c.payload.noticeId);
  let notices = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom('notices').select(['id', 'revision']).where('id', 'in', ids.slice(i, i + 500)).execute();
    assert.ok(rows.every((n) => n.revision === 1), 'no notice was saved twice');
    notices += rows.length;
  }
  assert.equal(notices, commands.length);
  const audit = await db.selectFrom('audit_log').select('entity_id').where('device_id', '=', deviceId).where('action', '=', 'notice.create').execute();
  assert.equal(audit.length, commands.length);
  const device = await db.selectFrom('devices').select('last_seq').where('id', '=', deviceId).executeTakeFirstOrThrow();
  assert.equal(device.last_seq, commands.length);
}

await describeEachDialect('sync faults', (dialect) => {
  let database: TestDatabase;
  const servers: RunningServer[] = [];
  before(async () => {
    database = await createTestDatabase(dialect.name);
  });
  after(async () => {
    for (const s of servers) if (s.process.exitCode === null && s.process.signalCode === null) await s.kill();
    await database?.dispose();
  });

  it('a kiosk offline for 14 days with 1,200 queued commands comes back: each applied exactly once, lost replies retried', async () => {
    const server = await startServer({ env: database.env });
    servers.push(server);
    try {
      const device = await pairKiosk(server.url, '十四天离线终端');
      const start = Date.now() - 14 * DAY_MS;
      const commands = Array.from({ length: 1_200 }, (_, i) => {
        const command = saveCommand(i + 1, { draft: { title: `离线第 ${Math.floor(i / 86) + 1} 天的公告 ${i + 1}` } });
        // Written over 14 days while the network was down; the outbox never expires.
        return { ...command, createdAt: new Date(start + Math.floor((i * 14 * DAY_MS) / 1_200)).toISOString() };
      });
      const outbox = new SimulatedOutbox();
      // Staff commands carry the proof the kiosk made when it queued them.
      outbox.add(await proveAll(demoStaffProver(database.db), commands));
      // Back online: the first reply is lost after the server committed, and so is a later one.
      await outbox.push(server.url, device.deviceToken, true);
      let round = 0;
      while (outbox.waiting.length > 0) {
        round += 1;
        await outbox.push(server.url, device.deviceToken, round === 2);
        assert.ok(round < 20, 'the outbox drains');
      }
      await assertAppliedOnce(database, device.deviceId, commands);
      assert.equal(outbox.outcomes.size, commands.length);
      assert.ok([...outbox.outcomes.values()].every((o) => o.status === 'applied'));
      // Replies that were lost are answered again from the stored outcomes, identical (checked in take()).
      const again = await post<PushResponse>(server.url, '/api/sync/push', { commands: commands.slice(0, 500) }, device.deviceToken);
      outbox.take(again);
      assert.equal(outbox.duplicatesDetected, 500);
      await assertAppliedOnce(database, device.deviceId, commands);
      console.log(
        `14 days offline (${dialect.name}): commands sent ${commands.length}, applied ${outbox.outcomes.size}, pushes ${outbox.pushes + 1}, replies dropped 2, duplicates detected ${outbox.duplicatesDetected}`,
      );
    } finally {
      await server.stop();
    }
  });

  it('SIGKILL while a push is in flight, after part of its batch committed, 6 times: no command lost or applied twice', async () => {
    const rand = prng(dialect.name === 'sqlite' ? 50 : 51);
    let server = await startServer({ env: database.env });
    servers.push(server);
    const device = await pairKiosk(server.url, '断电测试终端');
    const watch = database.connect();
    const committed = async (from: number, to: number): Promise<number> => {
      const row = await watch
        .selectFrom('command_outcomes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('device_id', '=', device.deviceId)
        .where('seq', '>=', from)
        .where('seq', '<=', to)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    };
    const body = '社区通知正文。'.repeat(60);
    const outbox = new SimulatedOutbox();
    const prove = demoStaffProver(database.db);
    const all: Command<'notice.save'>[] = [];
    const BATCH = 300;
    const landed: { batch: number; committedBeforeKill: number; committedAfterRestart: number }[] = [];
    try {
      for (let batch = 0; batch < 18; batch++) {
        const first = all.length + 1;
        const commands = Array.from({ length: BATCH }, (_, i) => saveCommand(first + i, { draft: { title: `第 ${batch + 1} 批公告 ${i + 1}`, body } }));
        all.push(...commands);
        outbox.add(await proveAll(prove, commands));
        const last = first + BATCH - 1;
        if (batch % 3 !== 1) {
          await outbox.push(server.url, device.deviceToken);
          assert.equal(outbox.waiting.length, 0, `batch ${batch + 1} pushed`);
          continue;
        }
        // A power loss in the middle of this batch's push: once a random part of it has committed
        // (chunks of PUSH_CHUNK_COMMANDS, so at least one chunk is still to come).
        const target = 1 + Math.floor(rand() * (BATCH - 150));
        const pushing = outbox.push(server.url, device.deviceToken).then(
          () => null,
          (error: unknown) => error,
        );
        let before = 0;
        for (let polls = 0; (before = await committed(first, last)) < target; polls++) {
          assert.ok(polls < 20_000, `batch ${batch + 1}: ${before} of ${target} commands committed`);
          await new Promise((r) => setTimeout(r, 2));
        }
        await server.kill();
        // The client must have seen its connection cut; any other error (an HTTP error, an
        // assertion about a retried outcome) fails the test.
        const error = await pushing;
        assert.ok(error !== null, `batch ${batch + 1}: the push finished before the kill landed`);
        if (!isConnectionCut(error)) throw error;
        server = await startServer({ env: database.env });
        servers.push(server);
        const after = await committed(first, last);
        assert.ok(after >= before && after < BATCH, `batch ${batch + 1}: ${after} of ${BATCH} committed when the server died`);
        landed.push({ batch: batch + 1, committedBeforeKill: before, committedAfterRestart: after });
        assert.equal(outbox.waiting.length, BATCH, 'nothing of the cut push was answered');
        await outbox.push(server.url, device.deviceToken);
        assert.equal(outbox.waiting.length, 0, `batch ${batch + 1} pushed after the restart`);
      }
    } finally {
      await watch.destroy();
    }
    await server.stop();

    assert.equal(landed.length, 6, 'every kill landed while a push was in flight');
    assert.equal(outbox.outcomes.size, all.length);
    assert.ok([...outbox.outcomes.values()].every((o) => o.status === 'applied'));
    await assertAppliedOnce(database, device.deviceId, all);
    console.log(
      `kill during push (${dialect.name}): batches 18 of ${BATCH}, commands sent ${all.length}, applied ${outbox.outcomes.size}, kills landed mid-push ${landed.length} ` +
        `(committed of the cut batch: ${landed.map((l) => l.committedAfterRestart).join(', ')}), duplicates detected ${outbox.duplicatesDetected}`,
    );
  });
});
