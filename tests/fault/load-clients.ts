/**
 * Clients for load and fault tests, written the way the real ones behave: kiosks (paired devices
 * pushing an outbox over HTTP, keeping every command until its outcome arrives) and websites
 * (residents redeeming points and booking meals over HTTP, retrying an unanswered action with the
 * same id). Every answer is tallied, so a test can assert that no request got a 5xx and that
 * what a client was told happened is stored exactly once (verifyNothingLostOrDoubled).
 *
 * Used by tests/server/lock-order.test.ts, tests/fault/mixed-load.test.ts,
 * tests/server/points-chaos.test.ts and bench/mixed-load.ts.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import {
  addCalendarDays,
  deriveCommandKey,
  importCommandKey,
  proveCommand,
  mondayOf,
  stationDateOf,
  type ApiError,
  type CatalogueItem,
  type CatalogueItemDraft,
  type Command,
  type CommandActor,
  type CommandOutcome,
  type DevicePairResponse,
  type KioskResidentSignInResponse,
  type MealKind,
  type PullResponse,
  type PushResponse,
  type ResidentLoginResponse,
  type StaffCredential,
  type StaffLoginResponse,
} from '../../domain/index.ts';
import { buildApp } from '../../server/app.ts';
import { openPostgres } from '../../server/db/connection.ts';
import { migrateToLatest } from '../../server/db/migrations.ts';
import type { Database, DialectName } from '../../server/db/schema.ts';
import { DEMO_RESIDENTS, DEMO_STAFF, DEMO_STATION, seedDemoData, type DemoResident } from '../../server/seed/demo-data.ts';
import { createTestDatabase, type TestDatabase } from '../server/databases.ts';
import { exited, startServer, type Running } from '../server/server-process.ts';
import { assertLedgerInvariants, command, itemDraft, type PayloadOf } from '../server/points-fixture.ts';

export const LOAD_RESIDENTS: readonly DemoResident[] = DEMO_RESIDENTS.filter((r) => r.stationId === DEMO_STATION.id);

/** The staff member whose commands the load kiosks send (the demo manager). */
const LOAD_STAFF = DEMO_STAFF.find((s) => s.staffNo === '1001')!;

/**
 * Sign-in limits wide enough for load tests, whose clients all come from 127.0.0.1 (the limits
 * themselves are tested in tests/server/login-limits.test.ts); for a child server's environment.
 */
export const LOAD_TEST_LOGIN_ENV = { LINLI_LOGIN_PER_CLIENT_PER_MINUTE: '1000000', LINLI_LOGIN_GLOBAL_PER_MINUTE: '1000000' };
const LOAD_TEST_LOGIN_LIMITS = { perClient: { max: 1_000_000, seconds: 60 }, global: { max: 1_000_000, seconds: 60 } };

/** Signs a staff command as the kiosk does: the proof leaves out seq, so a renumbered command keeps it. */
export type StaffProver = (command: Command) => Promise<Command>;

/** A paired kiosk with what its staff sign-in gave it: the command key of the load staff member. */
export interface PairedKiosk extends DevicePairResponse {
  prove: StaffProver;
}

/** The server did not answer (it is down, or the connection broke): the client tries again later. */
export class NetworkDown extends Error {}

/** Where the clients send requests: null while the server is down (between a kill and its restart). */
export interface Target {
  base: string | null;
}

/** Every answer the clients got, by kind. */
export class Tally {
  requests = 0;
  inFlight = 0;
  pushesInFlight = 0;
  networkFailures = 0;
  /** Every answer ≥ 500: method, path and body, to print. */
  readonly serverErrors: string[] = [];
}

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface Answer<T> {
  status: number;
  body: T;
}

/** One request. Throws NetworkDown when nothing was answered; an answer ≥ 500 is tallied and returned. */
export async function send<T>(target: Target, tally: Tally, method: 'GET' | 'POST', path: string, body?: unknown, token?: string): Promise<Answer<T>> {
  const base = target.base;
  if (base === null) throw new NetworkDown('server down');
  const push = path === '/api/sync/push';
  tally.requests++;
  tally.inFlight++;
  if (push) tally.pushesInFlight++;
  try {
    let res: Response;
    let text: string;
    try {
      res = await fetch(`${base}${path}`, {
        method,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      text = await res.text();
    } catch (error) {
      tally.networkFailures++;
      throw new NetworkDown(String(error));
    }
    if (res.status >= 500) tally.serverErrors.push(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  } finally {
    tally.inFlight--;
    if (push) tally.pushesInFlight--;
  }
}

/**
 * The same request until it is answered below 500, as a client retries an action it got no
 * answer for (same ids, so the server can tell it is the same action). `stop()` true gives up.
 */
async function untilAnswered<T>(target: Target, tally: Tally, method: 'GET' | 'POST', path: string, body: unknown, token: string | undefined, stop: () => boolean): Promise<Answer<T> | null> {
  for (let attempt = 0; ; attempt++) {
    try {
      const answer = await send<T>(target, tally, method, path, body, token);
      if (answer.status < 500) return answer;
    } catch (error) {
      if (!(error instanceof NetworkDown)) throw error;
    }
    if (stop()) return null;
    await sleep(Math.min(20 * (attempt + 1), 200));
  }
}

function expectStatus(answer: Answer<unknown>, allowed: number[], what: string): void {
  assert.ok(allowed.includes(answer.status), `${what}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
}

/** The station as the tests prepare it: staff signed in, an admin kiosk, items in the shop, points for everyone. */
export interface PreparedStation {
  staffToken: string;
  items: CatalogueItem[];
  /** Pairs a kiosk, signs the load residents in there online once (so it may act for them) and derives the staff key from its feed. */
  pair(name: string): Promise<PairedKiosk>;
}

/**
 * What the kiosk's staff sign-in does: read the staff credential from the feed, derive the command
 * key K from the typed secret and the replicated salt, and sign each staff command with it.
 */
async function staffProverFromFeed(target: Target, tally: Tally, deviceToken: string): Promise<StaffProver> {
  let credential: StaffCredential | undefined;
  for (let cursor = 0; credential === undefined; ) {
    const page = await send<PullResponse>(target, tally, 'GET', `/api/sync/pull?cursor=${cursor}`, undefined, deviceToken);
    expectStatus(page, [200], 'pull');
    for (const c of page.body.changes) if (c.entity === 'staff' && c.op === 'put' && (c.data as StaffCredential).staffNo === LOAD_STAFF.staffNo) credential = c.data as StaffCredential;
    if (!page.body.more) break;
    cursor = page.body.cursor;
  }
  assert.ok(credential, `the feed holds staff ${LOAD_STAFF.staffNo}`);
  const key = await importCommandKey(await deriveCommandKey(LOAD_STAFF.secret, credential.commandKeySalt, Number(credential.pinHash.split('$')[1])));
  return async (cmd) => {
    const { staffProof: _old, ...actor } = cmd.actor;
    return { ...cmd, actor: { ...actor, staffProof: await proveCommand(key, { ...cmd, actor }) } };
  };
}

/** Adds the staff proof to every command that names a staff member and has none yet (in place). */
async function proveWaiting(prove: StaffProver, commands: readonly Command[]): Promise<void> {
  for (const c of commands) if (c.actor.staffNo !== undefined && c.actor.staffProof === undefined) c.actor = (await prove(c)).actor;
}

export async function prepareStation(target: Target, tally: Tally, drafts: CatalogueItemDraft[], pointsEach: number): Promise<PreparedStation> {
  const must = async <T>(path: string, body: unknown, token?: string): Promise<T> => {
    const answer = await send<T>(target, tally, 'POST', path, body, token);
    expectStatus(answer, [200, 201], path);
    return answer.body;
  };
  const login = await must<StaffLoginResponse>('/api/staff/login', { stationId: DEMO_STATION.id, staffNo: LOAD_STAFF.staffNo, pin: LOAD_STAFF.secret });
  const pair = async (name: string): Promise<PairedKiosk> => {
    const { code } = await must<{ code: string }>('/api/staff/pairing-codes', {}, login.token);
    const device = await must<DevicePairResponse>('/api/devices/pair', { code, name });
    for (const r of LOAD_RESIDENTS) await must<KioskResidentSignInResponse>('/api/sync/resident-sign-in', { phone: r.phone, pin: r.pin }, device.deviceToken);
    return { ...device, prove: await staffProverFromFeed(target, tally, device.deviceToken) };
  };
  const admin = await pair('测试准备终端');
  const commands: Command[] = drafts.map((draft, i) => command(i + 1, 'catalogue.save', { itemId: crypto.randomUUID(), baseRevision: null, draft }, { staffNo: '1001' }));
  commands.push(
    command(commands.length + 1, 'points.award', { awards: LOAD_RESIDENTS.map((r) => ({ residentId: r.id, transferId: crypto.randomUUID() })), deed: 'staff-award', points: pointsEach, memo: '负载测试 准备积分' }, { staffNo: '1001' }),
  );
  await proveWaiting(admin.prove, commands);
  const pushed = await must<PushResponse>('/api/sync/push', { commands }, admin.deviceToken);
  for (const o of pushed.outcomes) assert.equal(o.status, 'applied', o.reason);
  const items = pushed.outcomes.slice(0, drafts.length).map((o) => o.catalogueItem!);
  return { staffToken: login.token, items, pair };
}

/** Next week's lunches and dinners (the demo has menus for it; booking closes the day before). */
export function nextWeekMeals(now = new Date()): { date: string; meal: MealKind }[] {
  const monday = addCalendarDays(mondayOf(stationDateOf(now)), 7);
  return [0, 1, 2, 3, 4].flatMap((d) => (['lunch', 'dinner'] as const).map((meal) => ({ date: addCalendarDays(monday, d), meal })));
}

export interface WebsiteRecord {
  /** Answered 200/201: must be stored once; the value is the resident. */
  redeemed: Map<string, string>;
  /** Answered 409: must not be stored. */
  redeemRefused: Set<string>;
  redemptionsCancelled: Set<string>;
  booked: Map<string, string>;
  bookRefused: Set<string>;
  bookingsCancelled: Set<string>;
}

/** A district website: residents sign in, then redeem, book and cancel, one action at a time. */
export class WebsiteClient {
  readonly record: WebsiteRecord = { redeemed: new Map(), redeemRefused: new Set(), redemptionsCancelled: new Set(), booked: new Map(), bookRefused: new Set(), bookingsCancelled: new Set() };
  readonly tokens = new Map<string, string>();
  actions = 0;

  constructor(
    readonly name: string,
    readonly target: Target,
    readonly tally: Tally,
    readonly random: () => number,
    readonly residents: readonly DemoResident[],
    readonly itemIds: readonly string[],
    readonly meals: readonly { date: string; meal: MealKind }[],
  ) {}

  get ok(): number {
    return this.record.redeemed.size + this.record.booked.size + this.record.redemptionsCancelled.size + this.record.bookingsCancelled.size;
  }
  get refused(): number {
    return this.record.redeemRefused.size + this.record.bookRefused.size;
  }

  async signIn(stop: () => boolean = () => false): Promise<void> {
    for (const r of this.residents) {
      const answer = await untilAnswered<ResidentLoginResponse>(this.target, this.tally, 'POST', '/api/residents/login', { stationId: DEMO_STATION.id, phone: r.phone, pin: r.pin }, undefined, stop);
      if (!answer) return;
      expectStatus(answer, [200], `${this.name} login ${r.name}`);
      this.tokens.set(r.id, answer.body.token);
    }
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)]!;
  }

  /** One action, retried with the same ids until answered (or `stop()`); the answer is recorded. */
  async act(stop: () => boolean): Promise<void> {
    const r = this.pick(this.residents);
    const token = this.tokens.get(r.id)!;
    const roll = this.random();
    this.actions++;
    const post = <T>(path: string, body: unknown) => untilAnswered<T>(this.target, this.tally, 'POST', path, body, token, stop);
    if (roll < 0.5) {
      const redemptionId = crypto.randomUUID();
      const answer = await post<ApiError>('/api/residents/me/redemptions', { redemptionId, itemId: this.pick(this.itemIds), quantity: 1 });
      if (!answer) return;
      expectStatus(answer, [200, 201, 409], `${this.name} redeem`);
      if (answer.status === 409) this.record.redeemRefused.add(redemptionId);
      else this.record.redeemed.set(redemptionId, r.id);
    } else if (roll < 0.85) {
      const bookingId = crypto.randomUUID();
      const choice = this.pick(this.meals);
      const answer = await post<ApiError>('/api/residents/me/meals', { bookingId, ...choice, set: 'A', variant: null, mode: 'dine-in' });
      if (!answer) return;
      expectStatus(answer, [200, 201, 409], `${this.name} book`);
      if (answer.status === 409) this.record.bookRefused.add(bookingId);
      else this.record.booked.set(bookingId, r.id);
    } else if (roll < 0.95) {
      const mine = [...this.record.booked].filter(([id, who]) => who === r.id && !this.record.bookingsCancelled.has(id));
      if (mine.length === 0) return;
      const [bookingId] = this.pick(mine);
      const answer = await post<unknown>(`/api/residents/me/meals/${bookingId}/cancel`, {});
      if (!answer) return;
      expectStatus(answer, [200], `${this.name} cancel booking`);
      this.record.bookingsCancelled.add(bookingId);
    } else {
      const mine = [...this.record.redeemed].filter(([id, who]) => who === r.id && !this.record.redemptionsCancelled.has(id));
      if (mine.length === 0) return;
      const [redemptionId] = this.pick(mine);
      const answer = await post<unknown>(`/api/residents/me/redemptions/${redemptionId}/cancel`, null);
      if (!answer) return;
      // 409: the kiosk handed it out or the undo window passed; nothing changed.
      expectStatus(answer, [200, 409], `${this.name} cancel redemption`);
      if (answer.status === 200) this.record.redemptionsCancelled.add(redemptionId);
    }
  }

  /** Act until `stop()`; an action already begun is retried until answered, so its fate is known. */
  async run(stop: () => boolean): Promise<void> {
    while (!stop()) await this.act(() => false);
  }
}

/**
 * A kiosk: an outbox of commands (online redemptions by residents, awards by staff, allowance
 * renewals, meal bookings), pushed in batches; a command leaves the outbox only with its outcome.
 */
export class KioskClient {
  readonly outbox: Command[] = [];
  readonly sent = new Map<string, Command>();
  readonly outcomes = new Map<string, CommandOutcome>();
  seq = 0;
  pushes = 0;

  constructor(
    readonly name: string,
    readonly target: Target,
    readonly tally: Tally,
    readonly random: () => number,
    readonly device: PairedKiosk,
    readonly residents: readonly DemoResident[],
    readonly itemIds: readonly string[],
    readonly meals: readonly { date: string; meal: MealKind }[],
  ) {}

  get applied(): number {
    return [...this.outcomes.values()].filter((o) => o.status === 'applied').length;
  }

  enqueue<T extends Command['type']>(type: T, payload: PayloadOf<T>, actor: CommandActor): Command {
    const cmd = command(++this.seq, type, payload, actor);
    this.outbox.push(cmd);
    this.sent.set(cmd.id, cmd);
    return cmd;
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)]!;
  }

  /** What people do at a kiosk, `count` times. */
  queueWork(count: number): void {
    for (let i = 0; i < count; i++) {
      const roll = this.random();
      const r = this.pick(this.residents);
      if (roll < 0.55) {
        this.enqueue('points.redeem', { redemptionId: crypto.randomUUID(), transferId: crypto.randomUUID(), itemId: this.pick(this.itemIds), quantity: 1, funding: 'online' }, { residentId: r.id });
      } else if (roll < 0.8) {
        const several = [...new Set([r, this.pick(this.residents), this.pick(this.residents)])];
        this.enqueue('points.award', { awards: several.map((x) => ({ residentId: x.id, transferId: crypto.randomUUID() })), deed: 'activity', points: 5, memo: '负载测试 参加活动' }, { staffNo: '1001' });
      } else if (roll < 0.95) {
        this.enqueue('meal.book', { bookingId: crypto.randomUUID(), ...this.pick(this.meals), set: 'A', variant: null, mode: 'dine-in', provisional: false }, { residentId: r.id });
      } else {
        this.enqueue('points.allowance-renew', { requestedAt: new Date().toISOString() }, {});
      }
    }
  }

  /** One push of the oldest (≤ `batch`) waiting commands. False when nothing was answered. */
  async pushOnce(batch = 200): Promise<boolean> {
    if (this.outbox.length === 0) return true;
    const commands = this.outbox.slice(0, batch);
    await proveWaiting(this.device.prove, commands);
    this.pushes++;
    let answer: Answer<PushResponse>;
    try {
      answer = await send<PushResponse>(this.target, this.tally, 'POST', '/api/sync/push', { commands }, this.device.deviceToken);
    } catch (error) {
      if (error instanceof NetworkDown) return false;
      throw error;
    }
    if (answer.status >= 500) return false;
    expectStatus(answer, [200], `${this.name} push`);
    const response = answer.body;
    assert.equal(response.expectedSeq, undefined, `${this.name}: no gap ever`);
    for (const o of response.outcomes) {
      const known = this.outcomes.get(o.commandId);
      if (known) assert.equal(o.status, known.status, `${this.name}: a command answered twice answers the same`);
      this.outcomes.set(o.commandId, o);
    }
    const done = new Set(response.outcomes.map((o) => o.commandId));
    for (let i = this.outbox.length - 1; i >= 0; i--) if (done.has(this.outbox[i]!.id)) this.outbox.splice(i, 1);
    return true;
  }

  /** Keep queueing and pushing until `stop()`; then the outbox is drained by drain(). */
  async run(stop: () => boolean, perPush = 40): Promise<void> {
    while (!stop()) {
      if (this.outbox.length < perPush) this.queueWork(perPush);
      if (!(await this.pushOnce())) await sleep(50);
    }
  }

  async drain(): Promise<void> {
    for (let attempt = 0; this.outbox.length > 0; attempt++) {
      assert.ok(attempt < 400, `${this.name}: the outbox drains`);
      if (!(await this.pushOnce(500))) await sleep(100);
    }
  }
}

/**
 * Nothing lost, nothing doubled: every command a kiosk was told applied is stored once with that
 * outcome (and its redemption, transfers or booking exist once); every website action answered
 * OK is stored once and every refused one not at all; the ledger balances; stock adds up.
 */
export async function verifyNothingLostOrDoubled(
  db: Kysely<Database>,
  kiosks: readonly KioskClient[],
  websites: readonly WebsiteClient[],
  items: readonly CatalogueItem[],
): Promise<{ transfers: number; accounts: number }> {
  const ledger = await assertLedgerInvariants(db);
  const redemptions = new Map((await db.selectFrom('redemptions').select(['id', 'resident_id', 'status']).execute()).map((r) => [r.id, r]));
  const bookings = new Map((await db.selectFrom('meal_bookings').select(['id', 'resident_id', 'status']).execute()).map((b) => [b.id, b]));
  const transferIds = new Set((await db.selectFrom('transfers').select('id').execute()).map((t) => t.id));
  for (const k of kiosks) {
    assert.equal(k.outbox.length, 0, `${k.name}: drained`);
    const stored = await db.selectFrom('command_outcomes').select(['seq', 'command_id', 'outcome']).where('device_id', '=', k.device.deviceId).orderBy('seq').execute();
    assert.equal(stored.length, k.seq, `${k.name}: one outcome row per command`);
    assert.equal(new Set(stored.map((s) => s.command_id)).size, k.seq);
    const device = await db.selectFrom('devices').select('last_seq').where('id', '=', k.device.deviceId).executeTakeFirstOrThrow();
    assert.equal(device.last_seq, k.seq, `${k.name}: every command applied once, in order`);
    for (const row of stored) {
      const cmd = k.sent.get(row.command_id);
      assert.ok(cmd, `${k.name}: stored command ${row.command_id} was sent by this kiosk`);
      assert.equal(cmd.seq, row.seq);
      const told = k.outcomes.get(row.command_id);
      assert.ok(told, `${k.name}: command ${row.seq} was answered`);
      assert.equal((JSON.parse(row.outcome) as CommandOutcome).status, told.status, `${k.name}: command ${row.seq} stored as answered`);
      const applied = told.status === 'applied';
      if (cmd.type === 'points.redeem') {
        const p = cmd.payload as PayloadOf<'points.redeem'>;
        assert.equal(redemptions.has(p.redemptionId), applied, `${k.name}: redemption ${p.redemptionId} stored iff applied (${told.status} ${told.reason ?? ''})`);
        assert.equal(transferIds.has(p.transferId), applied);
      } else if (cmd.type === 'points.award') {
        for (const a of (cmd.payload as PayloadOf<'points.award'>).awards) assert.equal(transferIds.has(a.transferId), applied, `${k.name}: award transfer stored iff applied`);
      } else if (cmd.type === 'meal.book') {
        const id = (cmd.payload as PayloadOf<'meal.book'>).bookingId;
        assert.equal(bookings.has(id), applied, `${k.name}: booking stored iff applied (${told.status} ${told.reason ?? ''})`);
      } else if (cmd.type === 'points.allowance-renew') {
        assert.equal(told.status, 'applied', `${k.name}: renew ${told.reason ?? ''}`);
      }
    }
  }
  await verifyWebsiteRecords(db, websites);
  // One redeem transfer per redemption; cancelled ones reversed once.
  const redeemTransfers = await db.selectFrom('transfers').select('redemption_id').where('kind', '=', 'redeem').execute();
  assert.equal(redeemTransfers.length, redemptions.size, 'one redeem transfer per redemption');
  assert.equal(new Set(redeemTransfers.map((t) => t.redemption_id)).size, redemptions.size);
  // Stock: what is at the station, held by kiosks and redeemed (not cancelled) adds up to what was there.
  for (const item of items) {
    const row = await db.selectFrom('catalogue_items').select('stock').where('id', '=', item.id).executeTakeFirstOrThrow();
    const held = await db.selectFrom('stock_holds').select('units').where('item_id', '=', item.id).execute();
    const redeemed = await db.selectFrom('redemptions').select('quantity').where('item_id', '=', item.id).where('status', '<>', 'cancelled').execute();
    assert.equal(row.stock + held.reduce((s, h) => s + h.units, 0) + redeemed.reduce((s, r) => s + r.quantity, 0), item.stock, `stock of ${item.name} adds up`);
  }
  return ledger;
}


/** Every website action answered OK is stored (once: ids are keys) as answered; every refused one is not stored. */
export async function verifyWebsiteRecords(db: Kysely<Database>, websites: readonly WebsiteClient[]): Promise<void> {
  const redemptions = new Map((await db.selectFrom('redemptions').select(['id', 'resident_id', 'status']).execute()).map((r) => [r.id, r]));
  const bookings = new Map((await db.selectFrom('meal_bookings').select(['id', 'resident_id', 'status']).execute()).map((b) => [b.id, b]));
  for (const w of websites) {
    const rec = w.record;
    for (const [id, residentId] of rec.redeemed) {
      const row = redemptions.get(id);
      assert.equal(row?.resident_id, residentId, `${w.name}: redemption ${id} answered OK is stored`);
      assert.equal(row.status === 'cancelled', rec.redemptionsCancelled.has(id), `${w.name}: redemption ${id} cancelled iff answered so`);
    }
    for (const id of rec.redeemRefused) assert.equal(redemptions.has(id), false, `${w.name}: refused redemption ${id} not stored`);
    for (const [id, residentId] of rec.booked) {
      const row = bookings.get(id);
      assert.equal(row?.resident_id, residentId, `${w.name}: booking ${id} answered OK is stored`);
      assert.equal(row.status, rec.bookingsCancelled.has(id) ? 'cancelled' : 'confirmed', `${w.name}: booking ${id}`);
    }
    for (const id of rec.bookRefused) assert.equal(bookings.has(id), false, `${w.name}: refused booking ${id} not stored`);
  }
}

/**
 * A station server in this process on a fresh database, listening on a loopback port. The server
 * has its own connections (`db` is the test's), so stopping it closes them: PostgreSQL then
 * counts what those sessions saw (pg_stat_database is written when a session ends).
 */
export interface InProcessStation {
  target: Target;
  database: TestDatabase;
  db: Kysely<Database>;
  stopServer(): Promise<void>;
  close(): Promise<void>;
}

export async function startInProcessStation(dialect: DialectName): Promise<InProcessStation> {
  const database = await createTestDatabase(dialect);
  await migrateToLatest(database.db, dialect);
  await seedDemoData(database.db, { pinIterations: 1_000 });
  const serverDb = dialect === 'postgres' ? openPostgres(database.env.DATABASE_URL!, 10) : database.connect();
  const app = buildApp({ db: serverDb, dialect, loginLimits: LOAD_TEST_LOGIN_LIMITS });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const target: Target = { base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
  let running = true;
  const stopServer = async () => {
    if (!running) return;
    running = false;
    target.base = null;
    await app.close();
    await serverDb.destroy();
  };
  return {
    target,
    database,
    db: database.db,
    stopServer,
    async close() {
      await stopServer();
      await database.dispose();
    },
  };
}

/** The items every load test stocks: plenty of units, and one that runs out. */
export function loadItems(): CatalogueItemDraft[] {
  return [
    itemDraft({ name: '负载测试 鸡蛋', cost: 3, stock: 100_000 }),
    itemDraft({ name: '负载测试 量血压', cost: 1, stock: 100_000, kind: 'service' }),
    itemDraft({ name: '负载测试 洗衣液', cost: 8, stock: 40 }),
  ];
}

/**
 * The real server (server/main.ts) as a child process on a fresh database, which the test can
 * SIGKILL and start again; `db` is the test's own connection to that database.
 */
export class ChildStation {
  readonly target: Target = { base: null };
  current: Running | null = null;
  kills = 0;
  /** Requests (and pushes) in flight at each kill: proof that the kill landed mid-traffic. */
  readonly inFlightAtKills: { requests: number; pushes: number }[] = [];
  private readonly children: Running[] = [];

  private constructor(readonly database: TestDatabase) {}

  get db(): Kysely<Database> {
    return this.database.db;
  }

  static async start(dialect: DialectName): Promise<ChildStation> {
    const station = new ChildStation(await createTestDatabase(dialect));
    await station.startServer();
    return station;
  }

  async startServer(): Promise<void> {
    this.current = await startServer({ ...this.database.env, ...LOAD_TEST_LOGIN_ENV });
    this.children.push(this.current);
    this.target.base = this.current.base;
  }

  /**
   * SIGKILL once `ready()` says the moment is right (e.g. a push in flight; it waits up to 2 s
   * for it), then start again on the same database.
   */
  async killAndRestart(tally: Tally, ready: () => boolean = () => tally.inFlight > 0): Promise<void> {
    for (let waited = 0; !ready() && waited < 2_000; waited++) await sleep(1);
    const old = this.current!;
    this.inFlightAtKills.push({ requests: tally.inFlight, pushes: tally.pushesInFlight });
    old.child.kill('SIGKILL');
    this.target.base = null;
    this.current = null;
    const exit = await exited(old.child);
    assert.equal(exit.signal, 'SIGKILL');
    this.kills++;
    await this.startServer();
  }

  /** SIGTERM: the server must stop cleanly (exit 0). */
  async stopServer(): Promise<void> {
    const running = this.current;
    if (!running) return;
    this.target.base = null;
    this.current = null;
    running.child.kill('SIGTERM');
    assert.equal((await exited(running.child)).code, 0, running.output().slice(-2_000));
  }

  async close(): Promise<void> {
    for (const c of this.children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
    for (const c of this.children) await exited(c.child);
    await this.database.dispose();
  }
}
