/**
 * Points-account snapshots batched per push chunk (server/points/account-batch.ts): a chunk that
 * touches the same residents many times answers every command exactly as a push of that command
 * alone would have, stores those outcomes, and leaves the change feed with each resident's final
 * account. Run with the server clock standing still during a push (lines tied on time) and with a
 * clock that ticks on every read (the in-memory copy of the account is kept in step).
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Change, Command, CommandActor, CommandOutcome, PointsAccountView, PushResponse } from '../../domain/index.ts';
import { buildApp } from '../../server/app.ts';
import { accountView } from '../../server/points/ledger.ts';
import { describeEachDialect } from './databases.ts';
import { assertLedgerInvariants, command, itemDraft, resident, TestKiosk, type PayloadOf } from './points-fixture.ts';
import { openFixture, type Fixture } from './station-fixture.ts';

const ZHANG = resident('张秀英');
const LI = resident('李淑珍');
const WANG = resident('王建华');
const STAFF: CommandActor = { staffNo: '1001' };

interface Step {
  type: Command['type'];
  payload: PayloadOf<Command['type']>;
  actor: CommandActor;
}

const step = <T extends Command['type']>(type: T, payload: PayloadOf<T>, actor: CommandActor): Step => ({ type, payload, actor });

/** One chunk's worth of commands, many of them about the same three residents. */
function script(): Step[] {
  const itemId = crypto.randomUUID();
  const redemptionId = crypto.randomUUID();
  const wangEarned = crypto.randomUUID();
  const award = (residentIds: string[], points: number, transferIds = residentIds.map(() => crypto.randomUUID())) =>
    step('points.award', { awards: residentIds.map((residentId, i) => ({ residentId, transferId: transferIds[i]! })), deed: 'staff-award', points, memo: `发放 ${points}` }, STAFF);
  const steps: Step[] = [step('catalogue.save', { itemId, baseRevision: null, draft: itemDraft({ cost: 7, stock: 20 }) }, STAFF)];
  for (let i = 0; i < 12; i++) steps.push(award([[ZHANG.id, LI.id, WANG.id][i % 3]!], 5 + i));
  steps.push(award([WANG.id], 9, [wangEarned]));
  steps.push(award([ZHANG.id, LI.id, WANG.id], 3));
  steps.push(step('points.redeem', { redemptionId, transferId: crypto.randomUUID(), itemId, quantity: 2, funding: 'online' }, { residentId: ZHANG.id }));
  steps.push(step('resident.ranking-opt-out', { residentId: LI.id, optOut: true }, { residentId: LI.id }));
  steps.push(award([LI.id], 4));
  steps.push(award([crypto.randomUUID()], 4)); // refused: not a resident of the station
  steps.push(step('points.reverse', { transferId: wangEarned, reversalId: crypto.randomUUID(), reason: '重复录入' }, STAFF));
  steps.push(step('points.allowance-renew', { requestedAt: new Date().toISOString() }, {}));
  for (let i = 0; i < 9; i++) steps.push(award([[LI.id, WANG.id, ZHANG.id][i % 3]!], 2 + i));
  steps.push(step('points.redeem-cancel', { redemptionId, reversalId: crypto.randomUUID(), reason: '拿错了' }, { residentId: ZHANG.id }));
  steps.push(step('resident.ranking-opt-out', { residentId: LI.id, optOut: false }, STAFF));
  steps.push(award([ZHANG.id, WANG.id], 6));
  return steps;
}

interface Station {
  f: Fixture;
  kiosk: TestKiosk;
  push(commands: Command[]): Promise<PushResponse>;
  close(): Promise<void>;
}

/** A station whose clock stands still during a push, or one that ticks a millisecond on every read. */
async function openStation(dialect: Fixture['dialect'], clock: 'still' | 'ticking'): Promise<Station> {
  const f = await openFixture(dialect);
  const kiosk = await TestKiosk.pair(f);
  let app: FastifyInstance | null = null;
  if (clock === 'ticking') {
    app = buildApp({ db: f.db, dialect, clock: () => new Date(f.now()) });
    await app.ready();
  }
  return {
    f,
    kiosk,
    async push(commands) {
      if (!app) return f.push(kiosk.token, commands);
      const proved = await Promise.all(commands.map((c) => (c.actor.staffNo ? f.prove(c) : c)));
      const res = await app.inject({ method: 'POST', url: '/api/sync/push', headers: { authorization: `Bearer ${kiosk.token}` }, payload: { commands: proved } });
      assert.equal(res.statusCode, 200, res.body);
      return res.json<PushResponse>();
    },
    async close() {
      await app?.close();
      await f.close();
    },
  };
}

/** The commands' own ids, the same at both stations (the demo seed's differ). */
const scriptIds = (commands: Command[]) => new Set(JSON.stringify(commands.map((c) => c.payload)).match(/[0-9a-f]{8}-[0-9a-f-]{27}/g));

/** Without the server's times (two stations, two clocks), the kiosk's and the seed's own ids; everything else kept. */
function timeless<T>(value: T, ids: Set<string>): T {
  return JSON.parse(JSON.stringify(value), (key, v: unknown) => {
    if (typeof v !== 'string') return v;
    if (/^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(v)) return 'time';
    if (key === 'deviceId') return 'kiosk';
    return key === 'transferId' && !ids.has(v) ? 'seed' : v;
  }) as T;
}

async function pullAll(s: Station, from = 0): Promise<{ changes: Change[]; cursor: number }> {
  const changes: Change[] = [];
  let cursor = from;
  for (let more = true; more; ) {
    const page = await s.f.pull(s.kiosk.token, cursor, 1000);
    changes.push(...page.changes);
    ({ cursor, more } = page);
  }
  return { changes, cursor };
}

async function accountFeed(s: Station): Promise<Map<string, PointsAccountView>> {
  const feed = new Map<string, PointsAccountView>();
  for (const c of (await pullAll(s)).changes) if (c.entity === 'points-account' && c.op === 'put') feed.set(c.id, c.data);
  return feed;
}

await describeEachDialect('ledger batching', (dialect) => {
  for (const clock of ['still', 'ticking'] as const) {
    it(`one chunk touching the same residents many times (clock ${clock}) answers each command as a push of it alone would, and the feed ends with the final accounts`, async () => {
      const batched = await openStation(dialect.name, clock);
      const single = await openStation(dialect.name, clock);
      try {
        if (clock === 'ticking') {
          // Every read of the clock is a millisecond later.
          for (const s of [batched, single]) {
            const base = s.f.now();
            let n = 0;
            s.f.advance = () => undefined;
            s.f.now = () => base + ++n;
          }
        }
        const steps = script();
        const commands = steps.map((s, i) => command(i + 1, s.type, s.payload, s.actor));
        const ids = scriptIds(commands);
        // The pushed lines come after the demo seed's.
        for (const s of [batched, single]) s.f.advance(60_000);
        const before = await pullAll(batched);

        const res = await batched.push(commands);
        assert.equal(res.outcomes.length, commands.length);
        assert.equal(res.lastSeq, commands.length);
        const alone: CommandOutcome[] = [];
        for (const c of commands) {
          const one = await single.push([c]);
          assert.equal(one.outcomes.length, 1);
          alone.push(one.outcomes[0]!);
        }
        assert.deepEqual(
          res.outcomes.map((o) => o.status),
          alone.map((o) => o.status),
        );
        assert.equal(res.outcomes.filter((o) => o.status === 'rejected').length, 1, JSON.stringify(res.outcomes.filter((o) => o.status !== 'applied')));
        assert.deepEqual(timeless(res.outcomes, ids), timeless(alone, ids));

        // Stored: the same push again answers from command_outcomes, word for word.
        const again = await batched.push(commands);
        assert.deepEqual(again.outcomes, res.outcomes);

        // The feed holds each touched resident's account once, as it is in the database now.
        const feed = await accountFeed(batched);
        for (const r of [ZHANG, LI, WANG]) {
          const fresh = await accountView(batched.f.db, r.id);
          assert.deepEqual(feed.get(r.id), fresh, `feed snapshot of ${r.name}`);
          assert.ok(fresh.lines.length > 0);
        }
        const byResident = (m: Map<string, PointsAccountView>) => [...m].sort(([a], [b]) => (a < b ? -1 : 1));
        assert.deepEqual(timeless(byResident(feed), ids), timeless(byResident(await accountFeed(single)), ids));
        // One row per resident: the chunk's snapshots are recorded after the cursor it started from.
        const after = await pullAll(batched, before.cursor);
        const accounts = after.changes.filter((c) => c.entity === 'points-account').map((c) => c.id);
        assert.equal(new Set(accounts).size, accounts.length);
        for (const r of [ZHANG, LI, WANG]) assert.ok(accounts.includes(r.id));

        await assertLedgerInvariants(batched.f.db);
        await assertLedgerInvariants(single.f.db);
      } finally {
        await batched.close();
        await single.close();
      }
    });
  }
});
