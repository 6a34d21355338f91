/**
 * Chaos through the real sync route: the real server process (server/main.ts) on one database,
 * three simulated kiosks that go offline and online at random, redeem against the same residents
 * (offline only within the allowance they last received, judged by domain checkRedemption),
 * lose responses, push the same batch twice (also at the same time), and SIGKILL restarts, each
 * with a push in flight — while two websites redeem, book and cancel for the same residents over
 * HTTP (the mixed load of issue 13). Afterwards: no answer ≥ 500, no negative balance, every
 * balance equals its transfers and all sum to zero, every redemption a kiosk confirmed offline was
 * applied, nothing applied twice, every website action answered OK stored as answered.
 *
 * The kiosk rule this test follows (and the real kiosk must): once a renew is queued, the old
 * allowance is no longer spent; the next offline spending waits for the renew's outcome.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import {
  checkRedemption,
  type CatalogueItem,
  type Command,
  type CommandOutcome,
  type DevicePairResponse,
  type KioskAllowance,
  type PointsRedeemPayload,
  type PushResponse,
  type StaffLoginResponse,
} from '../../domain/index.ts';
import { DEMO_RESIDENTS, DEMO_STAFF, DEMO_STATION } from '../../server/seed/demo-data.ts';
import { createTestDatabase, describeEachDialect, type TestDatabase } from './databases.ts';
import { demoStaffProver, proveAll } from './demo-staff-proofs.ts';
import { assertLedgerInvariants, command, itemDraft } from './points-fixture.ts';
import { exited, startServer, type Running } from './server-process.ts';
import { LOAD_TEST_LOGIN_ENV, NetworkDown, nextWeekMeals, prng, Tally, verifyWebsiteRecords, WebsiteClient, type Target } from '../fault/load-clients.ts';

const SEED = Number(process.env.LINLI_CHAOS_SEED ?? 20261123);
const ROUNDS = 72;
const RESTART_ROUNDS = new Set([8, 16, 24, 32, 40, 48, 56, 64]);
const MAX_ACTIONS_PER_ROUND = 40;
const RESIDENTS = DEMO_RESIDENTS.filter((r) => r.stationId === DEMO_STATION.id);

interface Server {
  current: Running | null;
  /** The websites' view of the same server. */
  target: Target;
  pushesInFlight: number;
  serverErrors: string[];
}

async function call<T>(server: Server, path: string, body: unknown, token?: string, signal?: AbortSignal): Promise<T> {
  if (!server.current) throw new NetworkDown('server down');
  let res: Response;
  const push = path === '/api/sync/push';
  if (push) server.pushesInFlight++;
  try {
    res = await fetch(`${server.current.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (push) server.pushesInFlight--;
    throw new NetworkDown(String(error));
  }
  const text = await res.text().catch(() => '');
  if (push) server.pushesInFlight--;
  // A 5xx is retried like a lost answer, and counted: the test asserts there was none.
  if (res.status >= 500) server.serverErrors.push(`${path} → ${res.status} ${text.slice(0, 300)}`);
  if (res.status >= 500 || res.status === 0) throw new NetworkDown(`${res.status} ${text}`);
  if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

class SimKiosk {
  outbox: Command[] = [];
  seq = 0;
  online = true;
  /** What this kiosk may still spend offline: the last allowance received, minus what it spent since. */
  allowance: KioskAllowance | null = null;
  renewPending: string | null = null;
  outcomes = new Map<string, CommandOutcome>();
  /** Every command enqueued, by seq. */
  sent = new Map<number, Command>();
  confirmedOffline: string[] = [];
  pushes = 0;
  dropped = 0;
  duplicated = 0;
  constructor(
    readonly name: string,
    readonly device: DevicePairResponse,
    readonly random: () => number,
  ) {}

  enqueue<T extends Command['type']>(type: T, payload: Parameters<typeof command<T>>[2], actor: Command['actor']): Command {
    const cmd = command(++this.seq, type, payload, actor);
    this.outbox.push(cmd);
    this.sent.set(cmd.seq, cmd);
    return cmd;
  }

  /** Offline redemption: only within what the server reserved for this kiosk. */
  redeemOffline(item: CatalogueItem, residentId: string, quantity: number): boolean {
    const a = this.allowance;
    if (!a || this.renewPending) return false;
    const limitKey = `${residentId}:${item.id}`;
    const check = checkRedemption({
      // Offline, the monthly limit is what this kiosk holds of it.
      item: item.monthlyLimit === null ? item : { ...item, monthlyLimit: a.limits[limitKey] ?? 0 },
      quantity,
      spendable: a.points[residentId] ?? 0,
      stockAvailable: a.stock[item.id] ?? 0,
      redeemedThisMonth: 0,
      now: new Date(),
    });
    if (!check.ok) return false;
    a.points[residentId] = (a.points[residentId] ?? 0) - check.cost;
    a.stock[item.id] = (a.stock[item.id] ?? 0) - quantity;
    if (item.monthlyLimit !== null) a.limits[limitKey] = (a.limits[limitKey] ?? 0) - quantity;
    const redemptionId = crypto.randomUUID();
    this.enqueue('points.redeem', { redemptionId, transferId: crypto.randomUUID(), itemId: item.id, quantity, funding: 'kiosk-allowance', cost: check.cost }, { residentId });
    this.confirmedOffline.push(redemptionId);
    return true;
  }

  requestRenew(): void {
    if (this.renewPending) return;
    this.renewPending = this.enqueue('points.allowance-renew', { requestedAt: new Date().toISOString() }, {}).id;
  }

  private take(response: PushResponse): void {
    for (const o of response.outcomes) {
      const sent = this.outbox.find((c) => c.id === o.commandId);
      if (!sent) continue;
      this.outcomes.set(o.commandId, o);
      if (o.commandId === this.renewPending) {
        assert.equal(o.status, 'applied', `${this.name} renew: ${o.reason}`);
        this.allowance = structuredClone(o.allowance!);
        this.renewPending = null;
      }
    }
    this.outbox = this.outbox.filter((c) => c.seq > response.lastSeq);
    assert.equal(response.expectedSeq, undefined, `${this.name}: no gap ever`);
  }

  /** One push of (up to 500 of) the outbox, with the network's bad habits. */
  async flush(server: Server): Promise<void> {
    if (!this.online || this.outbox.length === 0) return;
    const batch = this.outbox.slice(0, 500);
    const send = () => call<PushResponse>(server, '/api/sync/push', { commands: batch }, this.device.deviceToken);
    this.pushes++;
    try {
      const roll = this.random();
      if (roll < 0.15) {
        // The same batch twice at the same moment (a retry racing the original).
        this.duplicated++;
        const [a, b] = await Promise.allSettled([send(), send()]);
        for (const r of [a, b]) if (r.status === 'fulfilled') this.take(r.value);
        return;
      }
      const response = await send();
      if (roll < 0.3) {
        // The server applied it, but the answer never arrived: the kiosk will send it again.
        this.dropped++;
        return;
      }
      if (roll < 0.4) {
        this.duplicated++;
        this.take(await send());
      }
      this.take(response);
    } catch (error) {
      if (!(error instanceof NetworkDown)) throw error;
    }
  }
}

await describeEachDialect('points chaos through the real sync route', (dialect) => {
  let database: TestDatabase;
  const children: ChildProcess[] = [];
  before(async () => {
    database = await createTestDatabase(dialect.name);
  });
  after(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await database?.dispose();
  });

  it('3 kiosks, offline and online, disconnects, duplicate pushes, restarts: the ledger holds', { timeout: 300_000 }, async () => {
    const random = prng(SEED);
    const server: Server = { current: await startServer({ ...database.env, ...LOAD_TEST_LOGIN_ENV }), target: { base: null }, pushesInFlight: 0, serverErrors: [] };
    server.target.base = server.current!.base;
    children.push(server.current!.child);
    const login = await call<StaffLoginResponse>(server, '/api/staff/login', { stationId: DEMO_STATION.id, staffNo: '1001', pin: DEMO_STAFF.find((s) => s.staffNo === '1001')!.secret });
    const pair = async (name: string) => {
      const { code } = await call<{ code: string }>(server, '/api/staff/pairing-codes', {}, login.token);
      return call<DevicePairResponse>(server, '/api/devices/pair', { code, name });
    };
    const admin = await pair('工作人员终端');
    let adminSeq = 0;
    // The staff terminal signs its commands with the manager's command key, as a kiosk does.
    const watcher = database.connect();
    const prove = demoStaffProver(watcher);
    const adminPush = async (cmds: Command[]) => {
      const res = await call<PushResponse>(server, '/api/sync/push', { commands: await proveAll(prove, cmds) }, admin.deviceToken);
      for (const o of res.outcomes) assert.equal(o.status, 'applied', o.reason);
      return res;
    };
    const items: CatalogueItem[] = [];
    for (const draft of [
      itemDraft({ name: '混沌测试 鸡蛋', cost: 15, stock: 40 }),
      itemDraft({ name: '混沌测试 大米', cost: 30, stock: 16, monthlyLimit: 2 }),
      itemDraft({ name: '混沌测试 量血压', cost: 5, stock: 200, kind: 'service' }),
      itemDraft({ name: '混沌测试 洗衣液', cost: 60, stock: 6 }),
    ]) {
      const res = await adminPush([command(++adminSeq, 'catalogue.save', { itemId: crypto.randomUUID(), baseRevision: null, draft }, { staffNo: '1001' })]);
      items.push(res.outcomes[0]!.catalogueItem!);
    }
    await adminPush([
      command(++adminSeq, 'points.award', { awards: RESIDENTS.map((r) => ({ residentId: r.id, transferId: crypto.randomUUID() })), deed: 'volunteer-hour', points: 400, memo: '混沌测试 志愿服务' }, { staffNo: '1001' }),
    ]);

    const kiosks: SimKiosk[] = [];
    for (const n of ['一号', '二号', '三号']) {
      const device = await pair(`${n}终端`);
      // Each resident signs in at each kiosk online once: her own offline redemptions count only there.
      for (const r of RESIDENTS) await call(server, '/api/sync/resident-sign-in', { phone: r.phone, pin: r.pin }, device.deviceToken);
      kiosks.push(new SimKiosk(n, device, random));
    }
    for (const k of kiosks) {
      k.requestRenew();
      while (k.outbox.length > 0) await k.flush(server);
    }

    // Two websites, for the same residents and items, all through the rounds.
    const tally = new Tally();
    const websites = ['街道网站', '社区公众号'].map((name) => new WebsiteClient(name, server.target, tally, prng(SEED + name.length), RESIDENTS, items.map((i) => i.id), nextWeekMeals()));
    for (const w of websites) await w.signIn();
    let roundsOver = false;
    const websitesRunning = Promise.all(websites.map((w) => w.run(() => roundsOver)));

    let restarts = 0;
    let killedMidPush = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      let restartDue = RESTART_ROUNDS.has(round);
      /** SIGKILL (while `inFlight` is being pushed, if given), then start again on the same database. */
      const restart = async (inFlight?: Promise<void>) => {
        // Wait until the push's request is out, then a random moment of it.
        for (let waited = 0; inFlight && server.pushesInFlight === 0 && waited < 200; waited++) await new Promise((r) => setTimeout(r, 1));
        await new Promise((r) => setTimeout(r, Math.floor(random() * 6)));
        const old = server.current!;
        // Counted only when the push's request really is on its way or being applied.
        if (inFlight && server.pushesInFlight > 0) killedMidPush++;
        server.current = null;
        server.target.base = null;
        old.child.kill('SIGKILL');
        assert.equal((await exited(old.child)).signal, 'SIGKILL');
        if (inFlight) await inFlight;
        server.current = await startServer({ ...database.env, ...LOAD_TEST_LOGIN_ENV });
        server.target.base = server.current.base;
        children.push(server.current.child);
        restarts++;
        restartDue = false;
      };
      for (const k of kiosks) {
        if (random() < 0.3) {
          k.online = !k.online;
          // Back online: settle and renew the allowance (queued behind everything spent offline).
          if (k.online) k.requestRenew();
        }
        const actions = 1 + Math.floor(random() * MAX_ACTIONS_PER_ROUND);
        for (let i = 0; i < actions; i++) {
          const r = RESIDENTS[Math.floor(random() * RESIDENTS.length)]!;
          const item = items[Math.floor(random() * items.length)]!;
          const quantity = random() < 0.8 ? 1 : 2;
          if (k.online) {
            k.enqueue('points.redeem', { redemptionId: crypto.randomUUID(), transferId: crypto.randomUUID(), itemId: item.id, quantity, funding: 'online' }, { residentId: r.id });
          } else {
            k.redeemOffline(item, r.id, quantity);
          }
        }
        if (k.online && random() < 0.25) k.requestRenew();
        if (restartDue && k.online && k.outbox.length > 0) await restart(k.flush(server));
        else await k.flush(server);
      }
      if (restartDue) await restart();
      // Now and then staff top up a resident, online.
      if (random() < 0.3) {
        const r = RESIDENTS[Math.floor(random() * RESIDENTS.length)]!;
        await adminPush([command(++adminSeq, 'points.award', { awards: [{ residentId: r.id, transferId: crypto.randomUUID() }], deed: 'activity', points: 40, memo: '混沌测试 参加活动' }, { staffNo: '1001' })]).catch((e: unknown) => {
          if (!(e instanceof NetworkDown)) throw e;
          adminSeq--;
        });
      }
    }

    roundsOver = true;
    await websitesRunning;

    // Everyone back online; flush until every outbox is empty (the network still misbehaves).
    for (const k of kiosks) k.online = true;
    for (let attempt = 0; kiosks.some((k) => k.outbox.length > 0); attempt++) {
      assert.ok(attempt < 400, 'outboxes drain');
      for (const k of kiosks) await k.flush(server);
    }
    // Every command was answered (a command leaves the outbox only with its outcome).
    for (const k of kiosks) assert.equal(k.outcomes.size, k.seq, `${k.name}: every command has its outcome`);

    const stop = server.current!;
    stop.child.kill('SIGTERM');
    assert.equal((await exited(stop.child)).code, 0);

    const db = database.connect();
    try {
      const ledger = await assertLedgerInvariants(db);
      const confirmedOffline = kiosks.flatMap((k) => k.confirmedOffline);
      const stored = await db.selectFrom('redemptions').select(['id', 'funding', 'transfer_id']).execute();
      const storedIds = new Set(stored.map((r) => r.id));
      for (const k of kiosks) {
        for (const id of k.confirmedOffline) assert.ok(storedIds.has(id), `${k.name}: offline redemption ${id} applied`);
        // Judged by the command sent, not by the outcome: a refused outcome carries no redemption.
        let offlineChecked = 0;
        for (const [seq, cmd] of k.sent) {
          const row = await db.selectFrom('command_outcomes').select(['command_id', 'outcome']).where('device_id', '=', k.device.deviceId).where('seq', '=', seq).executeTakeFirstOrThrow();
          assert.equal(row.command_id, cmd.id, `${k.name}: seq ${seq} stored for the command sent`);
          const stored = JSON.parse(row.outcome) as CommandOutcome;
          assert.equal(stored.status, k.outcomes.get(cmd.id)!.status, `${k.name}: seq ${seq} stored as answered`);
          if (cmd.type === 'points.redeem' && (cmd.payload as PointsRedeemPayload).funding === 'kiosk-allowance') {
            assert.equal(stored.status, 'applied', `${k.name}: offline redemption seq ${seq}: ${stored.reason ?? ''}`);
            offlineChecked++;
          }
        }
        assert.equal(offlineChecked, k.confirmedOffline.length, `${k.name}: every offline redemption checked`);
        const device = await db.selectFrom('devices').select('last_seq').where('id', '=', k.device.deviceId).executeTakeFirstOrThrow();
        assert.equal(device.last_seq, k.seq, `${k.name}: every command applied once, in order`);
      }
      // Nothing twice: one redeem transfer per redemption, one outcome per command.
      const redeemTransfers = await db.selectFrom('transfers').select('redemption_id').where('kind', '=', 'redeem').execute();
      assert.equal(redeemTransfers.length, stored.length);
      assert.equal(new Set(redeemTransfers.map((t) => t.redemption_id)).size, stored.length);
      const outcomes = await db.selectFrom('command_outcomes').select('command_id').execute();
      assert.equal(new Set(outcomes.map((o) => o.command_id)).size, outcomes.length);
      // Stock: what is at the station, held by kiosks and redeemed adds up to what was there.
      for (const item of items) {
        const row = await db.selectFrom('catalogue_items').select('stock').where('id', '=', item.id).executeTakeFirstOrThrow();
        const held = await db.selectFrom('stock_holds').select('units').where('item_id', '=', item.id).execute();
        const redeemed = await db.selectFrom('redemptions').select('quantity').where('item_id', '=', item.id).where('status', '<>', 'cancelled').execute();
        assert.equal(row.stock + held.reduce((s, h) => s + h.units, 0) + redeemed.reduce((s, r) => s + r.quantity, 0), item.stock, item.name);
      }
      await verifyWebsiteRecords(db, websites);
      const online = stored.filter((r) => r.funding === 'online').length;
      const totals = {
        seed: SEED,
        pushes: kiosks.reduce((s, k) => s + k.pushes, 0),
        droppedResponses: kiosks.reduce((s, k) => s + k.dropped, 0),
        duplicatedPushes: kiosks.reduce((s, k) => s + k.duplicated, 0),
        restarts,
        killedMidPush,
        commands: kiosks.reduce((s, k) => s + k.seq, 0),
        offlineConfirmed: confirmedOffline.length,
        offlineApplied: confirmedOffline.filter((id) => storedIds.has(id)).length,
        onlineApplied: online,
        onlineRefused: kiosks.reduce((s, k) => s + [...k.outcomes.values()].filter((o) => o.status === 'rejected').length, 0),
        websiteActions: websites.reduce((s, w) => s + w.actions, 0),
        websiteOk: websites.reduce((s, w) => s + w.ok, 0),
        websiteRefused: websites.reduce((s, w) => s + w.refused, 0),
        answers5xx: server.serverErrors.length + tally.serverErrors.length,
        transfers: ledger.transfers,
        accounts: ledger.accounts,
      };
      console.log(`points chaos (${dialect.name}): ${JSON.stringify(totals)}`);
      assert.deepEqual([...server.serverErrors, ...tally.serverErrors].slice(0, 5), [], 'no answer ≥ 500');
      assert.ok(totals.commands >= 2_000, `${totals.commands} commands`);
      assert.ok(restarts >= 6 && killedMidPush >= 6, `${killedMidPush} of ${restarts} kills with a push in flight`);
      assert.ok(totals.websiteOk >= 20, 'the websites got work done');
      assert.ok(confirmedOffline.length >= 10, 'the kiosks really spent offline');
      assert.ok(online >= 10, 'and online');
    } finally {
      await db.destroy();
      await watcher.destroy();
    }
  });
});
