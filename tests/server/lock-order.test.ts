/**
 * One lock order (docs/architecture.md, "Lock order"). Website redemptions and meal bookings over
 * real HTTP while three kiosks push online redemptions, awards, bookings and allowance renewals
 * for the same residents. On PostgreSQL these lock the same rows (station, residents, items,
 * accounts) at the same time; taken in different orders they deadlock and a request fails. So:
 * no answer ≥ 500, PostgreSQL counted no deadlock in this database (pg_stat_database), and the
 * transactions really did wait for each other's row locks (sampled from pg_stat_activity), which
 * is what makes a deadlock possible at all. Then nothing lost or doubled. Prints its counts.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../server/db/schema.ts';
import {
  KioskClient,
  LOAD_RESIDENTS,
  loadItems,
  nextWeekMeals,
  prepareStation,
  prng,
  startInProcessStation,
  Tally,
  verifyNothingLostOrDoubled,
  WebsiteClient,
  type InProcessStation,
} from '../fault/load-clients.ts';
import { describeEachDialect } from './databases.ts';

const PUSHES_PER_KIOSK = 8;
const COMMANDS_PER_PUSH = 40;
const ACTIONS_PER_WEBSITE = 80;

async function deadlocksCounted(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ deadlocks: number }>`select deadlocks::int as deadlocks from pg_stat_database where datname = current_database()`.execute(db);
  return rows[0]!.deadlocks;
}

/** Samples how many sessions of this database wait for a row lock, until stopped. */
function sampleLockWaits(db: Kysely<Database>): { stop(): Promise<{ samples: number; waiting: number; most: number }> } {
  let running = true;
  const seen = { samples: 0, waiting: 0, most: 0 };
  const loop = (async () => {
    while (running) {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
      const n = rows[0]!.n;
      seen.samples++;
      if (n > 0) seen.waiting++;
      seen.most = Math.max(seen.most, n);
      await new Promise((r) => setTimeout(r, 3));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return seen;
    },
  };
}

await describeEachDialect('one lock order for every write path', (dialect) => {
  let station: InProcessStation;
  before(async () => {
    station = await startInProcessStation(dialect.name);
  });
  after(() => station?.close());

  it('website redemptions and bookings while kiosks push for the same residents: no deadlock, no 5xx', { timeout: 300_000 }, async () => {
    const tally = new Tally();
    const { target, db } = station;
    const prepared = await prepareStation(target, tally, loadItems(), 10_000);
    const itemIds = prepared.items.map((i) => i.id);
    const meals = nextWeekMeals();
    const random = prng(1313);
    const kiosks: KioskClient[] = [];
    for (const name of ['一号', '二号', '三号']) kiosks.push(new KioskClient(`${name}终端`, target, tally, random, await prepared.pair(`${name}终端`), LOAD_RESIDENTS, itemIds, meals));
    const websites = ['街道网站', '社区公众号', '养老服务网'].map((name) => new WebsiteClient(name, target, tally, random, LOAD_RESIDENTS, itemIds, meals));
    for (const w of websites) await w.signIn();

    const postgres = dialect.name === 'postgres';
    const deadlocksBefore = postgres ? await deadlocksCounted(db) : 0;
    const sampler = postgres ? sampleLockWaits(db) : null;
    await Promise.all([
      ...kiosks.map(async (k) => {
        for (let i = 0; i < PUSHES_PER_KIOSK; i++) {
          k.queueWork(COMMANDS_PER_PUSH);
          await k.pushOnce();
        }
        await k.drain();
      }),
      ...websites.map(async (w) => {
        for (let i = 0; i < ACTIONS_PER_WEBSITE; i++) await w.act(() => false);
      }),
    ]);
    const waits = await sampler?.stop();
    // The server's sessions end here, so PostgreSQL has counted every deadlock they hit.
    await station.stopServer();
    const deadlocks = postgres ? (await deadlocksCounted(db)) - deadlocksBefore : 0;

    const ledger = await verifyNothingLostOrDoubled(db, kiosks, websites, prepared.items);
    const counts = {
      commandsSent: kiosks.reduce((s, k) => s + k.seq, 0),
      commandsApplied: kiosks.reduce((s, k) => s + k.applied, 0),
      pushes: kiosks.reduce((s, k) => s + k.pushes, 0),
      websiteActions: websites.reduce((s, w) => s + w.actions, 0),
      websiteOk: websites.reduce((s, w) => s + w.ok, 0),
      websiteRefused: websites.reduce((s, w) => s + w.refused, 0),
      requests: tally.requests,
      answers5xx: tally.serverErrors.length,
      deadlocks: postgres ? deadlocks : 'n/a (SQLite: one writer at a time)',
      lockWaitSamples: waits ? `${waits.waiting} of ${waits.samples} (at most ${waits.most} waiting)` : 'n/a',
      ...ledger,
    };
    console.log(`lock order (${dialect.name}): ${JSON.stringify(counts)}`);
    assert.deepEqual(tally.serverErrors.slice(0, 5), [], `${tally.serverErrors.length} answers ≥ 500`);
    if (postgres) {
      assert.equal(deadlocks, 0, 'PostgreSQL detected no deadlock');
      assert.ok(waits!.waiting > 0, 'the transactions really waited for each other’s row locks');
    }
    assert.ok(counts.websiteOk > 50 && counts.commandsApplied > 300, 'both kinds of client really got work done');
  });
});
