/**
 * A station restored from a backup must not lose what its kiosks were told was done. The real
 * server process (server/main.ts) on SQLite and PostgreSQL; a client that follows the kiosk's
 * rules (kiosk/sync/sync-engine.ts): commands leave the outbox with their outcome but are KEPT as
 * acknowledged, each push and pull says the highest seq acknowledged, and a `resendFrom` answer
 * sends the kept ones again with their original ids and seqs. The kiosk itself, in Chromium, is
 * tests/e2e/restore-kiosk.test.ts.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  voucherCode,
  type CatalogueItem,
  type Command,
  type CommandOutcome,
  type DevicePairResponse,
  type PullResponse,
  type PushResponse,
  type Redemption,
  type StaffLoginResponse,
} from '../../domain/index.ts';
import { DEMO_RESIDENTS, DEMO_STATION } from '../../server/seed/demo-data.ts';
import { startServer, type RunningServer } from '../e2e/harness.ts';
import { describeEachDialect } from './databases.ts';
import { createRestorableDatabase, type RestorableDatabase } from './database-backup.ts';
import { command } from './points-fixture.ts';
import { demoStaffProver, type CommandProver } from './demo-staff-proofs.ts';
import { saveCommand } from './station-fixture.ts';

const ZHANG = 'c5e0a3d2-6f1b-4e8a-9b7c-2d4f6a8c0e01';

async function call<T>(base: string, method: 'GET' | 'POST', path: string, body?: unknown, token?: string): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

/** The kiosk's sync rules without the browser: outbox, kept acknowledged commands, cursor. */
class KeepingKiosk {
  readonly waiting: Command[] = [];
  readonly acknowledged = new Map<number, { command: Command; outcome: CommandOutcome }>();
  nextSeq = 1;
  cursor = 0;
  resends = 0;
  renumbered = 0;

  constructor(
    public token: string,
    /** Signs staff commands as the kiosk does at enqueue (the proof leaves out seq, so renumbering keeps it). */
    private readonly prove: CommandProver,
  ) {}

  get ackedSeq(): number {
    return Math.max(0, ...this.acknowledged.keys());
  }

  queue<C extends Command>(make: (seq: number) => C): C {
    const c = make(this.nextSeq++);
    this.waiting.push(c);
    return c;
  }

  /** `resendFrom`: the kept acknowledged commands from there go back in front of the outbox. */
  #resend(from: number): boolean {
    const again = [...this.acknowledged.values()].filter((a) => a.command.seq >= from).map((a) => a.command);
    if (again.length === 0) return false;
    for (const c of again) this.acknowledged.delete(c.seq);
    this.waiting.unshift(...again);
    this.waiting.sort((a, b) => a.seq - b.seq);
    this.resends += again.length;
    return true;
  }

  async push(base: string): Promise<void> {
    for (const c of this.waiting) if (c.actor.staffNo !== undefined && c.actor.staffProof === undefined) c.actor = (await this.prove(c)).actor;
    for (let round = 0; this.waiting.length > 0; round++) {
      assert.ok(round < 10, 'the outbox drains');
      const res = await call<PushResponse>(base, 'POST', '/api/sync/push', { commands: this.waiting.slice(0, 500), ackedSeq: this.ackedSeq }, this.token);
      for (const outcome of res.outcomes) {
        const i = this.waiting.findIndex((c) => c.id === outcome.commandId && c.seq === outcome.seq);
        if (i < 0) continue;
        this.acknowledged.set(outcome.seq, { command: this.waiting[i]!, outcome });
        this.waiting.splice(i, 1);
      }
      if (res.resendFrom !== undefined && this.#resend(res.resendFrom)) continue;
      if (res.expectedSeq !== undefined && this.waiting[0] && this.waiting[0].seq > res.expectedSeq) {
        // What the kiosk does when it holds nothing from there: renumber what waits (ids kept).
        let seq = res.expectedSeq;
        for (const c of this.waiting) c.seq = seq++;
        this.nextSeq = seq;
        this.renumbered += this.waiting.length;
      }
    }
  }

  async pull(base: string): Promise<PullResponse['changes']> {
    const changes: PullResponse['changes'] = [];
    for (;;) {
      const page = await call<PullResponse>(base, 'GET', `/api/sync/pull?cursor=${this.cursor}&acked=${this.ackedSeq}`, undefined, this.token);
      changes.push(...page.changes);
      this.cursor = page.cursor;
      if (page.resendFrom !== undefined) {
        // As the kiosk does: resend, then pull everything again (the server numbers changes anew).
        this.#resend(page.resendFrom);
        await this.push(base);
        this.cursor = 0;
        continue;
      }
      if (!page.more) return changes;
    }
  }
}

await describeEachDialect('restore from a backup', (dialect) => {
  let database: RestorableDatabase;
  let server: RunningServer | null = null;
  before(async () => {
    database = await createRestorableDatabase(dialect.name);
  });
  after(async () => {
    if (server && server.process.exitCode === null && server.process.signalCode === null) await server.kill();
    await database?.dispose();
  });

  it('the kiosk brings back the 12 commands acknowledged after the backup, with their ids and seqs, and the voucher is valid again', async () => {
    server = await startServer({ env: database.env });
    const port = server.port;
    const staff = await call<StaffLoginResponse>(server.url, 'POST', '/api/staff/login', { stationId: DEMO_STATION.id, staffNo: '1001', pin: '7305184962' });
    const { code } = await call<{ code: string }>(server.url, 'POST', '/api/staff/pairing-codes', {}, staff.token);
    const paired = await call<DevicePairResponse>(server.url, 'POST', '/api/devices/pair', { code, name: '恢复测试终端' });
    // The staff command key is derived once from the demo secret and the stored salt (which a
    // restore does not change), then the connection is closed so the restore can replace the data.
    const look = database.connect();
    const prove = demoStaffProver(look);
    await prove(saveCommand(1, { draft: { title: '预先取得工作人员密钥' } }));
    await look.destroy();
    const kiosk = new KeepingKiosk(paired.deviceToken, prove);
    // 张秀英 signs in at this kiosk online once, as the kiosk does, so it may act for her offline.
    const zhang = DEMO_RESIDENTS.find((r) => r.id === ZHANG)!;
    await call(server.url, 'POST', '/api/sync/resident-sign-in', { phone: zhang.phone, pin: zhang.pin }, paired.deviceToken);
    const changes = await kiosk.pull(server.url);
    const item = changes.find((c) => c.entity === 'catalogue-item' && c.op === 'put' && (c.data as CatalogueItem).name === '量血压、测血糖');
    assert.ok(item && item.op === 'put');
    const itemId = item.id;
    const cost = (item.data as CatalogueItem).cost;

    // Before the backup: an allowance for the resident and two notices, all acknowledged.
    const renew = kiosk.queue((seq) => command(seq, 'points.allowance-renew', { requestedAt: new Date().toISOString() }, {}));
    kiosk.queue((seq) => saveCommand(seq, { draft: { title: '备份前的公告一' } }));
    kiosk.queue((seq) => saveCommand(seq, { draft: { title: '备份前的公告二' } }));
    await kiosk.push(server.url);
    assert.equal(kiosk.acknowledged.get(renew.seq)?.outcome.status, 'applied');
    assert.ok((kiosk.acknowledged.get(renew.seq)?.outcome.allowance?.points[ZHANG] ?? 0) >= cost, 'an allowance for 张秀英');
    const beforeBackup = kiosk.ackedSeq;

    // A second kiosk that only reads: nothing of its own to resend after the restore.
    const { code: readerCode } = await call<{ code: string }>(server.url, 'POST', '/api/staff/pairing-codes', {}, staff.token);
    const reader = new KeepingKiosk((await call<DevicePairResponse>(server.url, 'POST', '/api/devices/pair', { code: readerCode, name: '只读终端' })).deviceToken, prove);
    await reader.pull(server.url);

    const backup = await database.backup();

    // After the backup: 12 commands acknowledged, among them a redemption confirmed from the allowance.
    const redemptionId = crypto.randomUUID();
    const sinceBackup: Command[] = [];
    for (let i = 1; i <= 12; i++) {
      const redeem = (seq: number) =>
        command(seq, 'points.redeem', { redemptionId, transferId: crypto.randomUUID(), itemId, quantity: 1, funding: 'kiosk-allowance', cost }, { residentId: ZHANG });
      sinceBackup.push(kiosk.queue(i === 6 ? redeem : (seq) => saveCommand(seq, { draft: { title: `备份后的公告 ${i}` } })));
    }
    await kiosk.push(server.url);
    assert.equal(kiosk.waiting.length, 0);
    await reader.pull(server.url);
    const readerCursor = reader.cursor;
    const acknowledged = sinceBackup.map((c) => kiosk.acknowledged.get(c.seq));
    assert.deepEqual(
      acknowledged.map((a) => a?.outcome.status),
      sinceBackup.map(() => 'applied'),
    );
    const voucher = voucherCode(redemptionId);
    assert.equal(acknowledged.find((a) => a?.command.type === 'points.redeem')?.outcome.redemption?.voucherCode, voucher);

    // The disk dies; last night's backup goes back.
    await server.stop();
    await database.restore(backup);
    server = await startServer({ env: database.env, port });
    const lookup = () => call<{ redemptions: Redemption[] }>(server!.url, 'GET', `/api/staff/points/redemptions?code=${voucher}`, undefined, staffAgain);
    const staffAgain = (await call<StaffLoginResponse>(server.url, 'POST', '/api/staff/login', { stationId: DEMO_STATION.id, staffNo: '1001', pin: '7305184962' })).token;
    assert.deepEqual((await lookup()).redemptions, [], 'the restored database has not seen the redemption');

    // Another kiosk writes first: its change takes a number the first kiosk's cursor has passed.
    const { code: code2 } = await call<{ code: string }>(server.url, 'POST', '/api/staff/pairing-codes', {}, staffAgain);
    const other = new KeepingKiosk((await call<DevicePairResponse>(server.url, 'POST', '/api/devices/pair', { code: code2, name: '另一台终端' })).deviceToken, prove);
    const otherNotice = other.queue((seq) => saveCommand(seq, { draft: { title: '恢复后另一台终端的公告' } }));
    await other.push(server.url);

    // The reading kiosk's cursor is past every change the restored server has: it starts over.
    const readerSaw = await reader.pull(server.url);
    const change = readerSaw.find((c) => c.entity === 'notice' && c.id === otherNotice.payload.noticeId);
    assert.ok(change, 'a kiosk with nothing to resend still receives a change numbered below its old cursor');
    assert.ok(change.seq <= readerCursor, `numbered ${change.seq}, below the reader's old cursor ${readerCursor}`);

    // The kiosk reconnects with nothing waiting: its pull says how far it was acknowledged.
    const seen = await kiosk.pull(server.url);
    assert.ok(
      seen.some((c) => c.entity === 'notice' && c.id === otherNotice.payload.noticeId),
      'the kiosk receives a change the restored server numbered below its old cursor',
    );
    // And it goes on with a new command after the twelve.
    const next = kiosk.queue((seq) => saveCommand(seq, { draft: { title: '恢复后的新公告' } }));
    await kiosk.push(server.url);
    await kiosk.pull(server.url);

    const db = database.connect();
    try {
      const device = await db.selectFrom('devices').select('last_seq').where('id', '=', paired.deviceId).executeTakeFirstOrThrow();
      const stored = await db.selectFrom('command_outcomes').select(['seq', 'command_id']).where('device_id', '=', paired.deviceId).orderBy('seq').execute();
      const all = [renew.seq, beforeBackup - 1, beforeBackup, ...sinceBackup.map((c) => c.seq), next.seq];
      assert.deepEqual(
        stored.map((o) => o.seq),
        Array.from({ length: all.length }, (_, i) => i + 1),
      );
      assert.deepEqual(
        stored.slice(beforeBackup).map((o) => [o.seq, o.command_id]),
        [...sinceBackup, next].map((c) => [c.seq, c.id]),
        'all 12 stored again under their original seqs and ids, then the new one',
      );
      assert.equal(device.last_seq, next.seq);
      assert.equal(kiosk.renumbered, 0, 'nothing was renumbered');
      assert.equal(kiosk.resends, 12);
      // Exactly once: one notice per save, one redemption.
      const titles = await db.selectFrom('notices').select(['title', 'revision']).where('title', 'like', '备份后的公告%').execute();
      assert.equal(titles.length, 11);
      assert.ok(titles.every((n) => n.revision === 1));
      const redemptions = await db.selectFrom('redemptions').select(['id', 'status', 'funding', 'resident_id']).where('id', '=', redemptionId).execute();
      assert.deepEqual(redemptions, [{ id: redemptionId, status: 'confirmed', funding: 'kiosk-allowance', resident_id: ZHANG }]);
    } finally {
      await db.destroy();
    }
    // The voucher is valid: staff find it by its code and hand the item over.
    const found = (await lookup()).redemptions;
    assert.deepEqual(
      found.map((r) => [r.id, r.voucherCode, r.status]),
      [[redemptionId, voucher, 'confirmed']],
    );
    const handout = await call<{ redemption: Redemption }>(server.url, 'POST', `/api/staff/points/redemptions/${redemptionId}/handout`, {}, staffAgain);
    assert.equal(handout.redemption.status, 'handed-out');
    // Sent once more (a lost reply), each command answers its stored outcome and changes nothing.
    const again = await call<PushResponse>(server.url, 'POST', '/api/sync/push', { commands: sinceBackup, ackedSeq: kiosk.ackedSeq }, kiosk.token);
    assert.deepEqual(
      again.outcomes.map((o) => [o.seq, o.commandId, o.status]),
      sinceBackup.map((c) => [c.seq, c.id, 'applied']),
    );
    assert.equal(again.resendFrom, undefined);
    console.log(`restore (${dialect.name}): acknowledged after the backup 12, resent 12, stored again 12, renumbered ${kiosk.renumbered}`);
    await server.stop();
    server = null;
  });
});
